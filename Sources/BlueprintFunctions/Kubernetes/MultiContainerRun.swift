import BlueprintEngine
import BlueprintModel
import KubeClient

/// Run a pod with a background and an output container sharing a volume; outputs come from the output container (Kanister's `MultiContainerRun`).
///
/// Best effort: like KubeTask, the containers only sleep and the commands are
/// exec'd into them (see ``TaskPod``). The init command runs first, in its own
/// container of the same pod (not as a real init container); then the
/// background and output commands run at once; when the output command ends,
/// the background command is stopped. A failing output command fails the
/// phase; the background command's exit status is only logged, since Kanister
/// lets it be cut short.
public struct MultiContainerRun: RunnableFunction {
    public static let declaration = FunctionDeclaration(
        name: "MultiContainerRun",
        summary: "Run a pod with a background and an output container sharing a volume; outputs come from the output container.",
        arguments: [
            .optional("namespace", .string, "Namespace for the pod; the controller's namespace when omitted."),
            .optional("initImage", .string, "Image of an optional init container that runs before the others."),
            .optional("initCommand", .list(.string), "Command of the init container."),
            .required("backgroundImage", .string, "Image of the background container (e.g. the one producing data)."),
            .required("backgroundCommand", .list(.string), "Command of the background container."),
            .required("outputImage", .string, "Image of the output container, whose logs provide the outputs."),
            .required("outputCommand", .list(.string), "Command of the output container."),
            .optional("sharedVolumeMedium", .string, "Medium of the shared emptyDir volume: empty for node disk or Memory for tmpfs."),
            .optional("sharedVolumeSizeLimit", .string, "Size limit of the shared volume, as a Kubernetes quantity (e.g. 1Gi)."),
            .optional("sharedVolumeDir", .string, default: "/tmp/", "Where the shared volume is mounted in every container."),
            .optional("podOverride", .map(.any), "Pod spec fields merged over the default spec of the temporary pod (tolerations, nodeSelector, …)."),
            .optional("podAnnotations", .map(.string), "Extra annotations for the temporary pod."),
            .optional("podLabels", .map(.string), "Extra labels for the temporary pod."),
        ],
        outputs: nil,
    )

    public static func execute(_ arguments: FunctionArguments, in context: FunctionContext) async throws -> FunctionOutput {
        let name = declaration.name
        let kube = try context.kube(for: name)
        let namespace = try arguments.optionalString("namespace").flatMap { $0.isEmpty ? nil : $0 } ?? kube.client.namespace
        let sharedDir = try arguments.string("sharedVolumeDir")
        var emptyDir: JSONValue = .object([:])
        if let medium = try arguments.optionalString("sharedVolumeMedium"), !medium.isEmpty { emptyDir["medium"] = .string(medium) }
        if let limit = try arguments.optionalString("sharedVolumeSizeLimit"), !limit.isEmpty { emptyDir["sizeLimit"] = .string(limit) }
        let mount: JSONValue = [["name": "shared", "mountPath": .string(sharedDir)]]
        func container(_ name: String, _ image: String) -> JSONValue {
            ["name": .string(name), "image": .string(image), "imagePullPolicy": "IfNotPresent",
             "command": TaskPod.idleCommand, "volumeMounts": mount]
        }
        var containers = [container("background", try arguments.string("backgroundImage")),
                          container("output", try arguments.string("outputImage"))]
        let initCommand = try arguments.optionalStringList("initCommand") ?? []
        if let initImage = try arguments.optionalString("initImage"), !initImage.isEmpty, !initCommand.isEmpty {
            containers.insert(container("init", initImage), at: 0)
        }
        let backgroundCommand = try arguments.stringList("backgroundCommand")
        let outputCommand = try arguments.stringList("outputCommand")
        let pod = TaskPod(function: name, namespace: namespace, containers: containers,
                          volumes: [["name": "shared", "emptyDir": emptyDir]], podOverride: try arguments.json("podOverride"),
                          labels: try arguments.optionalStringMap("podLabels"),
                          annotations: try arguments.optionalStringMap("podAnnotations"))
        return try await pod.run(in: context) { podName in
            if containers.count == 3 {
                _ = try await PodCommand(function: name, namespace: namespace, pod: podName, container: "init",
                                         command: initCommand).run(in: context)
            }
            let background = Task {
                try await PodCommand(function: name, namespace: namespace, pod: podName, container: "background",
                                     command: backgroundCommand).run(in: context)
            }
            do {
                let output = try await PodCommand(function: name, namespace: namespace, pod: podName, container: "output",
                                                  command: outputCommand).run(in: context)
                background.cancel()
                if case .failure(let error) = await background.result, !(error is CancellationError) {
                    context.logger.info("background command ended with an error", metadata: ["error": "\(error)"])
                }
                return output
            } catch {
                background.cancel()
                _ = await background.result
                throw error
            }
        }
    }
}
