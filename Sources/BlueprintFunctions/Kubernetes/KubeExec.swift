import BlueprintEngine
import BlueprintModel

/// Runs a command in a running container of a pod (Kanister's `KubeExec`).
public struct KubeExec: BlueprintFunction {
    public static let declaration = FunctionDeclaration(
        name: "KubeExec",
        summary: "Run a command in a container of a running pod and capture its outputs.",
        arguments: [
            .required("namespace", .string, "Namespace of the pod."),
            .required("pod", .string, "Name of the pod to exec into."),
            .optional("container", .string, "Container to exec into; the pod's first container by default (needed when the pod has several)."),
            .required("command", .list(.string), "Command and arguments to run (argv form, no shell unless you invoke one)."),
        ],
        outputs: nil
    )
}
