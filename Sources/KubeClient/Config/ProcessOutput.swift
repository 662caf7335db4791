import ChildProcesses
import Foundation
import NIOCore

/// The collected result of a short local process (a credential plugin).
struct ProcessOutput: Sendable {
    var status: Int32
    var stdout: Data
    var stderr: Data

    /// An ExecCredential is a few kilobytes; a plugin printing more than this is broken.
    static let limit = 4 << 20

    /// Runs `command` (looked up in the `PATH` of `environment` when it has no
    /// slash) with exactly `environment`, to completion. Output past ``limit`` is
    /// dropped (the JSON then fails to parse, with a clear message).
    static func run(command: String, arguments: [String], environment: [String: String]) async throws -> ProcessOutput {
        let collected = Collected()
        let status = try await ChildProcess.run(
            ProcessCommand(command, arguments, environment: .exactly(environment)), killGracePeriod: .seconds(1)
        ) { stream, buffer in
            collected.append(buffer, to: stream, limit: limit)
        }
        try Task.checkCancellation()
        let code: Int32
        switch status {
        case .exited(let value): code = value
        case .signaled(let signal): code = 128 + signal
        }
        let (out, err) = collected.take()
        return ProcessOutput(status: code, stdout: out, stderr: err)
    }
}

import Synchronization

/// Both streams of a plugin, filled by two readers.
private final class Collected: Sendable {
    private let state = Mutex<(stdout: Data, stderr: Data)>((Data(), Data()))

    func append(_ buffer: ByteBuffer, to stream: ProcessStream, limit: Int) {
        state.withLock { state in
            let room = limit - (stream == .stdout ? state.stdout.count : state.stderr.count)
            guard room > 0 else { return }
            let bytes = buffer.readableBytesView.prefix(room)
            if stream == .stdout { state.stdout.append(contentsOf: bytes) } else { state.stderr.append(contentsOf: bytes) }
        }
    }

    func take() -> (Data, Data) { state.withLock { ($0.stdout, $0.stderr) } }
}
