import BlueprintEngine
import BlueprintModel

/// Restore data backed up by BackupDataAll into several pods concurrently (Kanister's `RestoreDataAll`).
public struct RestoreDataAll: BlueprintFunction {
    public static let declaration = FunctionDeclaration(
        name: "RestoreDataAll",
        summary: "Restore data backed up by BackupDataAll into several pods concurrently.",
        arguments: [
            .required("namespace", .string, "Namespace in which to run the restore pods."),
            .required("image", .string, "Image of the restore pods (must contain the Kanister tools)."),
            .required("backupArtifactPrefix", .string, "Path of the backup repositories in the object store."),
            .required("backupInfo", .string, "The BackupAllInfo output of BackupDataAll."),
            .optional("restorePath", .string, default: "/", "Path where the data is restored."),
            .optional("pods", .string, "Space-separated names of the pods to restore into; all pods of the ActionSet object by default."),
            .optional("encryptionKey", .string, "Password of the restic repository; generated from the profile when omitted."),
            .optional("insecureTLS", .bool, default: "false", "Skip TLS certificate verification when talking to the object store."),
            .optional("podOverride", .map(.any), "Pod spec fields merged over the default spec of the temporary pod (tolerations, nodeSelector, …)."),
            .optional("podAnnotations", .map(.string), "Extra annotations for the temporary pod."),
            .optional("podLabels", .map(.string), "Extra labels for the temporary pod."),
        ],
        outputs: []
    )
}
