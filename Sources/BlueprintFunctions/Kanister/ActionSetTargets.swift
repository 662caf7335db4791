import Foundation
import KubeClient

/// The cluster side of `blueprint actionset create`, as kanctl does it: objects
/// found by a label selector, and the checks that everything an ActionSet names
/// exists before it is created.
public struct ActionSetTargets: Sendable {
    public var client: KubernetesClient

    public init(client: KubernetesClient) {
        self.client = client
    }

    /// kanctl's `--selector` with `--kind`: `all` (Deployments, DeploymentConfigs
    /// where the API has them, StatefulSets, PVCs), one of those kinds, or
    /// `namespace`; in `namespace`, or every namespace when nil. Objects come in
    /// kanctl's order (kind, then as listed), without duplicates of `already`.
    public func select(selector: String, kind: String, namespace: String?,
                       already: [ActionSet.ObjectReference] = []) async throws -> [ActionSet.ObjectReference] {
        let order: [(ActionSetRequest.TargetKind, ResourceType)] = [
            (.deployment, .deployments), (.deploymentconfig, .deploymentConfigs),
            (.statefulset, .statefulSets), (.pvc, .persistentVolumeClaims),
        ]
        var kinds: [(ActionSetRequest.TargetKind, ResourceType)]
        switch kind.lowercased() {
        case "all": kinds = order
        case "namespace": kinds = [(.namespace, .namespaces)]
        default:
            guard let match = order.first(where: { $0.0.rawValue == kind.lowercased() }) else {
                throw ActionSetRequestError.badValue(
                    flag: "--kind", value: kind, expected: "all, deployment, statefulset, deploymentconfig, pvc or namespace")
            }
            kinds = [match]
        }
        var seen = Set(already)
        var found: [ActionSet.ObjectReference] = []
        let options = ListOptions(labelSelector: selector)
        for (targetKind, type) in kinds {
            if type == .deploymentConfigs, !(try await client.hasResource(type)) { continue }
            let items = try await client.listAll(type, namespace: namespace, allNamespaces: namespace == nil && type.namespaced,
                                                 options: options)
            for item in items {
                guard let name = item.name else { continue }
                // kanctl names a namespace target by its name in both fields.
                let ns = targetKind == .namespace ? name : (item.namespace ?? "")
                let reference = ActionSet.ObjectReference(kind: targetKind.rawValue, name: name, namespace: ns)
                if seen.insert(reference).inserted { found.append(reference) }
            }
        }
        return found
    }

    /// kanctl's checks: the Blueprint (in the ActionSet's namespace), the
    /// Profile, every object, Secret and ConfigMap exist. Returns one line per
    /// missing thing; empty when all is there.
    public func missing(in actionSet: ActionSet) async throws -> [String] {
        let namespace = actionSet.metadata.namespace ?? client.namespace
        var problems: [String] = []
        var checked = Set<String>()
        func check(_ what: String, _ type: ResourceType, name: String, namespace: String?) async throws {
            let key = "\(type)/\(namespace ?? "")/\(name)"
            guard checked.insert(key).inserted else { return }
            if try await client.getIfPresent(type, name: name, namespace: type.namespaced ? namespace : nil) == nil {
                let place = type.namespaced ? " in namespace \(namespace ?? "")" : ""
                problems.append("\(what) \"\(name)\" does not exist\(place)")
            }
        }
        for action in actionSet.spec?.actions ?? [] {
            if let blueprint = action.blueprint { try await check("Blueprint", .blueprints, name: blueprint, namespace: namespace) }
            if let profile = action.profile {
                try await check("Profile", .profiles, name: profile.name, namespace: profile.namespace ?? namespace)
            }
            for reference in (action.secrets ?? [:]).values.sorted(by: { $0.name < $1.name }) {
                try await check("Secret", .secrets, name: reference.name, namespace: reference.namespace ?? namespace)
            }
            for reference in (action.configMaps ?? [:]).values.sorted(by: { $0.name < $1.name }) {
                try await check("ConfigMap", .configMaps, name: reference.name, namespace: reference.namespace ?? namespace)
            }
            let object = action.object
            switch object.kind.map({ $0.lowercased() }) {
            case "deployment"?: try await check("Deployment", .deployments, name: object.name, namespace: object.namespace)
            case "statefulset"?: try await check("StatefulSet", .statefulSets, name: object.name, namespace: object.namespace)
            case "deploymentconfig"?:
                try await check("DeploymentConfig", .deploymentConfigs, name: object.name, namespace: object.namespace)
            case "pvc"?, "persistentvolumeclaim"?:
                try await check("PersistentVolumeClaim", .persistentVolumeClaims, name: object.name, namespace: object.namespace)
            case "namespace"?: try await check("Namespace", .namespaces, name: object.name, namespace: nil)
            default:
                guard let version = object.apiVersion, let resource = object.resource else {
                    problems.append("object \(object.namespace ?? "")/\(object.name) has no kind kanctl knows and no "
                                    + "apiVersion/resource")
                    continue
                }
                let type = ResourceType(group: object.group ?? "", version: version, plural: resource,
                                        kind: resource, namespaced: object.namespace != nil)
                try await check("\(type)", type, name: object.name, namespace: object.namespace)
            }
        }
        return problems
    }
}
