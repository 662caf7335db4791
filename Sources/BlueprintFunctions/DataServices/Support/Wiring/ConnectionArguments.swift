import BlueprintEngine
import BlueprintModel
import Foundation
import KubeClient

/// The connection arguments every data-service function shares (`host`, `port`,
/// `user`, `database`, `passwordEnv`), read from a phase's arguments.
enum ConnectionArguments {
    /// Where the database server is, declared once for every data-service function.
    static let serverDeclarations: [ArgumentDeclaration] = [
        .optional("host", .string, default: "127.0.0.1", "Database server host name or address."),
        .optional("port", .int, "Database server port; the engine's default port when omitted."),
        .optional("user", .string, "User to connect as."),
    ]

    /// The user from the pod's container (PostgreSQL: the client reads PGUSER).
    static let userEnvDeclarations: [ArgumentDeclaration] = [
        .optional("userEnv", .string, "In a pod, PostgreSQL only: a variable of the container naming the user (`POSTGRES_USER`), which wins over `user` when the container sets it. Empty: not given."),
    ]

    /// Where the password comes from; never the password itself.
    static let passwordDeclarations: [ArgumentDeclaration] = [
        .optional("passwordEnv", .string, "Name of an environment variable holding the password (never pass the password itself); several, comma-separated, mean the first one that is set (`MARIADB_ROOT_PASSWORD,MYSQL_ROOT_PASSWORD`). Empty: not given."),
        .optional("passwordSecret", .any, "Kubernetes Secret holding the password, as {name, namespace, key}; an empty name means not given. Used when `passwordEnv` is not given."),
    ]

    /// Running the client inside a pod over exec instead of on this host.
    static let podDeclarations: [ArgumentDeclaration] = [
        .optional("namespace", .string, "Run the client inside a pod over exec: namespace of that pod (the target's namespace by default)."),
        .optional("pod", .string, "Run the client inside this pod over exec instead of locally (`host` is then as seen from the pod; passwordEnv names a variable of its container). Empty: run locally."),
        .optional("container", .string, "Container of that pod; the pod's first container by default."),
    ]

    /// The connection a phase names, with a `passwordSecret` read from the
    /// cluster and the pod to run the client in, if any.
    static func connection(
        _ arguments: FunctionArguments, engine: DatabaseEngine, in context: FunctionContext
    ) async throws -> DatabaseConnection {
        let name = arguments.declaration.name
        let kube = context.services[KubeServices.self]
        var connection = try connection(arguments, engine: engine, kube: kube)
        let secretPassword = try given(arguments, "passwordSecret")
        let environmentPassword = try given(arguments, "passwordEnv")
        if secretPassword && !environmentPassword, let kube {
            let reference = try secretReference(arguments, defaultNamespace: connection.pod?.namespace ?? kube.target?.namespace)
            connection.password = .value(try await readSecret(reference, function: name, client: kube.client), reference: reference)
        }
        return connection
    }

