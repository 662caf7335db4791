/// Where a kind of object lives in the API: `/api/v1/...` for the core group,
/// `/apis/GROUP/VERSION/...` for the others.
public struct ResourceType: Sendable, Hashable, CustomStringConvertible {
    /// API group; empty for the core ("legacy") group.
    public var group: String
    public var version: String
    /// Lower-case plural used in URLs, e.g. `statefulsets`.
    public var plural: String
    /// Kind, for building objects and messages.
    public var kind: String
    public var namespaced: Bool

    public init(group: String, version: String, plural: String, kind: String, namespaced: Bool) {
        self.group = group
        self.version = version
        self.plural = plural
        self.kind = kind
        self.namespaced = namespaced
    }

    /// `v1` or `apps/v1`, as in an object's `apiVersion`.
    public var apiVersion: String { group.isEmpty ? version : "\(group)/\(version)" }

    /// `configmaps` or `statefulsets.apps`, as kubectl names resources in messages.
    public var description: String { group.isEmpty ? plural : "\(plural).\(group)" }

    /// Path prefix of the group version: `/api/v1` or `/apis/apps/v1`.
    public var groupVersionPath: String { group.isEmpty ? "/api/\(version)" : "/apis/\(group)/\(version)" }
}

extension ResourceType {
    public static let pods = ResourceType(group: "", version: "v1", plural: "pods", kind: "Pod", namespaced: true)
    public static let services = ResourceType(group: "", version: "v1", plural: "services", kind: "Service", namespaced: true)
    public static let configMaps = ResourceType(group: "", version: "v1", plural: "configmaps", kind: "ConfigMap", namespaced: true)
    public static let secrets = ResourceType(group: "", version: "v1", plural: "secrets", kind: "Secret", namespaced: true)
    public static let persistentVolumeClaims = ResourceType(
        group: "", version: "v1", plural: "persistentvolumeclaims", kind: "PersistentVolumeClaim", namespaced: true)
    public static let persistentVolumes = ResourceType(
        group: "", version: "v1", plural: "persistentvolumes", kind: "PersistentVolume", namespaced: false)
    public static let namespaces = ResourceType(group: "", version: "v1", plural: "namespaces", kind: "Namespace", namespaced: false)
    public static let nodes = ResourceType(group: "", version: "v1", plural: "nodes", kind: "Node", namespaced: false)
    public static let serviceAccounts = ResourceType(
        group: "", version: "v1", plural: "serviceaccounts", kind: "ServiceAccount", namespaced: true)
    public static let events = ResourceType(group: "", version: "v1", plural: "events", kind: "Event", namespaced: true)

    public static let deployments = ResourceType(group: "apps", version: "v1", plural: "deployments", kind: "Deployment", namespaced: true)
    public static let statefulSets = ResourceType(group: "apps", version: "v1", plural: "statefulsets", kind: "StatefulSet", namespaced: true)
    public static let replicaSets = ResourceType(group: "apps", version: "v1", plural: "replicasets", kind: "ReplicaSet", namespaced: true)
    public static let daemonSets = ResourceType(group: "apps", version: "v1", plural: "daemonsets", kind: "DaemonSet", namespaced: true)

    public static let jobs = ResourceType(group: "batch", version: "v1", plural: "jobs", kind: "Job", namespaced: true)

    public static let volumeSnapshots = ResourceType(
        group: "snapshot.storage.k8s.io", version: "v1", plural: "volumesnapshots", kind: "VolumeSnapshot", namespaced: true)
    public static let volumeSnapshotContents = ResourceType(
        group: "snapshot.storage.k8s.io", version: "v1", plural: "volumesnapshotcontents", kind: "VolumeSnapshotContent",
        namespaced: false)
    public static let volumeSnapshotClasses = ResourceType(
        group: "snapshot.storage.k8s.io", version: "v1", plural: "volumesnapshotclasses", kind: "VolumeSnapshotClass",
        namespaced: false)

    /// OpenShift's DeploymentConfig; present only where the API has `apps.openshift.io`.
    public static let deploymentConfigs = ResourceType(
        group: "apps.openshift.io", version: "v1", plural: "deploymentconfigs", kind: "DeploymentConfig", namespaced: true)

    /// Kanister's Blueprint custom resource.
    public static let blueprints = ResourceType(
        group: "cr.kanister.io", version: "v1alpha1", plural: "blueprints", kind: "Blueprint", namespaced: true)
    /// Kanister's ActionSet custom resource.
    public static let actionSets = ResourceType(
        group: "cr.kanister.io", version: "v1alpha1", plural: "actionsets", kind: "ActionSet", namespaced: true)
    /// Kanister's Profile custom resource (where artifacts go, which Secret holds the keys).
    public static let profiles = ResourceType(
        group: "cr.kanister.io", version: "v1alpha1", plural: "profiles", kind: "Profile", namespaced: true)

    public static let customResourceDefinitions = ResourceType(
        group: "apiextensions.k8s.io", version: "v1", plural: "customresourcedefinitions", kind: "CustomResourceDefinition",
        namespaced: false)
}
