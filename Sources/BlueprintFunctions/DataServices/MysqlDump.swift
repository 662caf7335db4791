import BlueprintEngine
import BlueprintModel

/// Dump a MySQL or MariaDB database with mysqldump (or mariadb-dump) and store it as an artifact (our extension, not in Kanister).
public struct MysqlDump: BlueprintFunction {
    public static let declaration = FunctionDeclaration(
        name: "MysqlDump",
        summary: "Dump a MySQL or MariaDB database with mysqldump (or mariadb-dump) and store it as an artifact.",
        arguments: [
            .optional("host", .string, default: "127.0.0.1", "Database server host name or address."),
            .optional("port", .int, "Database server port; the engine's default port when omitted."),
            .optional("user", .string, "User to connect as."),
            .optional("database", .string, "Database to dump; all databases when omitted."),
            .optional("passwordEnv", .string, "Name of an environment variable holding the password (never pass the password itself)."),
            .optional("passwordSecret", .any, "Kubernetes Secret holding the password, as {name, namespace, key}."),
            .optional("artifact", .string, default: "mysqldump", "Name of the output artifact."),
            .optional("extraArgs", .list(.string), "Extra mysqldump arguments."),
            .optional("namespace", .string, "Run the client inside a pod over exec: namespace of that pod."),
            .optional("pod", .string, "Run the client inside this pod over exec instead of locally."),
            .optional("container", .string, "Container of that pod; the pod's first container by default."),
        ],
        outputs: ["artifact", "bytes", "sha256"],
        origin: .blueprint,
        implemented: true
    )

    public static func execute(_ arguments: FunctionArguments, in context: FunctionContext) async throws -> FunctionOutput {
        let connection = try ConnectionArguments.connection(arguments, engine: .mariadb)
        let dump = try DumpStream.mysqlDump(connection: connection, extraArgs: try ConnectionArguments.extraArgs(arguments))
        return try await DumpArtifacts.store(dump, name: try arguments.string("artifact"), in: context)
    }
}
