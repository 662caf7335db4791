import Synchronization
import Foundation
import NIOCore

/// State of one exec shared between the WebSocket handler and the caller: the
/// handler fills it frame by frame, the caller reads it once the socket is done.
final class ExecSession: Sendable {
    struct State {
        var started = false
        var stdoutBytes = 0
        var stderrFilter: StderrFilter
        var statusBytes: [UInt8] = []
        var pid: Int? { stderrFilter.pid }
        var status: JSONValue? {
            statusBytes.isEmpty ? nil : try? JSONValue(parsing: Data(statusBytes))
        }
    }

    private let state: Mutex<State>
    private let firstSinkError = Mutex<(any Error)?>(nil)

    /// The first error thrown by an output handler: the exec's outcome is that error.
    var sinkError: (any Error)? { firstSinkError.withLock { $0 } }
    func recordSinkError(_ error: any Error) { firstSinkError.withLock { if $0 == nil { $0 = error } } }

    init(stderrFilter: StderrFilter) {
        state = Mutex(State(stderrFilter: stderrFilter))
    }

    func markStarted() { state.withLock { $0.started = true } }
    func addStdout(_ count: Int) { state.withLock { $0.stdoutBytes += count } }
    func filterStderr(_ chunk: ByteBuffer) -> ByteBuffer? { state.withLock { $0.stderrFilter.consume(chunk) } }
    func appendStatus(_ chunk: ByteBuffer) { state.withLock { $0.statusBytes += chunk.readableBytesView } }
    func snapshot() -> State { state.withLock { $0 } }
}

/// Thread-safe byte accumulation for `execCollecting`.
final class OutputCollector: Sendable {
    private let collected = Mutex<(out: [UInt8], err: [UInt8])>(([], []))
    let limit: Int

    init(limit: Int) { self.limit = limit }

    struct LimitExceeded: Error, CustomStringConvertible {
        let limit: Int
        var description: String { "command output exceeds \(limit) bytes; stream it instead of collecting" }
    }

    func append(_ chunk: ByteBuffer, stream: Int) throws {
        let limit = self.limit
        let exceeded = collected.withLock { collected in
            if stream == 1 { collected.out += chunk.readableBytesView } else { collected.err += chunk.readableBytesView }
            return collected.out.count > limit || collected.err.count > limit
        }
        if exceeded { throw LimitExceeded(limit: limit) }
    }

    func contents() -> ([UInt8], [UInt8]) { collected.withLock { ($0.out, $0.err) } }
}
