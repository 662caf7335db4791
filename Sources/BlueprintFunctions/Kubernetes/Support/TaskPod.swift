import BlueprintEngine
import Foundation
import KubeClient

/// A temporary pod for KubeTask and MultiContainerRun.
///
/// The pod's containers only sleep; the blueprint's commands are exec'd into
/// them once the pod is Running. That way the same code works on a real
/// cluster and on the test API server (whose node agent serves exec but runs
/// no container processes), the command's exit code arrives exactly, and a
/// timeout kills the command through the exec stream. The cost: the image must
/// have `sh` and `sleep` (every image Kanister's blueprints use does).
struct TaskPod: Sendable {
    static let idleCommand: JSONValue = ["sh", "-c", "exec sleep 86400"]
    /// How long a pod may take to start (Kanister's default pod-ready timeout).
    static let startLimit: Duration = .seconds(15 * 60)

    var function: String
    var namespace: String
    var containers: [JSONValue]
    var volumes: [JSONValue] = []
    var podOverride: JSONValue?
    var labels: [String: String] = [:]
    var annotations: [String: String] = [:]

    /// The pod manifest: ours, then `podOverride` merged over the spec
    /// (containers merged by name, as Kubernetes' strategic merge does).
    func manifest(nodeName: String?) -> JSONValue {
        var metadataLabels: [String: JSONValue] = ["createdBy": "blueprint"]
        for (key, value) in labels { metadataLabels[key] = .string(value) }
        var spec: JSONValue = ["restartPolicy": "Never", "containers": .array(containers)]
        if !volumes.isEmpty { spec["volumes"] = .array(volumes) }
        if let nodeName { spec["nodeName"] = .string(nodeName) }
        if case .object(var override)? = podOverride {
            if let overrideContainers = override.removeValue(forKey: "containers")?.arrayValue {
                var merged = containers
                for item in overrideContainers {
                    if let index = merged.firstIndex(where: { $0["name"] == item["name"] }) {
                        merged[index] = merged[index].merged(with: item)
                    } else {
                        merged.append(item)
                    }
                }
                spec["containers"] = .array(merged)
            }
            spec = spec.merged(with: .object(override))
        }
        return [
            "apiVersion": "v1", "kind": "Pod",
            "metadata": [
                "generateName": "kanister-job-", "namespace": .string(namespace),
                "labels": .object(metadataLabels),
                "annotations": .object(annotations.mapValues(JSONValue.string)),
            ],
            "spec": spec,
        ]
    }

    /// Creates the pod, waits until it runs, calls `body` with its name, and
    /// deletes the pod whatever happened (also when the phase was cancelled).
    func run<T: Sendable>(in context: FunctionContext, _ body: (String) async throws -> T) async throws -> T {
        let kube = try context.kube(for: function)
        let created = try await kube.client.create(.pods, KubeObject(manifest(nodeName: kube.taskNodeName)), namespace: namespace)
        guard let name = created.name else {
            throw KubeFunctionError.invalidSpec(function: function, reason: "the API server returned a pod without a name")
        }
        context.progress("created pod \(namespace)/\(name)")
        do {
            try await waitUntilRunning(name, client: kube.client)
            let result = try await body(name)
            await delete(name, client: kube.client, context: context)
            return result
        } catch {
            await delete(name, client: kube.client, context: context)
            throw error
        }
    }

    private func waitUntilRunning(_ name: String, client: KubernetesClient) async throws {
        _ = try await Polling.until(function: function, waitingFor: "pod \(namespace)/\(name) to be Running", limit: Self.startLimit) { () async throws -> (value: Bool?, state: String) in
            let pod = try await client.get(.pods, name: name, namespace: namespace)
            let phase = pod.json.value(at: "status.phase")?.stringValue ?? "Pending"
            switch phase {
            case "Running": return (true, phase)
            case "Succeeded", "Failed":
                let reason = pod.json.value(at: "status.message")?.stringValue ?? pod.json.value(at: "status.reason")?.stringValue ?? ""
                throw KubeFunctionError.podFailed(function: function, pod: "\(namespace)/\(name)",
                                                  reason: "it ended (\(phase)) before the command ran \(reason)")
            default: return (nil, "phase \(phase)")
            }
        }
    }

    /// Deletion runs in its own task so that a cancelled phase still cleans up.
    private func delete(_ name: String, client: KubernetesClient, context: FunctionContext) async {
        let namespace = self.namespace
        let outcome = await Task {
            try await client.delete(.pods, name: name, namespace: namespace, gracePeriodSeconds: 0, ignoreNotFound: true)
        }.result
        if case .failure(let error) = outcome {
            context.logger.warning("could not delete temporary pod", metadata: ["pod": "\(namespace)/\(name)", "error": "\(error)"])
        }
    }
}

extension FunctionArguments {
    /// A map argument (podOverride) as JSON.
    func json(_ name: String) throws(FunctionError) -> JSONValue? {
        guard let value = try value(name), value != .null else { return nil }
        if case .string(let text) = value {
            return (try? JSONValue.parsingYAML(text)).flatMap { $0.isNull ? nil : $0 }
        }
        return JSONValue(value)
    }

    func optionalStringMap(_ name: String) throws(FunctionError) -> [String: String] {
        try has(name) ? try stringMap(name) : [:]
    }
}
