import BlueprintEngine
import BlueprintModel
import DataRepository

/// Restores the backups of BackupDataAll into their pods at once (Kanister's
/// `RestoreDataAll`), each through the pod's own tar.
public struct RestoreDataAll: RunnableFunction {
    public static let declaration = FunctionDeclaration(
        name: "RestoreDataAll",
        summary: "Restore data backed up by BackupDataAll into several pods concurrently.",
        arguments: [
            .required("namespace", .string, "Namespace of the pods."),
            .required("image", .string, "Accepted for Kanister compatibility: each pod's own tar receives its data."),
            .required("backupArtifactPrefix", .string, "Path of the backup repositories in the object store."),
            .required("backupInfo", .string, "The BackupAllInfo output of BackupDataAll."),
            .optional("restorePath", .string, default: "/", "Path where the data is restored."),
            .optional("pods", .string, "Space-separated names of the pods to restore into; the pods named in backupInfo by default."),
            .optional("encryptionKey", .string, "Key of the repositories; the generated one when omitted."),
            .optional("insecureTLS", .bool, default: "false", "Accepted for Kanister compatibility; the profile's skipSSLVerify applies."),
            .optional("podOverride", .map(.any), "Accepted for Kanister compatibility (no temporary pod is made)."),
            .optional("podAnnotations", .map(.string), "Accepted for Kanister compatibility (no temporary pod is made)."),
            .optional("podLabels", .map(.string), "Accepted for Kanister compatibility (no temporary pod is made)."),
        ],
        outputs: []
    )

    public static func execute(_ arguments: FunctionArguments, in context: FunctionContext) async throws -> FunctionOutput {
        let name = declaration.name
        let kube = try context.kube(for: name)
        let namespace = try arguments.string("namespace")
        let prefix = try arguments.string("backupArtifactPrefix")
        let key = try arguments.optionalString("encryptionKey")
        let info = try DataFunctionSupport.decodeBackupInfo(try arguments.string("backupInfo"), function: name)
        let restorePath = try arguments.optionalString("restorePath").flatMap { $0.isEmpty ? nil : $0 } ?? "/"
        let given = try arguments.optionalString("pods").map { $0.split(separator: " ").map(String.init) } ?? []
        let pods = given.isEmpty ? info.keys.sorted() : given
        for pod in pods where info[pod] == nil {
            throw DataMoverError.invalidArgument(function: name, argument: "backupInfo", reason: "it has no backup of pod \(pod) (it has \(info.keys.sorted().joined(separator: ", ")))")
        }
        _ = try await DataFunctionSupport.forEachPod(pods) { pod in
            let access = try RepositoryAccess(function: name, prefix: prefix + "/" + pod, namespace: namespace, context: context)
            let (repository, _) = try await access.open(encryptionKey: key, create: false)
            let snapshot = try await repository.findSnapshot(info[pod]!.BackupID)
            let tar = PodTar(function: name, client: kube.client, namespace: namespace, pod: pod, container: nil)
            _ = try await tar.probe()
            return try await tar.restore(repository, snapshot, to: restorePath).files
        }
        return .empty
    }
}
