import BlueprintEngine
import BlueprintModel

/// Back up a path of a running container to the object store with restic (deprecated by Kanister) (Kanister's `BackupData`).
public struct BackupData: BlueprintFunction {
    public static let declaration = FunctionDeclaration(
        name: "BackupData",
        summary: "Back up a path of a running container to the object store with restic (deprecated by Kanister).",
        arguments: [
            .required("namespace", .string, "Namespace of the pod."),
            .required("pod", .string, "Pod holding the data."),
            .required("container", .string, "Container (with the Kanister tools) in which the backup runs."),
            .required("includePath", .string, "Path of the data to back up."),
            .required("backupArtifactPrefix", .string, "Path in the object store where the backup repository lives."),
            .optional("encryptionKey", .string, "Password of the restic repository; generated from the profile when omitted."),
            .optional("insecureTLS", .bool, default: "false", "Skip TLS certificate verification when talking to the object store."),
        ],
        outputs: ["backupTag", "backupID", "fileCount", "size", "phySize"]
    )
}
