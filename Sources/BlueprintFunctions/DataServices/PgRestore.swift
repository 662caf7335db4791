import BlueprintEngine
import BlueprintModel

/// Restore a PostgreSQL dump artifact with pg_restore (or psql for plain dumps) (our extension, not in Kanister).
public struct PgRestore: BlueprintFunction {
    public static let declaration = FunctionDeclaration(
        name: "PgRestore",
        summary: "Restore a PostgreSQL dump artifact with pg_restore (or psql for plain dumps).",
        arguments: [
            .optional("host", .string, default: "127.0.0.1", "Database server host name or address."),
            .optional("port", .int, "Database server port; the engine's default port when omitted."),
            .optional("user", .string, "User to connect as."),
            .required("database", .string, "Database to restore into."),
            .optional("passwordEnv", .string, "Name of an environment variable holding the password (never pass the password itself)."),
            .optional("passwordSecret", .any, "Kubernetes Secret holding the password, as {name, namespace, key}."),
            .required("artifact", .string, "Key or name of the dump artifact to read, usually from .ArtifactsIn."),
            .optional("format", .oneOf(["custom", "plain", "tar"]), default: "custom", "Format of the dump."),
            .optional("clean", .bool, default: "false", "Drop database objects before recreating them."),
            .optional("createDatabase", .bool, default: "false", "Create the database before restoring into it."),
            .optional("extraArgs", .list(.string), "Extra pg_restore (or psql, for plain dumps) arguments."),
            .optional("namespace", .string, "Run the client inside a pod over exec: namespace of that pod."),
            .optional("pod", .string, "Run the client inside this pod over exec instead of locally."),
            .optional("container", .string, "Container of that pod; the pod's first container by default."),
        ],
        outputs: ["bytes"],
        origin: .blueprint,
        implemented: true
    )

    public static func execute(_ arguments: FunctionArguments, in context: FunctionContext) async throws -> FunctionOutput {
        let connection = try ConnectionArguments.connection(arguments, engine: .postgresql)
        let restore = try RestoreStream.pgRestore(
            connection: connection, format: try ConnectionArguments.format(arguments),
            clean: try arguments.bool("clean"), createDatabase: try arguments.bool("createDatabase"),
            extraArgs: try ConnectionArguments.extraArgs(arguments))
        return try await DumpArtifacts.restore(restore, artifact: try arguments.string("artifact"), in: context)
    }
}
