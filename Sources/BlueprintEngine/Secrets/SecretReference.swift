/// Where a secret value came from, so it can be read again without ever being
/// written down: the journal stores this, never the value, and `blueprint
/// recover` (or a controller taking a run over) resolves it again.
public enum SecretReference: Sendable, Hashable, Codable, CustomStringConvertible {
    /// A value in the app file, by its key path (`secrets`, `db`, `password`;
    /// `profile`, `credential`, `secret`; `options`, `token`).
    case appFile(path: String, keyPath: [String])
    /// `--option-from-file NAME=PATH`: the file's content (one trailing newline dropped).
    case optionFile(option: String, path: String)
    /// `--option-from-env NAME=VARIABLE`.
    case optionEnvironment(option: String, variable: String)
    /// The object-store profile's secret key, from `--profile FILE`,
    /// `--profile-name NAME` or the environment.
    case profile(file: String?, name: String?, stateDirectory: String)
    /// A phase output its function declared secret: known only to the run that
    /// produced it.
    case phaseOutput(phase: String, key: String)

    public var description: String {
        switch self {
        case .appFile(let path, let keyPath): return "`\(keyPath.joined(separator: "."))` of app file \(path)"
        case .optionFile(let option, let path): return "option `\(option)` from file \(path)"
        case .optionEnvironment(let option, let variable): return "option `\(option)` from environment variable \(variable)"
        case .profile(let file, let name, _):
            if let file { return "the secret key of profile file \(file)" }
            if let name { return "the secret key of profile `\(name)`" }
            return "the object store's secret key (default profile or environment)"
        case .phaseOutput(let phase, let key): return "secret output `\(key)` of phase `\(phase)`"
        }
    }
}

/// One secret value the run knows, with where it came from.
public struct SecretValue: Sendable, Hashable {
    public var value: String
    public var reference: SecretReference

    public init(_ value: String, from reference: SecretReference) {
        self.value = value
        self.reference = reference
    }
}
