import BlueprintEngine
import BlueprintModel
import DataRepository

/// Copies a PVC's data into the data repository (Kanister's `CopyVolumeData`):
/// a helper pod mounts the PVC at `/mnt/vol_data/<pvc>` and its tar streams
/// the files to the engine. The backup is named by the PVC, so the next copy
/// of the same PVC reads only what changed, whatever the helper pod is called.
public struct CopyVolumeData: RunnableFunction {
    public static let declaration = FunctionDeclaration(
        name: "CopyVolumeData",
        summary: "Copy the data of a PVC to the object store through a helper pod (deduplicated, encrypted, incremental per PVC).",
        arguments: [
            .required("namespace", .string, "Namespace of the PVC."),
            .required("volume", .string, "Name of the PVC to copy."),
            .required("dataArtifactPrefix", .string, "Path in the object store where the data repository lives."),
            .optional("encryptionKey", .string, "Key of the repository; generated and kept in a Secret when omitted (see BackupData)."),
            .optional("image", .string, "Our extension: image of the helper pod (needs sh, sleep and tar); \(HelperPod.defaultImage) by default."),
            .optional("insecureTLS", .bool, default: "false", "Accepted for Kanister compatibility; the profile's skipSSLVerify applies."),
            .optional("podOverride", .map(.any), "Pod spec fields merged over the helper pod's spec (nodeName for a ReadWriteOnce volume in use, tolerations, …)."),
            .optional("podAnnotations", .map(.string), "Extra annotations for the helper pod."),
            .optional("podLabels", .map(.string), "Extra labels for the helper pod."),
        ],
        outputs: ["backupID", "backupRoot", "backupArtifactLocation", "backupTag", "fileCount", "size", "phySize", "encryptionKeyLocation"]
    )

    static let mountRoot = "/mnt/vol_data/"

    public static func execute(_ arguments: FunctionArguments, in context: FunctionContext) async throws -> FunctionOutput {
        let name = declaration.name
        let kube = try context.kube(for: name)
        let namespace = try arguments.string("namespace")
        let volume = try arguments.string("volume")
        let prefix = try arguments.string("dataArtifactPrefix")
        let mountPath = mountRoot + volume
        let access = try RepositoryAccess(function: name, prefix: prefix, namespace: namespace, context: context)
        let (repository, generated) = try await access.open(encryptionKey: try arguments.optionalString("encryptionKey"), create: true)
        var helper = try HelperPod(function: name, namespace: namespace, image: try arguments.optionalString("image") ?? "",
                                   volumes: [volume: mountPath], arguments: arguments)
        await helper.followVolumes([volume], client: kube.client)
        let snapshot = try await helper.run(in: context) { pod in
            let tar = PodTar(function: name, client: kube.client, namespace: namespace, pod: pod, container: "container")
            return try await DataFunctionSupport.backup(function: name, repository: repository, tar: tar, includePath: mountPath,
                                                        source: "pvc:\(namespace)/\(volume)", context: context)
        }
        var output = DataFunctionSupport.outputs(snapshot, generatedKey: generated)
        output.values["backupRoot"] = .string(mountPath)
        output.values["backupArtifactLocation"] = .string(prefix)
        return output
    }
}
