import BlueprintEngine
import BlueprintFunctions
import Foundation
import KubeClient
import Logging
import Testing

/// The envtest API server the integration tests run against.
///
/// Enabled when `ENVTEST_KUBECONFIG` or `KUBECONFIG` is set; with
/// `BLUEPRINT_REQUIRE_INTEGRATION=1` a missing server fails the tests instead.
enum KubeTestCluster {
    static let environment = ProcessInfo.processInfo.environment
    static let kubeconfig = environment["ENVTEST_KUBECONFIG"] ?? environment["KUBECONFIG"]
    static let required = environment["BLUEPRINT_REQUIRE_INTEGRATION"] == "1"
    static let enabled = kubeconfig != nil || required
    static let nodeName = environment["ENVTEST_NODE_NAME"].flatMap { $0.isEmpty ? nil : $0 } ?? "envtest-node"

    struct Missing: Error, CustomStringConvertible {
        var description: String { "BLUEPRINT_REQUIRE_INTEGRATION=1 but neither ENVTEST_KUBECONFIG nor KUBECONFIG is set" }
    }

    static func withClient<T>(_ body: (KubernetesClient) async throws -> T) async throws -> T {
        guard let kubeconfig else { throw Missing() }
        let config = try KubeconfigLoader(explicitPath: kubeconfig).load()
        return try await KubernetesClient.withClient(configuration: config, body)
    }

    static func makeNamespace(_ client: KubernetesClient, prefix: String) async throws -> String {
        let name = "\(prefix)-\(UUID().uuidString.prefix(8).lowercased())"
        _ = try await client.create(.namespaces, KubeObject(["apiVersion": "v1", "kind": "Namespace", "metadata": ["name": .string(name)]]))
        return name
    }

    /// A Pod bound to the test node (nothing schedules it) and marked Running, as a kubelet would.
    @discardableResult
    static func makePod(_ client: KubernetesClient, namespace: String, name: String, labels: [String: String] = [:],
                        owner: KubeObject? = nil, containers: [String] = ["main"], volumes: JSONValue = []) async throws -> KubeObject {
        var metadata: JSONValue = ["name": .string(name), "namespace": .string(namespace),
                                   "labels": .object(labels.mapValues(JSONValue.string))]
        if let owner {
            metadata["ownerReferences"] = [["apiVersion": .string(owner.apiVersion ?? "apps/v1"), "kind": .string(owner.kind ?? ""),
                                            "name": .string(owner.name ?? ""), "uid": .string(owner.uid ?? "")]]
        }
        let pod: JSONValue = [
            "apiVersion": "v1", "kind": "Pod", "metadata": metadata,
            "spec": ["nodeName": .string(nodeName), "volumes": volumes,
                     "containers": .array(containers.map { ["name": .string($0), "image": "busybox",
                                                             "volumeMounts": $0 == containers[0] && !(volumes.arrayValue ?? []).isEmpty
                                                                ? [["name": "data", "mountPath": "/var/lib/data"]] : []] })],
        ]
        _ = try await client.create(.pods, KubeObject(pod))
        return try await client.patchStatus(.pods, name: name, namespace: namespace, patch: ["status": ["phase": "Running"]])
    }

    static func makeStatefulSet(_ client: KubernetesClient, namespace: String, name: String, replicas: Int,
                                labels: [String: String], annotations: [String: String] = [:]) async throws -> KubeObject {
        let selector: JSONValue = ["matchLabels": .object(labels.mapValues(JSONValue.string))]
        let object: JSONValue = [
            "apiVersion": "apps/v1", "kind": "StatefulSet",
            "metadata": ["name": .string(name), "namespace": .string(namespace), "labels": .object(labels.mapValues(JSONValue.string)),
                         "annotations": .object(annotations.mapValues(JSONValue.string))],
            "spec": ["replicas": .int(Int64(replicas)), "serviceName": .string(name), "selector": selector,
                     "template": ["metadata": ["labels": .object(labels.mapValues(JSONValue.string))],
                                  "spec": ["containers": [["name": "main", "image": "busybox"]]]]],
        ]
        return try await client.create(.statefulSets, KubeObject(object))
    }

    /// A context for calling a function directly, with a journal-free undo list.
    static func context(client: KubernetesClient, artifacts: URL, undos: UndoList = UndoList(),
                        lines: LineLog = LineLog()) -> FunctionContext {
        var services = FunctionServices()
        services[KubeServices.self] = KubeServices(client: client, taskNodeName: nodeName)
        return FunctionContext(runID: "test", phase: "phase", logger: Logger(label: "test"),
                               artifacts: DirectoryArtifactSink(directory: artifacts), redactor: Redactor(),
                               killGracePeriod: .seconds(1), services: services,
                               output: { stream, line in lines.append(stream, line) },
                               registerUndo: { undo in await undos.append(undo) })
    }

    static func arguments<F: BlueprintFunction>(_ function: F.Type, _ values: [String: ArgumentValue]) -> FunctionArguments {
        FunctionArguments(values, declaration: F.declaration)
    }

    static func scratch() -> URL {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("kubefn-\(UUID().uuidString)")
        try? FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }
}

actor UndoList {
    private(set) var undos: [UndoAction] = []
    func append(_ undo: UndoAction) { undos.append(undo) }
}

final class LineLog: @unchecked Sendable {
    private let lock = NSLock()
    private var storage: [(String, String)] = []
    func append(_ stream: String, _ line: String) {
        lock.lock()
        storage.append((stream, line))
        lock.unlock()
    }
    func lines(_ stream: String) -> [String] {
        lock.lock()
        defer { lock.unlock() }
        return storage.filter { $0.0 == stream }.map(\.1)
    }
}

extension ArgumentValue {
    static func strings(_ items: [String]) -> ArgumentValue { .list(items.map(ArgumentValue.string)) }
}

extension ArgumentValue: ExpressibleByStringLiteral {
    public init(stringLiteral value: String) { self = .string(value) }
}
