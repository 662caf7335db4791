/// Problems with a profile: which file or field, and how to fix it. Never
/// includes secret values.
public enum ProfileError: Error, CustomStringConvertible, Sendable, Equatable {
    case cannotRead(path: String, reason: String)
    case invalid(path: String, reason: String)
    /// A profile file that does not decode: where (line and column when known),
    /// which field (`location.type`; empty for the file as a whole), what is
    /// wrong (with the allowed values of an enum) and how to fix it.
    case invalidAt(path: String, line: Int?, column: Int?, field: String, problem: String, hint: String?)
    case notFound(name: String, path: String)
    case missingField(field: String, locationType: String)
    case missingEnvironmentVariable(name: String, field: String)
    case missingCredentials(reason: String)
    case kubernetesSecretUnsupported(name: String)
    case invalidEndpoint(String)
    case invalidName(String)

    public var description: String {
        switch self {
        case let .cannotRead(path, reason):
            return "cannot read profile \(path): \(reason)"
        case let .invalid(path, reason):
            return "profile \(path) is not valid: \(reason)"
        case let .invalidAt(path, line, column, field, problem, hint):
            var place = path
            if let line { place += ":\(line)" + (column.map { ":\($0)" } ?? "") }
            let subject = field.isEmpty ? "" : "\(field): "
            return "profile \(place): \(subject)\(problem)" + (hint.map { "; \($0)" } ?? "")
        case let .notFound(name, path):
            return "no profile named \"\(name)\" (looked for \(path)); create it or pass --profile FILE"
        case let .missingField(field, type):
            return "a \(type) profile needs location.\(field)"
        case let .missingEnvironmentVariable(name, field):
            return "the profile takes \(field) from the environment variable \(name), which is not set"
        case let .missingCredentials(reason):
            return "the profile's credentials are incomplete: \(reason)"
        case let .kubernetesSecretUnsupported(name):
            return "the profile reads its key pair from the Kubernetes Secret \"\(name)\", which only a run against a cluster can resolve; use idEnv/secretEnv or file here"
        case let .invalidEndpoint(endpoint):
            return "location.endpoint \"\(endpoint)\" is not a URL like https://host:port"
        case let .invalidName(name):
            return "profile name \"\(name)\" may only contain letters, digits, '.', '-' and '_'"
        }
    }
}
