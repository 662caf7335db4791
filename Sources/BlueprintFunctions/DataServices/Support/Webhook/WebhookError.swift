import Durations
import ObjectStore

/// Why a Webhook call failed, and whether trying again can help: a 5xx, a 429, a
/// refused or timed-out connection are transient (the phase's retry policy
/// retries them); a 4xx, a bad URL or a certificate that is not trusted are not.
public enum WebhookError: Error, Sendable, CustomStringConvertible {
    case invalidURL(String)
    case invalidMethod(String)
    case invalidCACertificate(String)
    case unexpectedStatus(url: String, status: Int, expected: String, body: String)
    case requestFailed(url: String, reason: String, transient: Bool)
    case responseTooLarge(url: String, limit: Int)
    /// The receiver could not be reached, or went silent for `readTimeout`.
    case unreachable(url: String, endpoint: String, failure: ConnectionFailure)
    /// No complete answer within the call's `timeout`.
    case timedOut(url: String, after: Duration)

    public var isTransient: Bool {
        switch self {
        case .unexpectedStatus(_, let status, _, _): return status >= 500 || status == 429 || status == 408
        case .requestFailed(_, _, let transient): return transient
        case .unreachable(_, _, let failure):
            if case .unknownHost = failure { return false }
            return true
        case .timedOut: return true
        default: return false
        }
    }

    public var description: String {
        switch self {
        case .invalidURL(let url): return "webhook URL `\(url)` is not a valid http(s) URL"
        case .invalidMethod(let method): return "`\(method)` is not an HTTP method"
        case .invalidCACertificate(let reason): return "caCert is not a valid PEM certificate: \(reason)"
        case .unexpectedStatus(let url, let status, let expected, let body):
            let excerpt = body.isEmpty ? "" : ": \(body.prefix(300))"
            return "webhook \(url) answered \(status), expected \(expected)\(isTransient ? " (transient)" : "")\(excerpt)"
        case .requestFailed(let url, let reason, let transient):
            return "webhook \(url) failed: \(reason)\(transient ? " (transient)" : "")"
        case .unreachable(let url, let endpoint, let failure):
            switch failure {
            case .refused:
                return "webhook \(url) failed: connection refused by \(endpoint): is the receiver running? Check the url argument (transient)"
            case .connectTimedOut:
                return "webhook \(url) failed: \(endpoint) did not accept a connection: \(failure); check the url and the network, or raise connectTimeout (transient)"
            case .unknownHost(let host):
                return "webhook \(url) failed: cannot resolve the host \"\(host)\"; check the url argument"
            case .readTimedOut:
                return "webhook \(url) failed: \(endpoint) accepted the connection but \(failure); check the receiver, or raise readTimeout (transient)"
            }
        case .timedOut(let url, let after):
            return "webhook \(url) failed: no complete answer within the timeout of \(DurationText.format(after)); raise timeout if the receiver is slow (transient)"
        case .responseTooLarge(let url, let limit):
            return "webhook \(url) answered with more than \(limit) bytes"
        }
    }
}
