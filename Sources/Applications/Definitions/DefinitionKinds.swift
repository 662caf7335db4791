import KubeClient

/// The kinds of object an application's definitions hold, in the order a
/// whole-app restore creates them: identities, RBAC, configuration and the
/// Services and Ingresses in front of the pods; then the claims; then the
/// workloads (the namespace before all of them).
public enum DefinitionKinds {
    public static let roles = ResourceType(group: "rbac.authorization.k8s.io", version: "v1", plural: "roles", kind: "Role",
                                           namespaced: true)
    public static let roleBindings = ResourceType(group: "rbac.authorization.k8s.io", version: "v1", plural: "rolebindings",
                                                  kind: "RoleBinding", namespaced: true)
    public static let ingresses = ResourceType(group: "networking.k8s.io", version: "v1", plural: "ingresses", kind: "Ingress",
                                               namespaced: true)

    /// Captured kinds, in restore order.
    public static let all: [ResourceType] = [
        .serviceAccounts, roles, roleBindings, .configMaps, .secrets, .services, ingresses,
        .persistentVolumeClaims,
        .statefulSets, .deployments,
    ]

    public static let workloadKinds: Set<String> = ["Deployment", "StatefulSet", "DeploymentConfig"]

    /// The restore stage of a kind: 2 identities and configuration, 3 volumes, 4 workloads.
    public static func stage(ofKind kind: String) -> Int {
        switch kind {
        case "PersistentVolumeClaim": return 3
        case _ where workloadKinds.contains(kind): return 4
        default: return 2
        }
    }

    public static func type(ofKind kind: String) -> ResourceType? {
        all.first { $0.kind == kind } ?? (kind == "DeploymentConfig" ? .deploymentConfigs : nil)
    }

    /// Objects the cluster makes in every namespace: never captured, never a conflict.
    public static func isClusterMade(kind: String, name: String, type: String? = nil) -> Bool {
        (kind == "ServiceAccount" && name == "default") || (kind == "ConfigMap" && name == "kube-root-ca.crt")
            || (kind == "Secret" && type == "kubernetes.io/service-account-token")
    }
}
