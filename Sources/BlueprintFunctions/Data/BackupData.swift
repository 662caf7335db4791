import BlueprintEngine
import BlueprintModel
import DataRepository

/// Backs up a path of a running container into the data repository (Kanister's
/// `BackupData`): the container's own `tar` streams the files over exec, the
/// engine chunks, deduplicates, compresses and encrypts them. Nothing is
/// installed in the pod; the next backup of the same workload reads only the
/// files that changed.
public struct BackupData: RunnableFunction {
    public static let declaration = FunctionDeclaration(
        name: "BackupData",
        summary: "Back up a path of a running container to the object store (deduplicated, encrypted, incremental; only tar needed in the container).",
        arguments: [
            .required("namespace", .string, "Namespace of the pod."),
            .required("pod", .string, "Pod holding the data."),
            .required("container", .string, "Container whose tar reads the data (any image with tar: GNU or busybox)."),
            .required("includePath", .string, "Path of the data to back up (kept as is in the backup: restored below restorePath)."),
            .required("backupArtifactPrefix", .string, "Where the data repository lives in the profile's bucket (may start with the bucket name)."),
            .optional("encryptionKey", .string, "Key of the repository; when omitted a random key is made on first use and kept in Secret blueprint-data-key-<hash> of the namespace (output encryptionKeyLocation)."),
            .optional("insecureTLS", .bool, default: "false", "Accepted for Kanister compatibility; the profile's skipSSLVerify applies."),
        ],
        outputs: ["backupTag", "backupID", "fileCount", "size", "phySize", "encryptionKeyLocation"]
    )

    public static func execute(_ arguments: FunctionArguments, in context: FunctionContext) async throws -> FunctionOutput {
        let name = declaration.name
        let kube = try context.kube(for: name)
        let namespace = try arguments.string("namespace")
        let pod = try arguments.string("pod")
        let container = try arguments.string("container")
        let includePath = try arguments.string("includePath")
        let access = try RepositoryAccess(function: name, prefix: try arguments.string("backupArtifactPrefix"), namespace: namespace, context: context)
        let (repository, generated) = try await access.open(encryptionKey: try arguments.optionalString("encryptionKey"), create: true)
        let identity = await DataFunctionSupport.identity(namespace: namespace, pod: pod, client: kube.client)
        let tar = PodTar(function: name, client: kube.client, namespace: namespace, pod: pod, container: container.isEmpty ? nil : container)
        let snapshot = try await DataFunctionSupport.backup(
            function: name, repository: repository, tar: tar, includePath: includePath,
            source: "\(namespace)/\(identity)/\(container):\(includePath)", context: context)
        context.progress("backup \(snapshot.id.prefix(12)) (tag \(snapshot.tag)): \(snapshot.files) files, \(ResticSize.format(snapshot.bytes)), \(ResticSize.format(snapshot.addedBytes)) added")
        return DataFunctionSupport.outputs(snapshot, generatedKey: generated)
    }
}
