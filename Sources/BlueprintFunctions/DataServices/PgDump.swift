import BlueprintEngine
import BlueprintModel

/// Dump a PostgreSQL database with pg_dump and store it as an artifact (our extension, not in Kanister).
public struct PgDump: RunnableFunction {
    public static let declaration = FunctionDeclaration(
        name: "PgDump",
        summary: "Dump a PostgreSQL database with pg_dump and store it as an artifact.",
        arguments: ConnectionArguments.serverDeclarations + ConnectionArguments.userEnvDeclarations
            + [
                .required("database", .string, "Database to dump."),
            ]
            + ConnectionArguments.passwordDeclarations
            + [
                .optional("format", .oneOf(["custom", "plain", "tar"]), default: "custom", "pg_dump output format (the directory format cannot be streamed)."),
                .optional("artifact", .string, default: "pgdump", "Name of the output artifact."),
                .optional("extraArgs", .list(.string), "Extra pg_dump arguments."),
            ]
            + ConnectionArguments.podDeclarations,
        outputs: ["artifact", "bytes", "sha256"],
        origin: .blueprint,
    )

    public static func execute(_ arguments: FunctionArguments, in context: FunctionContext) async throws -> FunctionOutput {
        let connection = try await ConnectionArguments.connection(arguments, engine: .postgresql, in: context)
        let dump = try DumpStream.pgDump(connection: connection, format: try ConnectionArguments.format(arguments),
                                         extraArgs: try ConnectionArguments.extraArgs(arguments),
                                         kube: context.services[KubeServices.self]?.client)
        return try await DumpArtifacts.store(dump, name: try arguments.string("artifact"), in: context)
    }
}
