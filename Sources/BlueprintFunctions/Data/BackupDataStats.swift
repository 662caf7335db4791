import BlueprintEngine
import BlueprintModel
import DataRepository

/// A backup's file count and size (Kanister's `BackupDataStats`), in the
/// engine: `restore-size` is what a restore writes, `raw-data` what the
/// backup's distinct chunks take in the repository.
public struct BackupDataStats: RunnableFunction {
    public static let declaration = FunctionDeclaration(
        name: "BackupDataStats",
        summary: "Report the file count and size of a backup in the object store.",
        arguments: [
            .required("namespace", .string, "Namespace of the backup's workload (where a generated key is kept)."),
            .required("backupArtifactPrefix", .string, "Path of the backup repository in the object store."),
            .required("backupID", .string, "Snapshot ID of the backup."),
            .optional("statsMode", .oneOf(["restore-size", "raw-data", "blobs-per-file", "files-by-contents"]), default: "restore-size", "restore-size: the files' bytes; raw-data: the stored bytes of the backup's distinct chunks; the other two count as restore-size (Kanister's docs call this argument mode; the code reads statsMode)."),
            .optional("encryptionKey", .string, "Key of the repository; the generated one when omitted."),
            .optional("podAnnotations", .map(.string), "Accepted for Kanister compatibility (runs in the engine, no pod)."),
            .optional("podLabels", .map(.string), "Accepted for Kanister compatibility (runs in the engine, no pod)."),
        ],
        outputs: ["mode", "fileCount", "size"]
    )

    public static func execute(_ arguments: FunctionArguments, in context: FunctionContext) async throws -> FunctionOutput {
        let name = declaration.name
        let access = try RepositoryAccess(function: name, prefix: try arguments.string("backupArtifactPrefix"),
                                          namespace: try arguments.string("namespace"), context: context)
        let (repository, _) = try await access.open(encryptionKey: try arguments.optionalString("encryptionKey"), create: false)
        let snapshot = try await repository.findSnapshot(try arguments.string("backupID"))
        let mode = try arguments.optionalString("statsMode").flatMap { $0.isEmpty ? nil : $0 } ?? "restore-size"
        var size = snapshot.bytes
        if mode == "raw-data" { size = try await repository.storedSize(of: snapshot) }
        return FunctionOutput(["mode": .string(mode), "fileCount": .string(String(snapshot.files)), "size": .string(ResticSize.format(size))])
    }
}
