import BlueprintEngine
import BlueprintModel

/// Runs a command in a running container of a pod (Kanister's `KubeExec`).
///
/// `###Phase-output###` lines of stdout become outputs; stdout and stderr go to
/// the log; a non-zero exit fails the phase with the code. Our extensions
/// stream stdout into an artifact (`outputArtifact`) or an artifact into stdin
/// (`inputArtifact`), so a stock database image needs no backup tooling.
public struct KubeExec: RunnableFunction {
    public static let declaration = FunctionDeclaration(
        name: "KubeExec",
        summary: "Run a command in a container of a running pod and capture its outputs.",
        arguments: [
            .required("namespace", .string, "Namespace of the pod."),
            .required("pod", .string, "Name of the pod to exec into."),
            .optional("container", .string, "Container to exec into; the pod's first container by default (needed when the pod has several)."),
            .required("command", .list(.string), "Command and arguments to run (argv form, no shell unless you invoke one)."),
            .optional("outputArtifact", .string, "Our extension: store the command's stdout as an artifact of this name instead of logging it."),
            .optional("inputArtifact", .string, "Our extension: stream an artifact (stored earlier in the run under this name, or a file path) to the command's stdin."),
        ],
        outputs: nil,
    )

    public static func execute(_ arguments: FunctionArguments, in context: FunctionContext) async throws -> FunctionOutput {
        let command = PodCommand(
            function: declaration.name, namespace: try arguments.string("namespace"), pod: try arguments.string("pod"),
            container: try arguments.optionalString("container").flatMap { $0.isEmpty ? nil : $0 },
            command: try arguments.stringList("command"),
            outputArtifact: try arguments.optionalString("outputArtifact").flatMap { $0.isEmpty ? nil : $0 },
            inputArtifact: try arguments.optionalString("inputArtifact").flatMap { $0.isEmpty ? nil : $0 })
        return try await command.run(in: context)
    }
}
