import BlueprintEngine
import BlueprintModel

/// Report the file count and size of a backup in the object store (Kanister's `BackupDataStats`).
public struct BackupDataStats: BlueprintFunction {
    public static let declaration = FunctionDeclaration(
        name: "BackupDataStats",
        summary: "Report the file count and size of a backup in the object store.",
        arguments: [
            .required("namespace", .string, "Namespace in which to run the stats pod."),
            .required("backupArtifactPrefix", .string, "Path of the backup repository in the object store."),
            .required("backupID", .string, "Snapshot ID of the backup."),
            .optional("statsMode", .oneOf(["restore-size", "raw-data", "blobs-per-file", "files-by-contents"]), default: "restore-size", "How restic counts the size (Kanister's docs call this argument mode; the code reads statsMode)."),
            .optional("encryptionKey", .string, "Password of the restic repository; generated from the profile when omitted."),
            .optional("podAnnotations", .map(.string), "Extra annotations for the temporary pod."),
            .optional("podLabels", .map(.string), "Extra labels for the temporary pod."),
        ],
        outputs: ["mode", "fileCount", "size"]
    )
}
