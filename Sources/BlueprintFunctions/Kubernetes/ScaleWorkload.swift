import BlueprintEngine
import BlueprintModel
import KubeClient

/// Scale a Deployment, StatefulSet or DeploymentConfig and wait for the new replica count (Kanister's `ScaleWorkload`).
///
/// Before scaling it registers an undo that puts the original count back, so a
/// later failing phase (or Ctrl-C) leaves the application running as it was.
/// The undo does not wait for readiness: restoring the count is what matters,
/// and an undo must not hang the unwinding.
public struct ScaleWorkload: RunnableFunction {
    public static let declaration = FunctionDeclaration(
        name: "ScaleWorkload",
        summary: "Scale a Deployment, StatefulSet or DeploymentConfig and wait for the new replica count.",
        arguments: [
            .optional("namespace", .string, "Namespace of the workload; the ActionSet object's namespace by default."),
            .optional("name", .string, "Name of the workload; the ActionSet object's name by default."),
            .optional("kind", .string, "Kind of the workload: deployment, statefulset or deploymentconfig (case-insensitive); the ActionSet object's kind by default."),
            .required("replicas", .int, "Desired number of replicas."),
            .optional("waitForReady", .bool, default: "true", "Wait until the workload reaches the desired state before continuing."),
        ],
        outputs: ["originalReplicaCount"],
    )

    /// How long readiness may take (Kanister's default wait for workloads).
    static let readyLimit: Duration = .seconds(15 * 60)

    public static func execute(_ arguments: FunctionArguments, in context: FunctionContext) async throws -> FunctionOutput {
        let kube = try context.kube(for: declaration.name)
        func pick(_ argument: String, _ fallback: String?) throws -> String {
            if let value = try arguments.optionalString(argument), !value.isEmpty { return value }
            if let fallback, !fallback.isEmpty { return fallback }
            throw FunctionError.missingArgument(function: declaration.name, argument: argument)
        }
        let namespace = try pick("namespace", kube.target?.namespace)
        let name = try pick("name", kube.target?.name)
        let kind = try pick("kind", kube.target?.kind)
        let type = try workloadType(kind)
        let replicas = try arguments.int("replicas")
        let waitForReady = try arguments.bool("waitForReady")

        let workload = try await kube.client.get(type, name: name, namespace: namespace)
        let original = Int(workload.json.value(at: "spec.replicas")?.intValue ?? 1)
        await context.registerUndo(UndoAction(
            function: declaration.name,
            arguments: ["namespace": .string(namespace), "name": .string(name), "kind": .string(kind),
                        "replicas": .int(original), "waitForReady": .bool(false)],
            summary: "scale \(type.kind) \(namespace)/\(name) back to \(original) replicas"))
        _ = try await kube.client.patch(type, name: name, namespace: namespace, patch: ["spec": ["replicas": .int(Int64(replicas))]])
        context.progress("scaled \(type.kind) \(namespace)/\(name) from \(original) to \(replicas) replicas")
        if waitForReady {
            _ = try await Polling.until(function: declaration.name,
                                        waitingFor: "\(type.kind) \(namespace)/\(name) to have \(replicas) ready replicas",
                                        limit: readyLimit) { () async throws -> (value: Bool?, state: String) in
                let current = try await kube.client.get(type, name: name, namespace: namespace)
                let json = current.json
                let generation = json.value(at: "metadata.generation")?.intValue ?? 0
                let observed = json.value(at: "status.observedGeneration")?.intValue ?? generation
                let total = Int(json.value(at: "status.replicas")?.intValue ?? 0)
                let ready = Int(json.value(at: "status.readyReplicas")?.intValue ?? 0)
                let state = "\(ready) ready of \(total) replicas, observed generation \(observed) of \(generation)"
                return (observed >= generation && total == replicas && ready == replicas ? true : nil, state)
            }
        }
        return FunctionOutput(["originalReplicaCount": .int(original)])
    }

    static func workloadType(_ kind: String) throws(KubeFunctionError) -> ResourceType {
        switch kind.lowercased() {
        case "deployment", "deployments": return .deployments
        case "statefulset", "statefulsets": return .statefulSets
        case "deploymentconfig", "deploymentconfigs": return .deploymentConfigs
        default: throw .unsupportedKind(function: declaration.name, kind: kind)
        }
    }
}
