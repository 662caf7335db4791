import Foundation

/// Failures of object storage, each naming the operation and the object so the
/// user can tell what failed without reading a stack trace. Never carries secrets.
public enum ObjectStoreError: Error, CustomStringConvertible, Sendable, Equatable {
    /// The key does not exist.
    case notFound(operation: String, store: String, key: String)
    /// The key cannot be stored safely (e.g. `..` in a filesystem path).
    case invalidKey(key: String, reason: String)
    /// The service answered with an error.
    case service(operation: String, store: String, key: String?, status: Int, code: String, message: String)
    /// The request never got an answer (connection refused, reset, timeout).
    case transport(operation: String, store: String, key: String?, reason: String)
    /// A local file operation failed.
    case io(operation: String, path: String, reason: String)
    /// The answer could not be understood.
    case invalidResponse(operation: String, store: String, reason: String)
    /// An in-memory read exceeded its limit.
    case tooLarge(limit: Int)

    public var description: String {
        switch self {
        case let .notFound(operation, store, key):
            return "\(operation) \(store)/\(key): no such object"
        case let .invalidKey(key, reason):
            return "invalid object key \"\(key)\": \(reason)"
        case let .service(operation, store, key, status, code, message):
            let target = key.map { "\(store)/\($0)" } ?? store
            if code == "SignatureDoesNotMatch" {
                return "\(operation) \(target): signature does not match: check the secret access key (HTTP \(status) \(code): \(message))"
            }
            if code == "InvalidAccessKeyId" {
                return "\(operation) \(target): the access key id is not known to the server: check the access key id (HTTP \(status) \(code): \(message))"
            }
            let detail = message.isEmpty ? "" : ": \(message)"
            return "\(operation) \(target): HTTP \(status) \(code)\(detail)"
        case let .transport(operation, store, key, reason):
            let target = key.map { "\(store)/\($0)" } ?? store
            return "\(operation) \(target): \(reason)"
        case let .io(operation, path, reason):
            return "\(operation) \(path): \(reason)"
        case let .invalidResponse(operation, store, reason):
            return "\(operation) \(store): unexpected answer: \(reason)"
        case let .tooLarge(limit):
            return "object is larger than the \(limit) bytes this operation reads into memory"
        }
    }

    /// True for failures worth retrying: the service was busy or unreachable.
    var isTransient: Bool {
        switch self {
        case .transport: return true
        case let .service(_, _, _, status, code, _):
            return status >= 500 || status == 429 || code == "SlowDown" || code == "RequestTimeout"
                || code == "InternalError" || code == "ServiceUnavailable"
        default: return false
        }
    }
}
