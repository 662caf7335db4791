import BlueprintEngine
import BlueprintModel

/// Run a command in a new temporary pod and capture its outputs (Kanister's `KubeTask`).
public struct KubeTask: BlueprintFunction {
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
        outputs: nil
    )
}
