import BlueprintEngine
import BlueprintModel
import DataRepository

/// Deletes a backup from its repository (Kanister's `DeleteData`), in the
/// engine, with no pod. With `reclaimSpace` the repository is pruned: data no
/// other backup needs is removed, once older than `reclaimGracePeriod`.
public struct DeleteData: RunnableFunction {
    public static let declaration = FunctionDeclaration(
        name: "DeleteData",
        summary: "Delete a backup made by BackupData or CopyVolumeData from the object store.",
        arguments: [
            .required("namespace", .string, "Namespace of the backup's workload (where a generated key is kept)."),
            .required("backupArtifactPrefix", .string, "Path of the backup repository in the object store."),
            .optional("backupID", .string, "Snapshot ID of the backup to delete (required unless backupTag is given)."),
            .optional("backupTag", .string, "Tag of the backup to delete (required unless backupID is given)."),
            .optional("encryptionKey", .string, "Key of the repository; the generated one when omitted."),
            .optional("reclaimSpace", .bool, default: "false", "Prune the repository to free the space of deleted data."),
            .optional("reclaimGracePeriod", .string, default: "1h", "Our extension: data younger than this is kept by the prune (a backup running now may need it)."),
            .optional("insecureTLS", .bool, default: "false", "Accepted for Kanister compatibility; the profile's skipSSLVerify applies."),
            .optional("podOverride", .map(.any), "Accepted for Kanister compatibility (runs in the engine, no pod)."),
            .optional("podAnnotations", .map(.string), "Accepted for Kanister compatibility (runs in the engine, no pod)."),
            .optional("podLabels", .map(.string), "Accepted for Kanister compatibility (runs in the engine, no pod)."),
        ],
        outputs: ["spaceFreed"]
    )

    public static func execute(_ arguments: FunctionArguments, in context: FunctionContext) async throws -> FunctionOutput {
        let name = declaration.name
        let access = try RepositoryAccess(function: name, prefix: try arguments.string("backupArtifactPrefix"),
                                          namespace: try arguments.string("namespace"), context: context)
        let (repository, _) = try await access.open(encryptionKey: try arguments.optionalString("encryptionKey"), create: false)
        let snapshot = try await DataFunctionSupport.snapshot(in: repository, arguments: arguments, function: name)
        let freed = try await DataFunctionSupport.delete(snapshot, in: repository, reclaimSpace: try arguments.bool("reclaimSpace"),
                                                         grace: try DataFunctionSupport.grace(arguments, function: name))
        context.progress("deleted backup \(snapshot.id.prefix(12))" + (freed.map { ", \($0) bytes freed" } ?? ""))
        return freed.map { FunctionOutput(["spaceFreed": .string("\($0) B")]) } ?? .empty
    }
}
