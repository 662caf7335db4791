import ChildProcesses
import Foundation
import NIOCore
import Synchronization
import Testing

/// Collects what a child printed, per stream.
final class Printed: Sendable {
    private let state = Mutex<[ProcessStream: [UInt8]]>([:])
    func append(_ buffer: ByteBuffer, _ stream: ProcessStream) {
        state.withLock { $0[stream, default: []].append(contentsOf: buffer.readableBytesView) }
    }
    func text(_ stream: ProcessStream) -> String { state.withLock { String(decoding: $0[stream] ?? [], as: UTF8.self) } }
}

@Suite struct ChildProcessTests {
    private func run(_ argv: [String], input: String? = nil, environment: ProcessCommand.Environment = .inherited(adding: [:]),
                     directory: String? = nil) async throws -> (ProcessExitStatus, Printed) {
        let printed = Printed()
        let status = try await ChildProcess.run(
            ProcessCommand(argv: argv, environment: environment, workingDirectory: directory)!,
            input: input.map { ByteBuffer(string: $0) }, killGracePeriod: .seconds(2)
        ) { stream, buffer in printed.append(buffer, stream) }
        return (status, printed)
    }

    @Test func stdoutStderrStdinAndTheExitStatusArriveSeparately() async throws {
        let (status, printed) = try await run(["sh", "-c", "read x; echo out-$x; echo err >&2; exit 3"], input: "hello\n")
        #expect(status == .exited(3))
        #expect(printed.text(.stdout) == "out-hello\n")
        #expect(printed.text(.stderr) == "err\n")
    }

    @Test func theEnvironmentIsAddedToOrReplaced() async throws {
        let (_, added) = try await run(["sh", "-c", "echo $BP_TEST_VAR-${HOME:+home}"],
                                       environment: .inherited(adding: ["BP_TEST_VAR": "v"]))
        #expect(added.text(.stdout) == "v-home\n")
        let (_, exact) = try await run(["/bin/sh", "-c", "echo $BP_TEST_VAR-${HOME:-nohome}"],
                                       environment: .exactly(["BP_TEST_VAR": "w"]))
        #expect(exact.text(.stdout) == "w-nohome\n")
    }

    @Test func theCommandStartsInItsWorkingDirectory() async throws {
        let (_, printed) = try await run(["pwd"], directory: "/tmp")
        #expect(printed.text(.stdout) == "/tmp\n")
        #expect(throws: ProcessError.self) { try ChildProcess.spawn(ProcessCommand("pwd", workingDirectory: "/nonexistent-dir")) }
    }

    @Test func theChildInheritsNoDescriptorButItsThreeStreams() async throws {
        // An engine descriptor leaking into a child would keep pipes open (a lock
        // holder would miss end-of-file when the engine dies).
        let (_, printed) = try await run(["sh", "-c", "ls /proc/self/fd"])
        let fds = printed.text(.stdout).split(separator: "\n").compactMap { Int($0) }
        // 0, 1, 2, and the directory `ls` opened to list.
        #expect(fds.filter { $0 > 3 }.isEmpty, "inherited: \(fds)")
    }

    @Test func theChildLeadsItsOwnProcessGroupWithDefaultSignals() async throws {
        signal(SIGPIPE, SIG_IGN)  // as the engine does: the child must not inherit it
        let (_, printed) = try await run(["sh", "-c", "echo $$; ps -o pgid= -p $$; grep SigIgn /proc/self/status"])
        let lines = printed.text(.stdout).split(separator: "\n").map { $0.trimmingCharacters(in: .whitespaces) }
        #expect(lines.count == 3)
        #expect(lines[0] == lines[1], "pid \(lines[0]) leads group \(lines[1])")
        // SIGHUP, SIGINT, SIGPIPE and SIGTERM are back to their defaults (the
        // engine ignores or handles them); glibc's own real-time signals may stay.
        let ignored = try #require(UInt64(lines[2].split(separator: "\t").last ?? "", radix: 16))
        for signal in [SIGHUP, SIGINT, SIGPIPE, SIGTERM, SIGQUIT] {
            #expect(ignored & (1 << UInt64(signal - 1)) == 0, "signal \(signal) is ignored in the child")
        }
    }

    @Test func aMissingProgramIsNamed() {
        #expect(throws: ProcessError.executableNotFound("no-such-program-xyz", searched: ["/usr/bin"])) {
            try ChildProcess.spawn(ProcessCommand("no-such-program-xyz", environment: .exactly(["PATH": "/usr/bin"])))
        }
        #expect(ProcessCommand(argv: []) == nil)
    }

    @Test func cancellingKillsTheWholeGroupEvenAChildThatIgnoresSIGTERM() async throws {
        let pidFile = FileManager.default.temporaryDirectory.appendingPathComponent("cp-\(UUID().uuidString)").path
        defer { try? FileManager.default.removeItem(atPath: pidFile) }
        let printed = Printed()
        let task = Task {
            try await ChildProcess.run(
                ProcessCommand("sh", ["-c", "sh -c 'trap \"\" TERM; echo $$ > \(pidFile); while :; do sleep 0.05; done' & wait"]),
                killGracePeriod: .milliseconds(300)
            ) { stream, buffer in printed.append(buffer, stream) }
        }
        var grandchild: Int32?
        for _ in 0..<400 where grandchild == nil {
            try await Task.sleep(for: .milliseconds(25))
            grandchild = (try? String(contentsOfFile: pidFile, encoding: .utf8)).flatMap { Int32($0.trimmingCharacters(in: .whitespacesAndNewlines)) }
        }
        let pid = try #require(grandchild)
        task.cancel()
        let status = try await task.value
        #expect(status == .signaled(SIGTERM))
        var gone = false
        for _ in 0..<400 where !gone {
            try await Task.sleep(for: .milliseconds(25))
            gone = kill(pid, 0) != 0 || (try? String(contentsOfFile: "/proc/\(pid)/stat", encoding: .utf8))?.contains(") Z ") == true
        }
        #expect(gone, "the grandchild ignoring SIGTERM was still alive")
    }

    @Test func everyByteArrivesInReadsOfAtMost256KiBEvenWithASlowConsumer() async throws {
        // The bound on memory comes from these bounded reads plus NIO's back-pressure
        // (4 reads buffered); the engine-level RSS test measures the whole of it.
        let taken = Mutex(0)
        let maxAhead = Mutex(0)
        let status = try await ChildProcess.run(
            ProcessCommand("sh", ["-c", "head -c 67108864 /dev/zero"]), killGracePeriod: .seconds(1)
        ) { _, buffer in
            taken.withLock { $0 += buffer.readableBytes }
            try? await Task.sleep(for: .milliseconds(1))
            maxAhead.withLock { $0 = max($0, buffer.readableBytes) }
        }
        #expect(status == .exited(0))
        #expect(taken.withLock { $0 } == 64 << 20)
        #expect(maxAhead.withLock { $0 } <= 256 << 10)
    }
}
