import BlueprintEngine
import BlueprintModel

/// Restore a MySQL or MariaDB dump artifact with the mysql client (our extension, not in Kanister).
public struct MysqlRestore: BlueprintFunction {
    public static let declaration = FunctionDeclaration(
        name: "MysqlRestore",
        summary: "Restore a MySQL or MariaDB dump artifact with the mysql client.",
        arguments: [
            .optional("host", .string, default: "127.0.0.1", "Database server host name or address."),
            .optional("port", .int, "Database server port; the engine's default port when omitted."),
            .optional("user", .string, "User to connect as."),
            .optional("database", .string, "Database to restore into; the dump decides when omitted."),
            .optional("passwordEnv", .string, "Name of an environment variable holding the password (never pass the password itself)."),
            .optional("passwordSecret", .any, "Kubernetes Secret holding the password, as {name, namespace, key}."),
            .required("artifact", .string, "Key or name of the dump artifact to read, usually from .ArtifactsIn."),
            .optional("extraArgs", .list(.string), "Extra mysql client arguments."),
            .optional("namespace", .string, "Run the client inside a pod over exec: namespace of that pod."),
            .optional("pod", .string, "Run the client inside this pod over exec instead of locally."),
            .optional("container", .string, "Container of that pod; the pod's first container by default."),
        ],
        outputs: ["bytes"],
        origin: .blueprint,
        implemented: true
    )

    public static func execute(_ arguments: FunctionArguments, in context: FunctionContext) async throws -> FunctionOutput {
        let connection = try ConnectionArguments.connection(arguments, engine: .mariadb)
        let restore = try RestoreStream.mysqlRestore(connection: connection,
                                                     extraArgs: try ConnectionArguments.extraArgs(arguments))
        return try await DumpArtifacts.restore(restore, artifact: try arguments.string("artifact"), in: context)
    }
}
