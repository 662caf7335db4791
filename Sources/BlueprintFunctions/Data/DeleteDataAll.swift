import BlueprintEngine
import BlueprintModel
import DataRepository

/// Deletes the backups of BackupDataAll (Kanister's `DeleteDataAll`), in the engine.
public struct DeleteDataAll: RunnableFunction {
    public static let declaration = FunctionDeclaration(
        name: "DeleteDataAll",
        summary: "Delete the backups made by BackupDataAll from the object store.",
        arguments: [
            .required("namespace", .string, "Namespace of the backups' workload (where a generated key is kept)."),
            .required("backupArtifactPrefix", .string, "Path of the backup repositories in the object store."),
            .required("backupInfo", .string, "The BackupAllInfo output of BackupDataAll."),
            .optional("encryptionKey", .string, "Key of the repositories; the generated one when omitted."),
            .optional("reclaimSpace", .bool, default: "false", "Prune the repositories to free the space of deleted data."),
            .optional("reclaimGracePeriod", .string, default: "1h", "Our extension: data younger than this is kept by the prune."),
            .optional("insecureTLS", .bool, default: "false", "Accepted for Kanister compatibility; the profile's skipSSLVerify applies."),
            .optional("podOverride", .map(.any), "Accepted for Kanister compatibility (runs in the engine, no pod)."),
            .optional("podAnnotations", .map(.string), "Accepted for Kanister compatibility (runs in the engine, no pod)."),
            .optional("podLabels", .map(.string), "Accepted for Kanister compatibility (runs in the engine, no pod)."),
        ],
        outputs: ["spaceFreed"]
    )

    public static func execute(_ arguments: FunctionArguments, in context: FunctionContext) async throws -> FunctionOutput {
        let name = declaration.name
        let namespace = try arguments.string("namespace")
        let prefix = try arguments.string("backupArtifactPrefix")
        let key = try arguments.optionalString("encryptionKey")
        let reclaim = try arguments.bool("reclaimSpace")
        let grace = try DataFunctionSupport.grace(arguments, function: name)
        let info = try DataFunctionSupport.decodeBackupInfo(try arguments.string("backupInfo"), function: name)
        let freed = try await DataFunctionSupport.forEachPod(info.keys.sorted()) { pod in
            let access = try RepositoryAccess(function: name, prefix: prefix + "/" + pod, namespace: namespace, context: context)
            let (repository, _) = try await access.open(encryptionKey: key, create: false)
            let snapshot = try await repository.findSnapshot(info[pod]!.BackupID)
            return try await DataFunctionSupport.delete(snapshot, in: repository, reclaimSpace: reclaim, grace: grace) ?? 0
        }
        return reclaim ? FunctionOutput(["spaceFreed": .string("\(freed.values.reduce(0, +)) B")]) : .empty
    }
}
