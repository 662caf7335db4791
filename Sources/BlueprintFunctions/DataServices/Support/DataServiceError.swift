import ChildProcesses
/// What can go wrong talking to a data service. Every message names the service
/// (without its password) and carries the client's own words — its stderr tail,
/// already redacted — because that is what tells a user how to fix it.
public enum DataServiceError: Error, Sendable, CustomStringConvertible {
    case passwordVariableMissing(String)
    case process(ProcessError)
    /// A client exited unsuccessfully; `stderr` is its redacted tail.
    case clientFailed(tool: String, target: String, status: ProcessExitStatus, stderr: String)
    /// The lock session ended or failed before the server confirmed the lock.
    case lockNotAcquired(target: String, reason: String)
    case lockTimedOut(target: String, seconds: Int)
    /// The lease ran out before the release: the lock was dropped by the watchdog,
    /// so whatever was taken after that point may not be consistent.
    case leaseExpired(target: String, leaseSeconds: Int)
    case unlockFailed(target: String, reason: String)
    /// pg_dump's directory format writes many files and cannot be streamed.
    case formatNotStreamable(String)
    /// The consumer of a dump stopped reading before the end.
    case dumpNotConsumed(tool: String)
    case sourceFailed(tool: String, underlying: String)
    /// A phase argument that cannot work as given (the text says why and what to do).
    case invalidArgument(String)

    public var description: String {
        switch self {
        case .passwordVariableMissing(let name):
            return "the environment variable \(name) named by passwordEnv is not set"
        case .process(let error):
            return error.description
        case .clientFailed(let tool, let target, let status, let stderr):
            let detail = stderr.isEmpty ? "" : ": \(stderr)"
            return "\(tool) for \(target) failed (\(status))\(detail)"
        case .lockNotAcquired(let target, let reason):
            return "could not lock \(target): \(reason)"
        case .lockTimedOut(let target, let seconds):
            return "could not lock \(target) within \(seconds)s (long-running statements or another lock holder?)"
        case .leaseExpired(let target, let lease):
            return "the lock on \(target) was released by its \(lease)s lease before the unlock; "
                + "anything captured after the lease ran out may be inconsistent — raise `lease`"
        case .unlockFailed(let target, let reason):
            return "could not unlock \(target): \(reason)"
        case .formatNotStreamable(let format):
            return "pg_dump format `\(format)` writes a directory and cannot be streamed; use custom, tar or plain"
        case .dumpNotConsumed(let tool):
            return "the \(tool) output was not read to its end"
        case .sourceFailed(let tool, let underlying):
            return "reading the data for \(tool) failed: \(underlying)"
        case .invalidArgument(let text):
            return text
        }
    }

    /// Whether retrying can help: a refused connection or a server that is
    /// starting up, not a missing table or a wrong password.
    public var isTransient: Bool {
        switch self {
        case .clientFailed(_, _, _, let stderr), .lockNotAcquired(_, let stderr):
            let text = stderr.lowercased()
            return ["connection refused", "could not connect", "can't connect", "the database system is starting up",
                    "too many connections", "lost connection", "timeout expired"]
                .contains { text.contains($0) }
        case .lockTimedOut:
            return true
        default:
            return false
        }
    }
}
