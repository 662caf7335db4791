import BlueprintEngine
import KubeClient

/// A workload found by `--app`, with what a run against it needs: the target
/// (its object and the parameters Kanister would compute) and the name of its
/// blueprint from the `kanister.kasten.io/blueprint` annotation.
public struct DiscoveredWorkload: Sendable {
    public var kind: String
    public var name: String
    public var namespace: String
    /// nil when the workload carries no blueprint annotation.
    public var blueprintName: String?
    public var target: LocalTarget

    public init(kind: String, name: String, namespace: String, blueprintName: String?, target: LocalTarget) {
        self.kind = kind
        self.name = name
        self.namespace = namespace
        self.blueprintName = blueprintName
        self.target = target
    }

    /// "StatefulSet ns/name".
    public var description: String { "\(kind) \(namespace)/\(name)" }

    public var reference: KubeServices.TargetReference {
        .init(kind: kind, name: name, namespace: namespace)
    }
}
