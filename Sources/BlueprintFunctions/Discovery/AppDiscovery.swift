import BlueprintEngine
import Foundation
import KubeClient

/// Finds the workloads of an application (`--app x`) and builds their template
/// parameters the way Kanister's `param.New` does.
///
/// Labels tried: `app`, `app.kubernetes.io/name`, `app.kubernetes.io/instance`.
/// `.Pods` are the Running pods owned by the workload (through its ReplicaSets
/// for a Deployment, its ReplicationControllers for a DeploymentConfig);
/// `.PersistentVolumeClaims` maps pod → claim → mount path.
public struct AppDiscovery: Sendable {
    public static let blueprintAnnotation = "kanister.kasten.io/blueprint"
    public static let labelKeys = ["app", "app.kubernetes.io/name", "app.kubernetes.io/instance"]

    public var client: KubernetesClient

    public init(client: KubernetesClient) { self.client = client }

    /// Workloads of `app` in `namespace` (or every namespace), sorted by kind,
    /// namespace and name.
    public func workloads(app: String, namespace: String?, allNamespaces: Bool,
                          options: [String: String] = [:]) async throws -> [DiscoveredWorkload] {
        var types: [ResourceType] = [.deployments, .statefulSets]
        if try await client.hasAPIGroup("apps.openshift.io") { types.append(.deploymentConfigs) }
        var found: [String: (ResourceType, KubeObject)] = [:]
        for type in types {
            for key in Self.labelKeys {
                let objects = try await client.listAll(type, namespace: namespace, allNamespaces: allNamespaces,
                                                       options: ListOptions(labelSelector: "\(key)=\(app)"))
                for object in objects { found[object.uid ?? "\(type)/\(object.namespace ?? "")/\(object.name ?? "")"] = (type, object) }
            }
        }
        var result: [DiscoveredWorkload] = []
        for (type, object) in found.values {
            result.append(try await describe(object, type: type, options: options))
        }
        return result.sorted { ($0.kind, $0.namespace, $0.name) < ($1.kind, $1.namespace, $1.name) }
    }

    /// The target document of one workload: the object plus the discovered parameters.
    func describe(_ object: KubeObject, type: ResourceType, options: [String: String]) async throws -> DiscoveredWorkload {
        let name = object.name ?? ""
        let namespace = object.namespace ?? ""
        let pods = try await runningPods(of: object, type: type, namespace: namespace)
        var document: [String: ArgumentValue] = [:]
        if case .object(let fields) = object.json { document = fields.mapValues(\.argumentValue) }
        document["kind"] = .string(type.kind)
        document["apiVersion"] = .string(type.apiVersion)
        document["pods"] = .list(pods.map { .string($0.name ?? "") })
        document["containers"] = .list(pods.map { pod in
            .list((pod.json.value(at: "spec.containers")?.arrayValue ?? []).compactMap { $0["name"]?.stringValue }.map(ArgumentValue.string))
        })
        document["persistentVolumeClaims"] = .map(Dictionary(pods.map { pod in
            (pod.name ?? "", .map(Self.claims(of: pod).mapValues(ArgumentValue.string)))
        }, uniquingKeysWith: { a, _ in a }))
        return DiscoveredWorkload(kind: type.kind, name: name, namespace: namespace,
                                  blueprintName: object.annotations[Self.blueprintAnnotation].flatMap { $0.isEmpty ? nil : $0 },
                                  target: LocalTarget(document: document, options: options))
    }

    /// Claim name → mount path, for every claim mounted by a container of the pod.
    static func claims(of pod: KubeObject) -> [String: String] {
        var volumeToClaim: [String: String] = [:]
        for volume in pod.json.value(at: "spec.volumes")?.arrayValue ?? [] {
            if let volumeName = volume["name"]?.stringValue, let claim = volume["persistentVolumeClaim"]?["claimName"]?.stringValue {
                volumeToClaim[volumeName] = claim
            }
        }
        var result: [String: String] = [:]
        for container in pod.json.value(at: "spec.containers")?.arrayValue ?? [] {
            for mount in container["volumeMounts"]?.arrayValue ?? [] {
                if let volume = mount["name"]?.stringValue, let claim = volumeToClaim[volume], result[claim] == nil {
                    result[claim] = mount["mountPath"]?.stringValue ?? ""
                }
            }
        }
        return result
    }

    private func runningPods(of workload: KubeObject, type: ResourceType, namespace: String) async throws -> [KubeObject] {
        guard let uid = workload.uid else { return [] }
        var owners: Set<String> = [uid]
        if type == .deployments || type == .deploymentConfigs {
            let intermediate: ResourceType = type == .deployments ? .replicaSets
                : ResourceType(group: "", version: "v1", plural: "replicationcontrollers", kind: "ReplicationController", namespaced: true)
            owners = Set(try await client.listAll(intermediate, namespace: namespace)
                .filter { Self.ownerUIDs($0).contains(uid) }.compactMap(\.uid))
        }
        return try await client.listAll(.pods, namespace: namespace)
            .filter { !owners.isDisjoint(with: Self.ownerUIDs($0)) && $0.json.value(at: "status.phase")?.stringValue == "Running" }
            .sorted { ($0.name ?? "") < ($1.name ?? "") }
    }

    static func ownerUIDs(_ object: KubeObject) -> Set<String> {
        Set((object.json.value(at: "metadata.ownerReferences")?.arrayValue ?? []).compactMap { $0["uid"]?.stringValue })
    }
}
