import BlueprintEngine
import BlueprintModel

/// Run a command in several containers of several pods in parallel (Kanister's `KubeExecAll`).
public struct KubeExecAll: BlueprintFunction {
    public static let declaration = FunctionDeclaration(
        name: "KubeExecAll",
        summary: "Run a command in several containers of several pods in parallel.",
        arguments: [
            .required("namespace", .string, "Namespace of the pods."),
            .required("pods", .string, "Space-separated names of the pods to exec into."),
            .required("containers", .string, "Space-separated names of the containers to exec into, in every pod."),
            .required("command", .list(.string), "Command and arguments to run in each container."),
        ],
        outputs: nil
    )
}
