/// Where a database password comes from.
///
/// Either way the value is handed to the client in its environment and added to
/// the redactor; it never reaches a command line, a log line or a journal.
public enum PasswordSource: Sendable, Hashable {
    /// The name of a variable in the engine's environment (`passwordEnv`).
    case environment(String)
    /// A value the engine resolved (from a Kubernetes Secret: `passwordSecret`).
    /// `reference` says where it came from, so a journal entry can name the Secret
    /// without holding its value.
    case value(String, reference: SecretReference?)

    /// The variables `passwordEnv` names: one, or several separated by commas
    /// meaning "the first one that is set" (`MARIADB_ROOT_PASSWORD,MYSQL_ROOT_PASSWORD`:
    /// the MariaDB and MySQL images each set their own).
    public static func variableNames(_ text: String) -> [String] {
        text.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
    }
}

/// A key of a Kubernetes Secret, as `passwordSecret: {name, namespace, key}` names it.
public struct SecretReference: Sendable, Hashable, Codable {
    public var namespace: String?
    public var name: String
    public var key: String

    public init(namespace: String?, name: String, key: String) {
        self.namespace = namespace
        self.name = name
        self.key = key
    }
}
