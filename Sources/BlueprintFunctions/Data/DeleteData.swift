import BlueprintEngine
import BlueprintModel

/// Delete a backup made by BackupData or CopyVolumeData from the object store (Kanister's `DeleteData`).
public struct DeleteData: BlueprintFunction {
    public static let declaration = FunctionDeclaration(
        name: "DeleteData",
        summary: "Delete a backup made by BackupData or CopyVolumeData from the object store.",
        arguments: [
            .required("namespace", .string, "Namespace in which to run the delete pod."),
            .required("backupArtifactPrefix", .string, "Path of the backup repository in the object store."),
            .optional("backupID", .string, "Snapshot ID of the backup to delete (required unless backupTag is given)."),
            .optional("backupTag", .string, "Tag of the backup to delete (required unless backupID is given)."),
            .optional("encryptionKey", .string, "Password of the restic repository; generated from the profile when omitted."),
            .optional("reclaimSpace", .bool, default: "false", "Prune the repository to free the space of deleted data."),
            .optional("insecureTLS", .bool, default: "false", "Skip TLS certificate verification when talking to the object store."),
            .optional("podOverride", .map(.any), "Pod spec fields merged over the default spec of the temporary pod (tolerations, nodeSelector, …)."),
            .optional("podAnnotations", .map(.string), "Extra annotations for the temporary pod."),
            .optional("podLabels", .map(.string), "Extra labels for the temporary pod."),
        ],
        outputs: []
    )
}
