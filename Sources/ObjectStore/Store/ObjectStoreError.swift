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
    /// The request never got an answer (connection reset, protocol error).
    case transport(operation: String, store: String, key: String?, reason: String)
    /// The server could not be reached, or accepted the connection and never
    /// answered: `endpoint` is the `host:port` tried, `attempts` how often.
    case unreachable(operation: String, store: String, key: String?, endpoint: String, failure: ConnectionFailure, attempts: Int)
    /// The store cannot take writes at all (a missing or read-only folder, a file
    /// where a folder should be): found before anything runs, with the fix.
    case notWritable(store: String, reason: String, fix: String)
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
        case let .unreachable(operation, store, key, endpoint, failure, attempts):
            let target = key.map { "\(store)/\($0)" } ?? store
            let tries = attempts > 1 ? " (\(attempts) attempts)" : ""
            switch failure {
            case .refused:
                return "\(operation) \(target): connection refused by \(endpoint)\(tries): nothing is listening there. "
                    + "Is the server running? Check the profile's location.endpoint."
            case .connectTimedOut:
                return "\(operation) \(target): \(endpoint) did not accept a connection: \(failure)\(tries). "
                    + "Check the profile's location.endpoint and the network (firewall, VPN), or raise connectTimeout in the profile."
            case let .unknownHost(host):
                return "\(operation) \(target): cannot resolve the host \"\(host)\" of \(endpoint)\(tries). "
                    + "Check the profile's location.endpoint and DNS."
            case .readTimedOut:
                return "\(operation) \(target): \(endpoint) accepted the connection but \(failure)\(tries). "
                    + "Check that the server is healthy, or raise readTimeout in the profile."
            }
        case let .notWritable(store, reason, fix):
            return "the object store \(store) cannot be written: \(reason). \(fix)"
        case let .io(operation, path, reason):
            return "\(operation) \(path): \(reason)"
        case let .invalidResponse(operation, store, reason):
            return "\(operation) \(store): unexpected answer: \(reason)"
        case let .tooLarge(limit):
            return "object is larger than the \(limit) bytes this operation reads into memory"
        }
    }

    /// The same failure, saying how many attempts were made (for messages).
    func afterAttempts(_ attempts: Int) -> ObjectStoreError {
        guard case let .unreachable(operation, store, key, endpoint, failure, _) = self else { return self }
        return .unreachable(operation: operation, store: store, key: key, endpoint: endpoint, failure: failure, attempts: attempts)
    }

    /// True for failures worth retrying: the service was busy or unreachable.
    var isTransient: Bool {
        switch self {
        case .transport, .unreachable: return true
        case let .service(_, _, _, status, code, _):
            return status >= 500 || status == 429 || code == "SlowDown" || code == "RequestTimeout"
                || code == "InternalError" || code == "ServiceUnavailable"
        default: return false
        }
    }
}
