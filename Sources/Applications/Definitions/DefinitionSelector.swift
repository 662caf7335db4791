import BlueprintFunctions
import KubeClient

/// Chooses an application's objects among everything in its namespace: those
/// labelled for the app (the labels `--app` discovery reads), and those its
/// workloads need, **by reference**: the pod template's `serviceAccountName`,
/// `imagePullSecrets`, `volumes` (ConfigMap, Secret, claim, projected sources),
/// `envFrom` and `env[].valueFrom` of every container; the Secret its
/// `blueprint.dev/credentials-secret` annotation names; a StatefulSet's claims
/// from `volumeClaimTemplates`; the RoleBindings naming a chosen ServiceAccount
/// and their Roles; the Services selecting a workload's pods.
public struct DefinitionSelector: Sendable {
    /// The catalog's annotation naming a workload's credentials Secret: a reference too.
    public static let credentialsSecretAnnotation = "blueprint.dev/credentials-secret"

    public var app: String

    public init(app: String) { self.app = app }

    public func select(from objects: [KubeObject]) -> [KubeObject] {
        func key(_ kind: String, _ name: String) -> String { "\(kind)/\(name)" }
        var byKey: [String: KubeObject] = [:]
        for object in objects { byKey[key(object.kind ?? "", object.name ?? "")] = object }
        var chosen = Set<String>()
        for object in objects where AppDiscovery.labelKeys.contains(where: { object.labels[$0] == app }) {
            chosen.insert(key(object.kind ?? "", object.name ?? ""))
        }
        let workloads = objects.filter { DefinitionKinds.workloadKinds.contains($0.kind ?? "") && chosen.contains(key($0.kind!, $0.name ?? "")) }
        var serviceAccounts = Set<String>()
        for workload in workloads {
            let spec = workload.json.value(at: "spec.template.spec") ?? .object([:])
            let account = spec["serviceAccountName"]?.stringValue ?? spec["serviceAccount"]?.stringValue ?? "default"
            serviceAccounts.insert(account)
            chosen.insert(key("ServiceAccount", account))
            for reference in Self.references(inPodSpec: spec) { chosen.insert(key(reference.kind, reference.name)) }
            if let secret = workload.annotations[Self.credentialsSecretAnnotation], !secret.isEmpty {
                chosen.insert(key("Secret", secret))
            }
            if workload.kind == "StatefulSet", let name = workload.name {
                let replicas = Int(workload.json.value(at: "spec.replicas")?.intValue ?? 1)
                for template in workload.json.value(at: "spec.volumeClaimTemplates")?.arrayValue ?? [] {
                    guard let claim = template.value(at: "metadata.name")?.stringValue else { continue }
                    for ordinal in 0..<max(replicas, 1) { chosen.insert(key("PersistentVolumeClaim", "\(claim)-\(name)-\(ordinal)")) }
                }
            }
            let podLabels = workload.json.value(at: "spec.template.metadata.labels")?.objectValue?.compactMapValues(\.stringValue) ?? [:]
            for service in objects where service.kind == "Service" {
                let selector = service.json.value(at: "spec.selector")?.objectValue?.compactMapValues(\.stringValue) ?? [:]
                if !selector.isEmpty, selector.allSatisfy({ podLabels[$0.key] == $0.value }) {
                    chosen.insert(key("Service", service.name ?? ""))
                }
            }
        }
        for binding in objects where binding.kind == "RoleBinding" {
            let subjects = binding.json["subjects"]?.arrayValue ?? []
            let names = subjects.filter { $0["kind"]?.stringValue == "ServiceAccount" }.compactMap { $0["name"]?.stringValue }
            if chosen.contains(key("RoleBinding", binding.name ?? "")) || names.contains(where: serviceAccounts.contains) {
                chosen.insert(key("RoleBinding", binding.name ?? ""))
                if binding.json.value(at: "roleRef.kind")?.stringValue == "Role", let role = binding.json.value(at: "roleRef.name")?.stringValue {
                    chosen.insert(key("Role", role))
                }
            }
        }
        return objects.filter { object in
            let kind = object.kind ?? "", name = object.name ?? ""
            return chosen.contains(key(kind, name))
                && !DefinitionKinds.isClusterMade(kind: kind, name: name, type: object.json["type"]?.stringValue)
        }
    }

    /// Objects a pod spec names: (kind, name).
    public static func references(inPodSpec spec: JSONValue) -> [(kind: String, name: String)] {
        var found: [(kind: String, name: String)] = []
        for secret in spec["imagePullSecrets"]?.arrayValue ?? [] {
            if let name = secret["name"]?.stringValue { found.append(("Secret", name)) }
        }
        for volume in spec["volumes"]?.arrayValue ?? [] {
            if let name = volume.value(at: "configMap.name")?.stringValue { found.append(("ConfigMap", name)) }
            if let name = volume.value(at: "secret.secretName")?.stringValue { found.append(("Secret", name)) }
            if let name = volume.value(at: "persistentVolumeClaim.claimName")?.stringValue {
                found.append(("PersistentVolumeClaim", name))
            }
            for source in volume.value(at: "projected.sources")?.arrayValue ?? [] {
                if let name = source.value(at: "configMap.name")?.stringValue { found.append(("ConfigMap", name)) }
                if let name = source.value(at: "secret.name")?.stringValue { found.append(("Secret", name)) }
            }
        }
        let containers = (spec["initContainers"]?.arrayValue ?? []) + (spec["containers"]?.arrayValue ?? [])
        for container in containers {
            for source in container["envFrom"]?.arrayValue ?? [] {
                if let name = source.value(at: "configMapRef.name")?.stringValue { found.append(("ConfigMap", name)) }
                if let name = source.value(at: "secretRef.name")?.stringValue { found.append(("Secret", name)) }
            }
            for variable in container["env"]?.arrayValue ?? [] {
                if let name = variable.value(at: "valueFrom.configMapKeyRef.name")?.stringValue { found.append(("ConfigMap", name)) }
                if let name = variable.value(at: "valueFrom.secretKeyRef.name")?.stringValue { found.append(("Secret", name)) }
            }
        }
        return found
    }
}
