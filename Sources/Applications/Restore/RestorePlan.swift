import Foundation
import KubeClient

/// The ordered steps of a whole-app restore (`--target-namespace`,
/// `--with-definitions`), computed before anything is created so that
/// `restore --dry-run` can print it and conflicts refuse the restore up front:
///
/// 1. the namespace;
/// 2. ServiceAccounts, RBAC, ConfigMaps, Secrets, Services, Ingresses;
/// 3. PersistentVolumeClaims;
/// 4. workloads — at 0 replicas for components restored from volumes;
/// 5. each component's restore action: logical ones once their workload is Ready,
///    volume ones before it scales up;
/// 6. scale up, and wait until Ready.
public struct RestorePlan: Sendable, Encodable {
    public struct Step: Sendable, Encodable, Hashable {
        public enum Action: String, Sendable, Encodable {
            case createNamespace, create, replace, waitReady, restoreData, scale
        }

        public var stage: Int
        public var action: Action
        /// "ConfigMap", "StatefulSet", … (the component's for restoreData).
        public var kind: String
        public var name: String
        public var detail: String?
    }

    public static let stageTitles = [1: "namespace", 2: "identities, RBAC and configuration", 3: "volumes", 4: "workloads",
                                     5: "data", 6: "scale up"]

    public var app: String
    public var backup: String
    public var sourceNamespace: String
    public var targetNamespace: String
    public var steps: [Step]
    /// The objects to create, ready for the target namespace, by "Kind/name".
    var objects: [String: JSONValue]
    /// Objects created at 0 replicas, with the count to scale them to.
    public var scaledDown: [String: Int]
    public var warnings: [String]

    enum CodingKeys: String, CodingKey { case app, backup, sourceNamespace, targetNamespace, steps, scaledDown, warnings }

    public func text() -> String {
        var lines = ["restore of application \(app) from \(backup): namespace \(sourceNamespace) → \(targetNamespace)"]
        var stage = 0
        for step in steps {
            if step.stage != stage {
                stage = step.stage
                lines.append("\(stage). \(Self.stageTitles[stage] ?? "")")
            }
            var line = "   \(step.action.rawValue) \(step.kind) \(step.name)"
            if let detail = step.detail { line += " (\(detail))" }
            lines.append(line)
        }
        for warning in warnings { lines.append("warning: \(warning)") }
        return lines.joined(separator: "\n")
    }
}

/// One object a whole-app restore created, with the resourceVersion the API
/// server gave it: the order of creation, in the journal.
public struct RestoredObject: Sendable, Codable, Hashable {
    public var kind: String
    public var name: String
    public var namespace: String?
    public var resourceVersion: String?
    /// Replaced (`--overwrite`) rather than created: not removed on failure.
    public var replaced: Bool

    public init(kind: String, name: String, namespace: String?, resourceVersion: String?, replaced: Bool) {
        self.kind = kind
        self.name = name
        self.namespace = namespace
        self.resourceVersion = resourceVersion
        self.replaced = replaced
    }
}
