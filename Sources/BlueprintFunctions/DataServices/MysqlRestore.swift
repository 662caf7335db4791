import BlueprintEngine
import BlueprintModel

/// Restore a MySQL or MariaDB dump artifact with the mysql client (our extension, not in Kanister).
public struct MysqlRestore: RunnableFunction {
    public static let declaration = FunctionDeclaration(
        name: "MysqlRestore",
        summary: "Restore a MySQL or MariaDB dump artifact with the mysql client.",
        arguments: ConnectionArguments.serverDeclarations
            + [
                .optional("database", .string, "Database to restore into; the dump decides when omitted."),
            ]
            + ConnectionArguments.passwordDeclarations
            + [
                .required("artifact", .string, "Key or name of the dump artifact to read, usually from .ArtifactsIn."),
                .optional("extraArgs", .list(.string), "Extra mysql client arguments."),
            ]
            + ConnectionArguments.podDeclarations,
        outputs: ["bytes"],
        origin: .blueprint,
    )

    public static func execute(_ arguments: FunctionArguments, in context: FunctionContext) async throws -> FunctionOutput {
        let connection = try await ConnectionArguments.connection(arguments, engine: .mariadb, in: context)
        let restore = try RestoreStream.mysqlRestore(connection: connection,
                                                     extraArgs: try ConnectionArguments.extraArgs(arguments),
                                         kube: context.services[KubeServices.self]?.client)
        return try await DumpArtifacts.restore(restore, artifact: try arguments.string("artifact"), in: context)
    }
}
