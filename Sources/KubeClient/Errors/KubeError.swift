import Foundation

/// Errors of Kubernetes API calls and pod exec.
public enum KubeError: Error, Sendable, CustomStringConvertible {
    /// The API server answered with an error status.
    case api(APIFailure)
    /// No HTTP answer: connection refused, TLS failure, timeout.
    case transport(RequestDescription, server: String, reason: String)
    /// The answer could not be understood.
    case invalidResponse(RequestDescription, reason: String)
    /// A watch's resourceVersion is too old (410 Gone): list again and watch from the new version.
    case watchExpired(RequestDescription, message: String)
    /// The command ran in the pod and exited non-zero.
    case commandFailed(ExecFailure)
    /// The exec could not run the command or lost its connection before an exit status.
    case execFailed(RequestDescription, reason: String)
    case configuration(KubeConfigError)

    /// HTTP status of an API failure, if that is what this is.
    public var statusCode: Int? {
        if case .api(let failure) = self { return failure.statusCode }
        return nil
    }

    public var isNotFound: Bool { statusCode == 404 }
    public var isConflict: Bool { statusCode == 409 }
    public var isAlreadyExists: Bool {
        if case .api(let f) = self { return f.statusCode == 409 && f.reason == "AlreadyExists" }
        return false
    }

    public var description: String {
        switch self {
        case .api(let failure):
            return failure.description
        case .transport(let request, let server, let reason):
            return "cannot \(request): no answer from \(server): \(reason)"
        case .invalidResponse(let request, let reason):
            return "cannot \(request): unexpected answer: \(reason)"
        case .watchExpired(let request, let message):
            return "\(request): watch expired (410 Gone), list again: \(message)"
        case .commandFailed(let failure):
            return failure.description
        case .execFailed(let request, let reason):
            return "cannot \(request): \(reason)"
        case .configuration(let error):
            return error.description
        }
    }
}

/// An error status from the API server, with the `Status` object it sent.
public struct APIFailure: Sendable, CustomStringConvertible {
    public var request: RequestDescription
    public var statusCode: Int
    /// `Status.reason`, e.g. NotFound, Forbidden, AlreadyExists, Conflict, Invalid.
    public var reason: String?
    /// `Status.message`, the server's explanation.
    public var message: String?

    public init(request: RequestDescription, statusCode: Int, reason: String?, message: String?) {
        self.request = request
        self.statusCode = statusCode
        self.reason = reason
        self.message = message
    }

    public var description: String {
        let head = "cannot \(request): \(statusCode) \(reason ?? Self.phrase(statusCode))"
        if statusCode == 401 {
            let who = request.user.isEmpty ? "the configured user" : "user \"\(request.user)\""
            return "\(head): check the token or client certificate of \(who)"
        }
        guard let message, !message.isEmpty else { return head }
        return "\(head): \(message)"
    }

    static func phrase(_ code: Int) -> String {
        switch code {
        case 400: "BadRequest"
        case 401: "Unauthorized"
        case 403: "Forbidden"
        case 404: "NotFound"
        case 405: "MethodNotAllowed"
        case 409: "Conflict"
        case 410: "Gone"
        case 415: "UnsupportedMediaType"
        case 422: "Invalid"
        case 429: "TooManyRequests"
        case 500: "InternalError"
        case 503: "ServiceUnavailable"
        case 504: "Timeout"
        default: "HTTP error"
        }
    }
}

/// A command in a pod that exited with a non-zero code.
public struct ExecFailure: Sendable, CustomStringConvertible {
    public var request: RequestDescription
    /// argv[0] only: arguments are not repeated in errors in case they hold something sensitive.
    public var command: String
    public var exitCode: Int
    /// The last few KiB of the command's stderr.
    public var stderrTail: String

    public var description: String {
        var text = "command \(command) exited with code \(exitCode) (\(request))"
        let tail = stderrTail.trimmingCharacters(in: .whitespacesAndNewlines)
        if !tail.isEmpty { text += "; stderr: \(tail)" }
        return text
    }
}
