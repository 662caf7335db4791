import Foundation
import NIOCore

/// State of one exec shared between the WebSocket handler and the caller: the
/// handler fills it frame by frame, the caller reads it once the socket is done.
final class ExecSession: @unchecked Sendable {
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

    private let lock = NSLock()
    private var state: State
    private var firstSinkError: (any Error)?

    /// The first error thrown by an output handler: the exec's outcome is that error.
    var sinkError: (any Error)? { lock.withLock { firstSinkError } }
    func recordSinkError(_ error: any Error) { lock.withLock { if firstSinkError == nil { firstSinkError = error } } }

    init(stderrFilter: StderrFilter) {
        state = State(stderrFilter: stderrFilter)
    }

    func markStarted() { lock.withLock { state.started = true } }
    func addStdout(_ count: Int) { lock.withLock { state.stdoutBytes += count } }
    func filterStderr(_ chunk: ByteBuffer) -> ByteBuffer? { lock.withLock { state.stderrFilter.consume(chunk) } }
    func appendStatus(_ chunk: ByteBuffer) { lock.withLock { state.statusBytes += chunk.readableBytesView } }
    func snapshot() -> State { lock.withLock { state } }
}

/// Thread-safe byte accumulation for `execCollecting`.
final class OutputCollector: @unchecked Sendable {
    private let lock = NSLock()
    private var out: [UInt8] = []
    private var err: [UInt8] = []
    let limit: Int

    init(limit: Int) { self.limit = limit }

    struct LimitExceeded: Error, CustomStringConvertible {
        let limit: Int
        var description: String { "command output exceeds \(limit) bytes; stream it instead of collecting" }
    }

    func append(_ chunk: ByteBuffer, stream: Int) throws {
        try lock.withLock {
            if stream == 1 { out += chunk.readableBytesView } else { err += chunk.readableBytesView }
            if out.count > limit || err.count > limit { throw LimitExceeded(limit: limit) }
        }
    }

    func contents() -> ([UInt8], [UInt8]) { lock.withLock { (out, err) } }
}