    static func connection(
        _ arguments: FunctionArguments, engine: DatabaseEngine, kube: KubeServices? = nil
    ) throws(FunctionError) -> DatabaseConnection {
        let name = arguments.declaration.name
        var pod: PodClient?
        if try given(arguments, "pod") {
            guard let kube else {
                throw .permanent("\(name): running the client inside a pod (`pod`) needs a Kubernetes cluster "
                    + "(run with --app, --kubeconfig or in a cluster); drop `pod` to use the local client")
            }
            let podName = try arguments.string("pod")
            guard let namespace = try arguments.optionalString("namespace").flatMap({ $0.isEmpty ? nil : $0 }) ?? kube.target?.namespace else {
                throw .permanent("\(name): `pod` needs `namespace` (there is no target namespace to default to)")
            }
            pod = PodClient(namespace: namespace, pod: podName,
                            container: try arguments.optionalString("container").flatMap { $0.isEmpty ? nil : $0 })
        } else if try given(arguments, "namespace") {
            throw .permanent("\(name): `namespace` and `container` say where the client runs in a pod; add `pod` or drop them")
        } else if try given(arguments, "container") {
            throw .permanent("\(name): `namespace` and `container` say where the client runs in a pod; add `pod` or drop them")
        }
        let secretPassword = try given(arguments, "passwordSecret")
        let environmentPassword = try given(arguments, "passwordEnv")
        if secretPassword && !environmentPassword && kube == nil {
            throw .permanent("\(name): `passwordSecret` needs a Kubernetes cluster; locally, name an environment "
                + "variable holding the password with `passwordEnv`")
        }
        var port: Int?
        if try arguments.has("port") { port = try arguments.int("port") }
        var userEnv: String?
        if arguments.declaration.argument(named: "userEnv") != nil, try given(arguments, "userEnv") {
            let variable = try arguments.string("userEnv")
            guard pod != nil else {
                throw .permanent("\(name): `userEnv` names a variable of the pod's container; without `pod`, give the user with `user`")
            }
            guard engine.userVariable != nil else {
                throw .permanent("\(name): `userEnv` works for PostgreSQL only (the \(engine.rawValue) client takes its user as an argument); give `user`")
            }
            userEnv = variable
        }
        return DatabaseConnection(
            engine: engine,
            host: try arguments.string("host"),
            port: port,
            user: try arguments.optionalString("user").flatMap { $0.isEmpty ? nil : $0 },
            userEnv: userEnv,
            database: try arguments.optionalString("database").flatMap { $0.isEmpty ? nil : $0 },
            password: environmentPassword ? .environment(try arguments.string("passwordEnv")) : nil,
            pod: pod
        )
    }

    /// Whether a connection argument is given: an empty string, or a
    /// `passwordSecret` whose `name` is empty, counts as absent. A blueprint can
    /// only render an argument, not leave it out, so this is how the catalog says
    /// "in the workload's pod, or else locally" and "from the Secret, or else from
    /// the environment" with one set of arguments.
    static func given(_ arguments: FunctionArguments, _ name: String) throws(FunctionError) -> Bool {
        switch try arguments.value(name) {
        case nil: return false
        case .string(let text)?: return !text.isEmpty
        case .map(let fields)? where name == "passwordSecret":
            if case .string(let secret)? = fields["name"] { return !secret.isEmpty }
            return true
        default: return true
        }
    }

    /// `passwordSecret: {name, namespace, key}`; the namespace defaults to the pod's or the target's.
    static func secretReference(_ arguments: FunctionArguments, defaultNamespace: String?) throws -> SecretReference {
        let name = arguments.declaration.name
        guard case .map(let fields) = (try arguments.value("passwordSecret")) ?? .null,
              case .string(let secret)? = fields["name"], case .string(let key)? = fields["key"] else {
            throw FunctionError.invalidArgument(function: name, argument: "passwordSecret",
                                                expected: "a map {name, key, namespace (optional)}", found: "something else")
        }
        var namespace = defaultNamespace
        if case .string(let given)? = fields["namespace"], !given.isEmpty { namespace = given }
        return SecretReference(namespace: namespace, name: secret, key: key)
    }

    /// One key of a Secret, decoded; never logged.
    static func readSecret(_ reference: SecretReference, function: String, client: KubernetesClient) async throws -> String {
        let secret = try await client.get(.secrets, name: reference.name, namespace: reference.namespace)
        guard let encoded = secret["data"]?[reference.key]?.stringValue,
              let data = Data(base64Encoded: encoded), let value = String(data: data, encoding: .utf8) else {
            throw FunctionError.permanent(
                "\(function): Secret \(reference.namespace.map { "\($0)/" } ?? "")\(reference.name) has no key `\(reference.key)` (passwordSecret)")
        }
        return value.hasSuffix("\n") ? String(value.dropLast()) : value
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
        if let userEnv = connection.userEnv { values["userEnv"] = .string(userEnv) }
        if let database = connection.database { values["database"] = .string(database) }
        if case .environment(let variable) = connection.password { values["passwordEnv"] = .string(variable) }
        if case .value(_, let reference?) = connection.password {
            var secret: [String: ArgumentValue] = ["name": .string(reference.name), "key": .string(reference.key)]
            if let namespace = reference.namespace { secret["namespace"] = .string(namespace) }
            values["passwordSecret"] = .map(secret)
        }
        if let pod = connection.pod {
            values["namespace"] = .string(pod.namespace)
            values["pod"] = .string(pod.pod)
            if let container = pod.container { values["container"] = .string(container) }
        }
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
