import Durations
import AsyncHTTPClient
import Foundation
import NIOCore
import NIOPosix

/// Why a request to a server never got an answer, sorted by what the user can do
/// about it. The raw errors of NIO and AsyncHTTPClient ("connection reset (error
/// set): Connection refused", `NIOConnectionError(...)`) name a socket call, not
/// the profile field to fix; this names the cause so messages can.
public enum ConnectionFailure: Sendable, Equatable, CustomStringConvertible {
    /// Nothing listens on the port (the host answered with a reset).
    case refused
    /// The host did not answer the connection attempt in time.
    case connectTimedOut(after: Duration)
    /// The host name does not resolve.
    case unknownHost(String)
    /// The server accepted the connection but sent nothing for this long.
    case readTimedOut(after: Duration)

    /// A connection was never established, so no request reached the server: it
    /// is safe to retry, and retrying for long rarely helps (a server that is down
    /// stays down for longer than a user wants to wait).
    public var isConnectionEstablishment: Bool {
        switch self {
        case .refused, .connectTimedOut, .unknownHost: return true
        case .readTimedOut: return false
        }
    }

    public var description: String {
        switch self {
        case .refused: return "connection refused"
        case let .connectTimedOut(after): return "no connection within \(DurationText.format(after))"
        case let .unknownHost(host): return "unknown host \(host)"
        case let .readTimedOut(after): return "timed out after \(DurationText.format(after)) without an answer"
        }
    }

    /// Recognizes the connection failures among the errors of a request; `nil`
    /// for anything else (TLS, protocol, a connection closed mid-answer).
    /// `connectTimeout` and `readTimeout` are the limits in force, for the message.
    public static func classify(_ error: any Error, host: String, connectTimeout: Duration, readTimeout: Duration) -> ConnectionFailure? {
        if let error = error as? HTTPClientError {
            if error == .connectTimeout { return .connectTimedOut(after: connectTimeout) }
            if error == .readTimeout { return .readTimedOut(after: readTimeout) }
            return nil
        }
        if case ChannelError.connectTimeout = error { return .connectTimedOut(after: connectTimeout) }
        if let error = error as? IOError { return error.errnoCode == ECONNREFUSED ? .refused : nil }
        if let error = error as? NIOConnectionError {
            // A name with no AAAA record reports a DNS error *and* the refused
            // IPv4 attempt: the attempts decide.
            if !error.connectionErrors.isEmpty {
                let failures = error.connectionErrors.map {
                    classify($0.error, host: host, connectTimeout: connectTimeout, readTimeout: readTimeout)
                }
                if failures.allSatisfy({ $0 == .refused }) { return .refused }
                if let timedOut = failures.first(where: { if case .connectTimedOut = $0 { true } else { false } }) {
                    return timedOut
                }
                return nil
            }
            if error.dnsAError != nil || error.dnsAAAAError != nil { return .unknownHost(error.host) }
        }
        if error is SocketAddressError { return .unknownHost(host) }
        return nil
    }
}
