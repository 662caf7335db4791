import BlueprintEngine
import Foundation

/// One run of an action over a whole application: the record that ties the
/// components' own runs together, so that `blueprint status` answers for the
/// application and `restore --from` finds each component's artifacts.
///
/// It lives beside the run journal (`$BLUEPRINT_HOME/applications/<id>.json`)
/// and, for a backup that succeeded, as `application.json` in the object store
/// next to the captured definitions.
public struct ApplicationRecord: Sendable, Codable, Hashable {
    public enum State: String, Sendable, Codable, Hashable {
        case running, succeeded, failed, cancelled
    }

    public static let format = 1

    public var format: Int
    public var id: String
    public var app: String
    /// The namespace the components were found in (or restored into).
    public var namespace: String
    public var action: String
    public var state: State
    /// The application backup a restore read from.
    public var from: String?
    public var startedAt: Date
    public var finishedAt: Date?
    /// In the order they ran.
    public var components: [ComponentRecord]
    /// The app's Kubernetes objects, when the action captured them.
    public var definitions: DefinitionsRecord?
    /// Why the application run failed, when no component says it (definitions, manifest).
    public var error: String?
    /// A whole-app restore's objects, in the order it created them.
    public var restoredObjects: [RestoredObject]?

    public init(id: String, app: String, namespace: String, action: String, from: String?, startedAt: Date,
                components: [ComponentRecord]) {
        self.format = Self.format
        self.id = id
        self.app = app
        self.namespace = namespace
        self.action = action
        self.state = .running
        self.from = from
        self.startedAt = startedAt
        self.components = components
    }

    public func component(kind: String, name: String) -> ComponentRecord? {
        components.first { $0.kind == kind && $0.name == name }
    }
}

/// One workload of the application and the run that acted on it.
public struct ComponentRecord: Sendable, Codable, Hashable {
    public enum State: String, Sendable, Codable, Hashable {
        /// Not started: an earlier component failed or the run was cancelled.
        case pending
        case running, succeeded, failed, cancelled
    }

    public var kind: String
    public var name: String
    public var namespace: String
    public var blueprint: String
    /// The component's own run (`blueprint status RUN`).
    public var runID: String
    public var state: State
    public var error: String?
    /// Its output artifacts and stored objects, copied from its run record when it ended.
    public var artifacts: [String: ArtifactRecord]
    public var storedArtifacts: [StoredArtifact]

    public init(kind: String, name: String, namespace: String, blueprint: String, runID: String) {
        self.kind = kind
        self.name = name
        self.namespace = namespace
        self.blueprint = blueprint
        self.runID = runID
        self.state = .pending
        self.artifacts = [:]
        self.storedArtifacts = []
    }

    /// "StatefulSet shop/pg".
    public var description: String { "\(kind) \(namespace)/\(name)" }

    mutating func finish(with run: RunRecord) {
        switch run.state {
        case .running: state = .running
        case .succeeded: state = .succeeded
        case .failed: state = .failed
        case .cancelled: state = .cancelled
        }
        error = run.error
        artifacts = run.artifacts
        storedArtifacts = run.storedArtifacts
    }
}

/// Where an application backup keeps its objects, and what it holds.
public struct DefinitionsRecord: Sendable, Codable, Hashable {
    /// The artifact's key in the object store.
    public var location: String
    public var size: Int64
    public var sha256: String
    /// "ConfigMap" → 2, …
    public var counts: [String: Int]
    /// Whether Secret data is in it (encrypted).
    public var secretDataSealed: Bool

    public init(location: String, size: Int64, sha256: String, counts: [String: Int], secretDataSealed: Bool) {
        self.location = location
        self.size = size
        self.sha256 = sha256
        self.counts = counts
        self.secretDataSealed = secretDataSealed
    }
}
