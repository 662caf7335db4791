import BlueprintEngine
import BlueprintModel
import Foundation

/// The connection arguments every data-service function shares (`host`, `port`,
/// `user`, `database`, `passwordEnv`), read from a phase's arguments.
enum ConnectionArguments {
    /// Where the database server is, declared once for every data-service function.
    static let serverDeclarations: [ArgumentDeclaration] = [
        .optional("host", .string, default: "127.0.0.1", "Database server host name or address."),
        .optional("port", .int, "Database server port; the engine's default port when omitted."),
        .optional("user", .string, "User to connect as."),
    ]

    /// Where the password comes from; never the password itself.
    static let passwordDeclarations: [ArgumentDeclaration] = [
        .optional("passwordEnv", .string, "Name of an environment variable holding the password (never pass the password itself)."),
        .optional("passwordSecret", .any, "Kubernetes Secret holding the password, as {name, namespace, key}."),
    ]

    /// Running the client inside a pod over exec instead of on this host.
    static let podDeclarations: [ArgumentDeclaration] = [
        .optional("namespace", .string, "Run the client inside a pod over exec: namespace of that pod."),
        .optional("pod", .string, "Run the client inside this pod over exec instead of locally."),
        .optional("container", .string, "Container of that pod; the pod's first container by default."),
    ]

    static func connection(
        _ arguments: FunctionArguments, engine: DatabaseEngine
    ) throws(FunctionError) -> DatabaseConnection {
        let name = arguments.declaration.name
        if arguments.has("pod") || arguments.has("namespace") {
            throw .permanent("\(name): running the client inside a pod (`pod`, `namespace`) needs a Kubernetes target; "
                + "this run is local — drop those arguments to use the local client")
        }
        if arguments.has("passwordSecret") && !arguments.has("passwordEnv") {
            throw .permanent("\(name): `passwordSecret` needs a Kubernetes target; locally, name an environment "
                + "variable holding the password with `passwordEnv`")
        }
        var port: Int?
        if arguments.has("port") { port = try arguments.int("port") }
        return DatabaseConnection(
            engine: engine,
            host: try arguments.string("host"),
            port: port,
            user: try arguments.optionalString("user"),
            database: try arguments.optionalString("database"),
            password: try arguments.optionalString("passwordEnv").map(PasswordSource.environment)
        )
    }

    /// The connection as arguments again, for an undo that must reach the same
    /// service: the password's variable name, never its value.
    static func undoArguments(_ connection: DatabaseConnection) -> [String: ArgumentValue] {
        var values: [String: ArgumentValue] = [
            "engine": .string(connection.engine.rawValue),
            "host": .string(connection.host),
            "port": .int(connection.effectivePort),
        ]
        if let user = connection.user { values["user"] = .string(user) }
        if let database = connection.database { values["database"] = .string(database) }
        if case .environment(let variable) = connection.password { values["passwordEnv"] = .string(variable) }
        return values
    }

    static func engine(_ arguments: FunctionArguments) throws(FunctionError) -> DatabaseEngine {
        let text = try arguments.string("engine")
        guard let engine = DatabaseEngine(rawValue: text.lowercased()) else {
            throw .invalidArgument(function: arguments.declaration.name, argument: "engine",
                                   expected: DatabaseEngine.allCases.map(\.rawValue).joined(separator: ", "),
                                   found: "\"\(text)\"")
        }
        return engine
    }

    static func extraArgs(_ arguments: FunctionArguments) throws(FunctionError) -> [String] {
        try arguments.optionalStringList("extraArgs") ?? []
    }

    static func format(_ arguments: FunctionArguments) throws(FunctionError) -> DumpFormat {
        let text = try arguments.string("format")
        guard let format = DumpFormat(rawValue: text) else {
            throw .invalidArgument(function: arguments.declaration.name, argument: "format",
                                   expected: "custom, plain or tar", found: "\"\(text)\"")
        }
        return format
    }
}

/// The failures of the data-service core are classified the way the engine's
/// retry policy reads them: a refused connection is transient, a wrong password not.
extension DataServiceError: ClassifiedError {}
extension WebhookError: ClassifiedError {}
