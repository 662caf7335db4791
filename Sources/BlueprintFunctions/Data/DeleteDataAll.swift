import BlueprintEngine
import BlueprintModel

/// Delete the backups made by BackupDataAll from the object store (Kanister's `DeleteDataAll`).
public struct DeleteDataAll: BlueprintFunction {
    public static let declaration = FunctionDeclaration(
        name: "DeleteDataAll",
        summary: "Delete the backups made by BackupDataAll from the object store.",
        arguments: [
            .required("namespace", .string, "Namespace in which to run the delete pod."),
            .required("backupArtifactPrefix", .string, "Path of the backup repositories in the object store."),
            .required("backupInfo", .string, "The BackupAllInfo output of BackupDataAll."),
            .optional("encryptionKey", .string, "Password of the restic repository; generated from the profile when omitted."),
            .optional("reclaimSpace", .bool, default: "false", "Prune the repositories to free the space of deleted data."),
            .optional("insecureTLS", .bool, default: "false", "Skip TLS certificate verification when talking to the object store."),
            .optional("podOverride", .map(.any), "Pod spec fields merged over the default spec of the temporary pod (tolerations, nodeSelector, …)."),
            .optional("podAnnotations", .map(.string), "Extra annotations for the temporary pod."),
            .optional("podLabels", .map(.string), "Extra labels for the temporary pod."),
        ],
        outputs: []
    )
}
