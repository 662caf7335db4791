import Foundation

/// The collected result of a short local process (a credential plugin).
struct ProcessOutput: Sendable {
    var status: Int32
    var stdout: Data
    var stderr: Data

    /// Runs `command` (looked up in PATH when it has no slash) to completion.
    ///
    /// Output is read after the exit: a credential fits in the pipe buffer (64 KiB),
    /// and Foundation's readability handlers on Linux do not reliably report EOF, so
    /// reading while the process runs could wait forever.
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

        let status: Int32 = try await withCheckedThrowingContinuation { continuation in
            process.terminationHandler = { process in continuation.resume(returning: process.terminationStatus) }
            do {
                try process.run()
            } catch {
                process.terminationHandler = nil
                continuation.resume(throwing: error)
            }
        }
        let out = stdoutPipe.fileHandleForReading.readDataToEndOfFile()
        let err = stderrPipe.fileHandleForReading.readDataToEndOfFile()
        return ProcessOutput(status: status, stdout: out, stderr: err)
    }
}
