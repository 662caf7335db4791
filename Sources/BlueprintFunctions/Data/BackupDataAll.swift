import BlueprintEngine
import BlueprintModel

/// Back up a path of several pods concurrently to the object store (Kanister's `BackupDataAll`).
public struct BackupDataAll: BlueprintFunction {
    public static let declaration = FunctionDeclaration(
        name: "BackupDataAll",
        summary: "Back up a path of several pods concurrently to the object store.",
        arguments: [
            .required("namespace", .string, "Namespace of the pods."),
            .optional("pods", .string, "Space-separated names of the pods; all pods of the ActionSet object by default."),
            .required("container", .string, "Container (with the Kanister tools) in which the backups run."),
            .required("includePath", .string, "Path of the data to back up."),
            .required("backupArtifactPrefix", .string, "Path in the object store; the pod name is appended per pod."),
            .optional("encryptionKey", .string, "Password of the restic repository; generated from the profile when omitted."),
            .optional("insecureTLS", .bool, default: "false", "Skip TLS certificate verification when talking to the object store."),
        ],
        outputs: ["BackupAllInfo"]
    )
}
