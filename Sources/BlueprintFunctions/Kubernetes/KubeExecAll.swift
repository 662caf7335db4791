import BlueprintEngine
import BlueprintModel

/// Run a command in several containers of several pods in parallel (Kanister's `KubeExecAll`).
///
/// Every pod × container pair runs at once; the first failure cancels the
/// others. Outputs of all commands are merged (a key printed by two commands
/// keeps one of the values).
public struct KubeExecAll: RunnableFunction {
    public static let declaration = FunctionDeclaration(
        name: "KubeExecAll",
        summary: "Run a command in several containers of several pods in parallel.",
        arguments: [
            .required("namespace", .string, "Namespace of the pods."),
            .required("pods", .string, "Space-separated names of the pods to exec into."),
            .required("containers", .string, "Space-separated names of the containers to exec into, in every pod."),
            .required("command", .list(.string), "Command and arguments to run in each container."),
        ],
        outputs: nil,
    )

    public static func execute(_ arguments: FunctionArguments, in context: FunctionContext) async throws -> FunctionOutput {
        let namespace = try arguments.string("namespace")
        let pods = try arguments.string("pods").split(separator: " ").map(String.init)
        let containers = try arguments.string("containers").split(separator: " ").map(String.init)
        let command = try arguments.stringList("command")
        _ = try context.kube(for: declaration.name)
        return try await withThrowingTaskGroup(of: FunctionOutput.self) { group in
            for pod in pods {
                for container in containers.isEmpty ? [nil] : containers.map(Optional.some) {
                    group.addTask {
                        try await PodCommand(function: declaration.name, namespace: namespace, pod: pod, container: container,
                                             command: command).run(in: context)
                    }
                }
            }
            var merged: [String: ArgumentValue] = [:]
            for try await output in group { merged.merge(output.values) { _, new in new } }
            return FunctionOutput(merged)
        }
    }
}
