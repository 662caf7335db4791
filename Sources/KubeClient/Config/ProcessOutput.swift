import Foundation

/// The collected result of a short local process (a credential plugin).
struct ProcessOutput: Sendable {
    var status: Int32
    var stdout: Data
    var stderr: Data

    /// Runs `command` (looked up in PATH when it has no slash) to completion, collecting
    /// both output streams without letting a full pipe block the child.
    static func run(command: String, arguments: [String], environment: [String: String]) async throws -> ProcessOutput {
        let process = Process()
        if command.contains("/") {
            process.executableURL = URL(fileURLWithPath: command)
            process.arguments = arguments
        } else {
            process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
            process.arguments = [command] + arguments
        }
        process.environment = environment
        process.standardInput = FileHandle.nullDevice
        let stdoutPipe = Pipe()
        let stderrPipe = Pipe()
        process.standardOutput = stdoutPipe
        process.standardError = stderrPipe
        let collector = Collector()

        return try await withCheckedThrowingContinuation { continuation in
            collector.setContinuation(continuation)
            stdoutPipe.fileHandleForReading.readabilityHandler = { handle in
                let data = handle.availableData
                if data.isEmpty { handle.readabilityHandler = nil }
                collector.stdout(data)
            }
            stderrPipe.fileHandleForReading.readabilityHandler = { handle in
                let data = handle.availableData
                if data.isEmpty { handle.readabilityHandler = nil }
                collector.stderr(data)
            }
            process.terminationHandler = { process in collector.exited(process.terminationStatus) }
            do {
                try process.run()
            } catch {
                stdoutPipe.fileHandleForReading.readabilityHandler = nil
                stderrPipe.fileHandleForReading.readabilityHandler = nil
                collector.failed(error)
            }
        }
    }

    /// Joins the three completion events (two EOFs and the exit) into one result.
    private final class Collector: @unchecked Sendable {
        private let lock = NSLock()
        private var out = Data()
        private var err = Data()
        private var outDone = false
        private var errDone = false
        private var status: Int32?
        private var continuation: CheckedContinuation<ProcessOutput, any Error>?

        func setContinuation(_ c: CheckedContinuation<ProcessOutput, any Error>) {
            lock.withLock { continuation = c }
        }

        func stdout(_ data: Data) {
            lock.withLock { if data.isEmpty { outDone = true } else { out.append(data) } }
            finishIfDone()
        }

        func stderr(_ data: Data) {
            lock.withLock { if data.isEmpty { errDone = true } else { err.append(data) } }
            finishIfDone()
        }

        func exited(_ code: Int32) {
            lock.withLock { status = code }
            finishIfDone()
        }

        func failed(_ error: any Error) {
            let c = lock.withLock { () -> CheckedContinuation<ProcessOutput, any Error>? in
                defer { continuation = nil }
                return continuation
            }
            c?.resume(throwing: error)
        }

        private func finishIfDone() {
            let ready = lock.withLock { () -> (CheckedContinuation<ProcessOutput, any Error>, ProcessOutput)? in
                guard outDone, errDone, let status, let c = continuation else { return nil }
                continuation = nil
                return (c, ProcessOutput(status: status, stdout: out, stderr: err))
            }
            if let (c, output) = ready { c.resume(returning: output) }
        }
    }
}
