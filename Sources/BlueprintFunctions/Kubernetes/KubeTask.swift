import BlueprintEngine
import BlueprintModel
import KubeClient

/// Run a command in a new temporary pod and capture its outputs (Kanister's `KubeTask`).
///
/// The pod starts with a container that only sleeps; once it is Running the
/// command is exec'd into it (see ``TaskPod``), its output streams to the log,
/// its `###Phase-output###` lines become outputs, and the pod is deleted
/// afterwards. `spec.nodeName` is set only when `BLUEPRINT_KUBETASK_NODE` is
/// (clusters without a scheduler) or when `podOverride` sets it.
public struct KubeTask: RunnableFunction {
    public static let declaration = FunctionDeclaration(
        name: "KubeTask",
        summary: "Run a command in a new temporary pod and capture its outputs.",
        arguments: [
            .optional("namespace", .string, "Namespace for the pod; the controller's namespace when omitted."),
            .required("image", .string, "Container image to run."),
            .required("command", .list(.string), "Command and arguments to run in the container."),
            .optional("podOverride", .map(.any), "Pod spec fields merged over the default spec of the temporary pod (tolerations, nodeSelector, …)."),
            .optional("podAnnotations", .map(.string), "Extra annotations for the temporary pod."),
            .optional("podLabels", .map(.string), "Extra labels for the temporary pod."),
        ],
        outputs: nil,
    )

    public static func execute(_ arguments: FunctionArguments, in context: FunctionContext) async throws -> FunctionOutput {
        let kube = try context.kube(for: declaration.name)
        let namespace = try arguments.optionalString("namespace").flatMap { $0.isEmpty ? nil : $0 } ?? kube.client.namespace
        let command = try arguments.stringList("command")
        let pod = TaskPod(
            function: declaration.name, namespace: namespace,
            containers: [["name": "container", "image": .string(try arguments.string("image")),
                          "imagePullPolicy": "IfNotPresent", "command": TaskPod.idleCommand]],
            podOverride: try arguments.json("podOverride"),
            labels: try arguments.optionalStringMap("podLabels"), annotations: try arguments.optionalStringMap("podAnnotations"))
        return try await pod.run(in: context) { name in
            try await PodCommand(function: declaration.name, namespace: namespace, pod: name, container: "container",
                                 command: command).run(in: context)
        }
    }
}
