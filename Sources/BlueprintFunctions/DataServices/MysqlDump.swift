import BlueprintEngine
import BlueprintModel

/// Dump a MySQL or MariaDB database with mysqldump (or mariadb-dump) and store it as an artifact (our extension, not in Kanister).
public struct MysqlDump: RunnableFunction {
    public static let declaration = FunctionDeclaration(
        name: "MysqlDump",
        summary: "Dump a MySQL or MariaDB database with mysqldump (or mariadb-dump) and store it as an artifact.",
        arguments: ConnectionArguments.serverDeclarations
            + [
                .optional("database", .string, "Database to dump; all databases when omitted."),
            ]
            + ConnectionArguments.passwordDeclarations
            + [
                .optional("artifact", .string, default: "mysqldump", "Name of the output artifact."),
                .optional("extraArgs", .list(.string), "Extra mysqldump arguments."),
            ]
            + ConnectionArguments.podDeclarations,
        outputs: ["artifact", "bytes", "sha256"],
        origin: .blueprint,
    )

    public static func execute(_ arguments: FunctionArguments, in context: FunctionContext) async throws -> FunctionOutput {
        let connection = try await ConnectionArguments.connection(arguments, engine: .mariadb, in: context)
        let dump = try DumpStream.mysqlDump(connection: connection, extraArgs: try ConnectionArguments.extraArgs(arguments),
                                         kube: context.services[KubeServices.self]?.client)
        return try await DumpArtifacts.store(dump, name: try arguments.string("artifact"), in: context)
    }
}
