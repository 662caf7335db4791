import BlueprintEngine
import BlueprintModel

/// Restore a PostgreSQL dump artifact with pg_restore (or psql for plain dumps) (our extension, not in Kanister).
public struct PgRestore: RunnableFunction {
    public static let declaration = FunctionDeclaration(
        name: "PgRestore",
        summary: "Restore a PostgreSQL dump artifact with pg_restore (or psql for plain dumps).",
        arguments: ConnectionArguments.serverDeclarations + ConnectionArguments.userEnvDeclarations
            + [
                .required("database", .string, "Database to restore into."),
            ]
            + ConnectionArguments.passwordDeclarations
            + [
                .required("artifact", .string, "Key or name of the dump artifact to read, usually from .ArtifactsIn."),
                .optional("format", .oneOf(["custom", "plain", "tar"]), default: "custom", "Format of the dump."),
                .optional("clean", .bool, default: "false", "Drop database objects before recreating them."),
                .optional("createDatabase", .bool, default: "false", "Create the database before restoring into it."),
                .optional("extraArgs", .list(.string), "Extra pg_restore (or psql, for plain dumps) arguments."),
            ]
            + ConnectionArguments.podDeclarations,
        outputs: ["bytes"],
        origin: .blueprint,
    )

    public static func execute(_ arguments: FunctionArguments, in context: FunctionContext) async throws -> FunctionOutput {
        let connection = try await ConnectionArguments.connection(arguments, engine: .postgresql, in: context)
        let restore = try RestoreStream.pgRestore(
            connection: connection, format: try ConnectionArguments.format(arguments),
            clean: try arguments.bool("clean"), createDatabase: try arguments.bool("createDatabase"),
            extraArgs: try ConnectionArguments.extraArgs(arguments), kube: context.services[KubeServices.self]?.client)
        return try await DumpArtifacts.restore(restore, artifact: try arguments.string("artifact"), in: context)
    }
}
