/// How to reach a data service: what FsyncLock, FsyncUnlock and the dump
/// functions share (`host`, `port`, `user`, `database`, `passwordEnv` /
/// `passwordSecret`).
public struct DatabaseConnection: Sendable, Hashable {
    public var engine: DatabaseEngine
    public var host: String
    /// Nil means the engine's default port.
    public var port: Int?
    public var user: String?
    /// In a pod: a variable of the container naming the user (POSTGRES_USER in the
    /// stock image), which wins over `user` when the container sets it.
    public var userEnv: String?
    public var database: String?
    public var password: PasswordSource?
    /// Run the clients inside this pod over exec instead of on this host.
    public var pod: PodClient?

    public init(
        engine: DatabaseEngine,
        host: String = "127.0.0.1",
        port: Int? = nil,
        user: String? = nil,
        userEnv: String? = nil,
        database: String? = nil,
        password: PasswordSource? = nil,
        pod: PodClient? = nil
    ) {
        self.engine = engine
        self.host = host
        self.port = port
        self.user = user
        self.userEnv = userEnv
        self.database = database
        self.password = password
        self.pod = pod
    }

    public var effectivePort: Int { port ?? engine.defaultPort }

    /// The password's value, read now from the environment or the resolved Secret.
    /// Nil for a pod's client whose `passwordEnv` names a variable of the container
    /// (see ``containerPasswordVariable``).
    public func resolvePassword(
        environment: [String: String]
    ) throws(DataServiceError) -> String? {
        switch password {
        case nil: return nil
        case .value(let value, _): return value
        case .environment where pod != nil: return nil
        case .environment(let names):
            guard let value = PasswordSource.variableNames(names).lazy.compactMap({ environment[$0] }).first else {
                throw .passwordVariableMissing(names)
            }
            return value
        }
    }

    /// In a pod, `passwordEnv` names a variable of the container (POSTGRES_PASSWORD
    /// in the stock images): the client's password variable is copied from it there.
    public var containerPasswordVariable: String? {
        guard pod != nil, case .environment(let name) = password else { return nil }
        return name
    }

    /// Variables of the container a pod's client copies (`PGPASSWORD` ← `POSTGRES_PASSWORD`).
    var copiedVariables: [String: String] {
        containerPasswordVariable.map { [engine.passwordVariable: $0] } ?? [:]
    }

    /// Variables of the container a pod's client takes when the container sets
    /// them (`PGUSER` ← `POSTGRES_USER`); `user` otherwise.
    var overriddenVariables: [String: String] {
        guard pod != nil, let userEnv, let variable = engine.userVariable else { return [:] }
        return [variable: userEnv]
    }

    /// A redactor that masks this connection's password (and nothing when there is none).
    public func redactor(environment: [String: String]) -> PasswordRedactor {
        PasswordRedactor(secrets: [(try? resolvePassword(environment: environment)) ?? nil].compactMap { $0 })
    }

    /// The connection without its secret, for a journal (see ``LockRecord``).
    public var record: ConnectionRecord {
        var record = ConnectionRecord(
            engine: engine, host: host, port: effectivePort, user: user, database: database
        )
        record.pod = pod
        record.userEnv = userEnv
        switch password {
        case .environment(let name): record.passwordEnv = name
        case .value(_, let reference): record.passwordSecret = reference
        case nil: break
        }
        return record
    }

    /// "postgresql://user@host:port/database" with no password: for messages.
    public var displayName: String {
        let who = user.map { "\($0)@" } ?? ""
        let db = database.map { "/\($0)" } ?? ""
        return "\(engine.rawValue)://\(who)\(host):\(effectivePort)\(db)" + (pod.map { " in \($0.displayName)" } ?? "")
    }
}

/// A connection as the journal may hold it: where the password *comes from*,
/// never the password.
public struct ConnectionRecord: Sendable, Hashable, Codable {
    public var engine: DatabaseEngine
    public var host: String
    public var port: Int
    public var user: String?
    public var database: String?
    public var passwordEnv: String?
    public var passwordSecret: SecretReference?
    /// The pod whose container runs the clients, if any.
    public var pod: PodClient?
    /// The container's variable naming the user (see ``DatabaseConnection/userEnv``).
    public var userEnv: String?

    public init(
        engine: DatabaseEngine, host: String, port: Int, user: String?, database: String?,
        passwordEnv: String? = nil, passwordSecret: SecretReference? = nil
    ) {
        self.engine = engine
        self.host = host
        self.port = port
        self.user = user
        self.database = database
        self.passwordEnv = passwordEnv
        self.passwordSecret = passwordSecret
    }

    /// Back to a connection; a Secret-backed password must be resolved again by
    /// the caller (`blueprint recover` reads the Secret) and passed in.
    public func connection(secretValue: String? = nil) -> DatabaseConnection {
        let password: PasswordSource?
        if let passwordEnv {
            password = .environment(passwordEnv)
        } else if let secretValue {
            password = .value(secretValue, reference: passwordSecret)
        } else {
            password = nil
        }
        return DatabaseConnection(
            engine: engine, host: host, port: port, user: user, userEnv: userEnv, database: database, password: password, pod: pod
        )
    }
}
