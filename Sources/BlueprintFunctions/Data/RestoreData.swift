import BlueprintEngine
import BlueprintModel

/// Restore data backed up by BackupData or CopyVolumeData into the volumes of a pod or into PVCs (Kanister's `RestoreData`).
public struct RestoreData: BlueprintFunction {
    public static let declaration = FunctionDeclaration(
        name: "RestoreData",
        summary: "Restore data backed up by BackupData or CopyVolumeData into the volumes of a pod or into PVCs.",
        arguments: [
            .required("namespace", .string, "Namespace in which to run the restore pod."),
            .required("image", .string, "Image of the restore pod (must contain the Kanister tools)."),
            .required("backupArtifactPrefix", .string, "Path of the backup repository in the object store."),
            .optional("backupIdentifier", .string, "Snapshot ID of the backup to restore (required unless backupTag is given)."),
            .optional("backupTag", .string, "Tag of the backup to restore (required unless backupIdentifier is given)."),
            .optional("restorePath", .string, default: "/", "Path where the data is restored."),
            .optional("pod", .string, "Pod whose volumes receive the data (exactly one of pod and volumes)."),
            .optional("volumes", .map(.string), "Map of PVC name to mount path to restore into (exactly one of pod and volumes)."),
            .optional("encryptionKey", .string, "Password of the restic repository; generated from the profile when omitted."),
            .optional("insecureTLS", .bool, default: "false", "Skip TLS certificate verification when talking to the object store."),
            .optional("podOverride", .map(.any), "Pod spec fields merged over the default spec of the temporary pod (tolerations, nodeSelector, …)."),
            .optional("podAnnotations", .map(.string), "Extra annotations for the temporary pod."),
            .optional("podLabels", .map(.string), "Extra labels for the temporary pod."),
        ],
        outputs: []
    )
}
