import Foundation
import NIOCore
import Testing
@testable import KubeClient

/// Pod exec over WebSocket through the API server to the test kubelet, which runs
/// the command as a local process (so the tests can see it with pgrep).
@Suite(.enabled(if: Envtest.enabled), .serialized) struct ExecTests {
    @Test func stdoutAndStderrArriveSeparatelyAndV4IsNegotiated() async throws {
        try await Envtest.withClient { client in
            let ns = try await Envtest.makeNamespace(client, prefix: "exec")
            let pod = try await Envtest.makePod(client, namespace: ns)
            let output = try await client.execCollecting(
                namespace: ns, pod: pod, command: ["sh", "-c", "echo out-$KUBERNETES_CONTAINER_NAME; echo err >&2; echo out2"],
                options: ExecOptions(container: "main"))
            #expect(output.stdoutText == "out-main\nout2\n")
            #expect(output.stderrText == "err\n")
            #expect(output.result.exitCode == 0)
            // The test kubelet refuses offers naming v5 (as kubelet 1.20 does): the fallback must have run.
            #expect(output.result.subprotocolOffer == "v4.channel.k8s.io")
        }
    }

    @Test func argvIsPassedVerbatim() async throws {
        try await Envtest.withClient { client in
            let ns = try await Envtest.makeNamespace(client, prefix: "argv")
            let pod = try await Envtest.makePod(client, namespace: ns)
            let tricky = ["a b", "$HOME", "'q'", "\"dq\"", "x&y=z", "ü", ""]
            let output = try await client.execCollecting(namespace: ns, pod: pod, command: ["printf", "[%s]\\n"] + tricky)
            #expect(output.stdoutText == tricky.map { "[\($0)]\n" }.joined())
        }
    }

    @Test func stdinRoundTrip() async throws {
        try await Envtest.withClient { client in
            let ns = try await Envtest.makeNamespace(client, prefix: "stdin")
            let pod = try await Envtest.makePod(client, namespace: ns)
            let input = (0..<200_000).map { UInt8(truncatingIfNeeded: $0 &* 31 &+ 7) }
            // v4 cannot close stdin, so the command reads exactly what is sent.
            let output = try await client.execCollecting(
                namespace: ns, pod: pod, command: ["sh", "-c", "head -c \(input.count) | od -An -tx1 | tr -d ' \\n' | head -c 64; echo; echo done >&2"],
                stdin: input)
            let expected = input.prefix(32).map { String(format: "%02x", $0) }.joined()
            #expect(output.stdoutText == expected + "\n")
            #expect(output.stderrText == "done\n")
        }
    }

    @Test func stdinStreamsInPieces() async throws {
        try await Envtest.withClient { client in
            let ns = try await Envtest.makeNamespace(client, prefix: "stdin2")
            let pod = try await Envtest.makePod(client, namespace: ns)
            let (stream, continuation) = AsyncThrowingStream<ByteBuffer, any Error>.makeStream()
            let collector = OutputCollector(limit: 1 << 20)
            async let result = client.exec(namespace: ns, pod: pod, command: ["head", "-c", "12"], stdin: stream,
                                           stdout: { try collector.append($0, stream: 1) }, stderr: { _ in })
            for piece in ["hello ", "from ", "swift"] {
                continuation.yield(ByteBuffer(string: piece))
                try await Task.sleep(for: .milliseconds(100))
            }
            continuation.finish()
            _ = try await result
            #expect(String(decoding: collector.contents().0, as: UTF8.self) == "hello from s")
        }
    }

    @Test func hundredMebibytesOfStdoutArriveIntact() async throws {
        try await Envtest.withClient { client in
            let ns = try await Envtest.makeNamespace(client, prefix: "big")
            let pod = try await Envtest.makePod(client, namespace: ns)
            let size = 100 * 1024 * 1024
            let path = NSTemporaryDirectory() + "exec-100m-\(UUID().uuidString)"
            _ = FileManager.default.createFile(atPath: path, contents: nil)
            let file = try FileHandle(forWritingTo: URL(fileURLWithPath: path))
            defer { try? FileManager.default.removeItem(atPath: path) }
            let stderr = OutputCollector(limit: 1 << 20)
            let firstByte = FirstByteClock()
            // The remote side hashes exactly what it writes; the local side hashes what arrived.
            let result = try await client.exec(
                namespace: ns, pod: pod,
                command: ["sh", "-c", "f=$(mktemp); head -c \(size) /dev/urandom > $f; sha256sum < $f | cut -d' ' -f1 >&2; cat $f; rm -f $f"],
                stdout: { chunk in
                    firstByte.mark()
                    try file.write(contentsOf: Data(chunk.readableBytesView))
                },
                stderr: { try stderr.append($0, stream: 2) })
            let elapsed = firstByte.elapsed()
            try file.close()
            #expect(result.stdoutBytes == size)
            let remote = String(decoding: stderr.contents().1, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
            let local = try await LocalCommand.run(["sha256sum", path]).split(separator: " ").first.map(String.init)
            #expect(remote.count == 64)
            #expect(local == remote)
            let seconds = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
            print("exec 100 MiB stdout: \(String(format: "%.2f", seconds)) s, \(String(format: "%.1f", 100 / seconds)) MiB/s (first byte to exit status, incl. local file write)")
        }
    }

    @Test func exitCodeThreeBecomesAnErrorWithCodeAndStderr() async throws {
        try await Envtest.withClient { client in
            let ns = try await Envtest.makeNamespace(client, prefix: "exit")
            let pod = try await Envtest.makePod(client, namespace: ns)
            do {
                _ = try await client.execCollecting(namespace: ns, pod: pod, command: ["sh", "-c", "echo bye; echo 'it broke' >&2; exit 3"])
                Issue.record("exit 3 did not throw")
            } catch let error as KubeError {
                guard case .commandFailed(let failure) = error else {
                    Issue.record("expected commandFailed, got \(error)")
                    return
                }
                #expect(failure.exitCode == 3)
                #expect(failure.stderrTail == "it broke\n")
                #expect(failure.command == "sh")
                #expect(error.description.contains("exited with code 3"))
                #expect(error.description.contains("pods \"\(pod)\""))
            }
            let allowed = try await client.execCollecting(
                namespace: ns, pod: pod, command: ["sh", "-c", "exit 5"], options: ExecOptions(throwOnNonZeroExit: false))
            #expect(allowed.result.exitCode == 5)
        }
    }

    @Test func missingExecutableAndMissingPodAreClearErrors() async throws {
        try await Envtest.withClient { client in
            let ns = try await Envtest.makeNamespace(client, prefix: "missing")
            let pod = try await Envtest.makePod(client, namespace: ns)
            do {
                _ = try await client.execCollecting(namespace: ns, pod: pod, command: ["no-such-binary-xyz"])
                Issue.record("missing binary did not throw")
            } catch let error as KubeError {
                // sh reports it and exits 127, the shell's "command not found".
                guard case .commandFailed(let failure) = error else {
                    Issue.record("expected commandFailed, got \(error)")
                    return
                }
                #expect(failure.exitCode == 127)
                #expect(error.description.contains("no-such-binary-xyz"))
            }
            do {
                _ = try await client.execCollecting(namespace: ns, pod: "no-such-pod", command: ["true"])
                Issue.record("missing pod did not throw")
            } catch let error as KubeError {
                #expect(error.isNotFound)
                #expect(error.description.contains("pods \"no-such-pod\" not found"))
            }
        }
    }

    /// The time limit turns a cancellation that never completes into a failure
    /// instead of a suite that never ends.
    @Test(.timeLimit(.minutes(2)))
    func cancellingAnExecKillsTheRemoteCommand() async throws {
        try await Envtest.withClient { client in
            let ns = try await Envtest.makeNamespace(client, prefix: "cancel")
            let pod = try await Envtest.makePod(client, namespace: ns)
            let marker = "\(600 + Int.random(in: 1...399))"
            let pattern = "^sleep \(marker)$"
            let task = Task {
                try await client.execCollecting(namespace: ns, pod: pod, command: ["sleep", marker])
            }
            let started = try await LocalCommand.waitFor(timeout: .seconds(20)) { await LocalCommand.pgrep(pattern) }
            #expect(started)
            task.cancel()
            let outcome = await task.result
            #expect(throws: CancellationError.self) { try outcome.get() }
            let gone = try await LocalCommand.waitFor(timeout: .seconds(15)) { await !LocalCommand.pgrep(pattern) }
            #expect(gone)
        }
    }

    @Test func podLogsReadAndFollow() async throws {
        let logsDir = try #require(ProcessInfo.processInfo.environment["ENVTEST_KUBELET_LOGS_DIR"])
        try await Envtest.withClient { client in
            let ns = try await Envtest.makeNamespace(client, prefix: "logs")
            let pod = try await Envtest.makePod(client, namespace: ns)
            let dir = "\(logsDir)/\(ns)/\(pod)"
            try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
            let path = "\(dir)/main.log"
            try "line 1\nline 2\nline 3\n".write(toFile: path, atomically: true, encoding: .utf8)
            #expect(try await client.logText(pod: pod, namespace: ns, container: "main") == "line 1\nline 2\nline 3\n")
            #expect(try await client.logText(pod: pod, namespace: ns, container: "main", tailLines: 1) == "line 3\n")

            let stream = try await client.logs(pod: pod, namespace: ns, options: LogOptions(container: "main", follow: true))
            let appender = Task {
                try await Task.sleep(for: .milliseconds(500))
                let handle = try FileHandle(forWritingTo: URL(fileURLWithPath: path))
                try handle.seekToEnd()
                try handle.write(contentsOf: Data("line 4\n".utf8))
                try handle.close()
            }
            var text = ""
            for try await chunk in stream {
                text += String(buffer: chunk)
                if text.hasSuffix("line 4\n") { break }
            }
            try await appender.value
            #expect(text == "line 1\nline 2\nline 3\nline 4\n")
        }
    }
}

/// When the first stdout byte arrived, to time the transfer without the remote setup.
final class FirstByteClock: @unchecked Sendable {
    private let lock = NSLock()
    private var start: ContinuousClock.Instant?

    func mark() { lock.withLock { if start == nil { start = .now } } }
    func elapsed() -> Duration { lock.withLock { start.map { ContinuousClock.now - $0 } ?? .zero } }
}

/// Local processes the tests use to check what happened on the "node". Async, so
/// that no test blocks a thread of the cooperative pool while a process runs.
enum LocalCommand {
    static func run(_ argv: [String]) async throws -> String {
        let output = try await ProcessOutput.run(command: argv[0], arguments: Array(argv.dropFirst()),
                                                 environment: ProcessInfo.processInfo.environment)
        return String(decoding: output.stdout, as: UTF8.self)
    }

    static func pgrep(_ pattern: String) async -> Bool {
        ((try? await run(["pgrep", "-f", pattern])) ?? "").contains(where: \.isNumber)
    }

    static func waitFor(timeout: Duration, _ condition: () async -> Bool) async throws -> Bool {
        let deadline = ContinuousClock.now + timeout
        while ContinuousClock.now < deadline {
            if await condition() { return true }
            try await Task.sleep(for: .milliseconds(200))
        }
        return await condition()
    }
}
