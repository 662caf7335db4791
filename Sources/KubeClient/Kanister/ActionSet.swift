import Foundation

/// Kanister's ActionSet (`cr.kanister.io/v1alpha1`), field for field as its Go
/// types define it (pkg/apis/cr/v1alpha1), so an ActionSet written by kanctl, by
/// hand for Kanister, or by us reads the same. Optional fields are left out when
/// encoded; what the API server has beyond these fields (`uid`,
/// `managedFields`, …) is not kept, so an update starts from the server's JSON
/// (``KubeObject``) and replaces only what it changes.
public struct ActionSet: Codable, Sendable, Equatable {
    public static let apiVersion = "cr.kanister.io/v1alpha1"
    public static let kind = "ActionSet"

    public var apiVersion: String?
    public var kind: String?
    public var metadata: Metadata
    public var spec: Spec?
    public var status: Status?

    public init(metadata: Metadata, spec: Spec?, status: Status? = nil) {
        apiVersion = Self.apiVersion
        kind = Self.kind
        self.metadata = metadata
        self.spec = spec
        self.status = status
    }

    /// The object metadata an ActionSet is created and listed with.
    public struct Metadata: Codable, Sendable, Equatable {
        public var name: String?
        public var generateName: String?
        public var namespace: String?
        public var labels: [String: String]?
        public var annotations: [String: String]?
        public var resourceVersion: String?
        public var uid: String?
        /// RFC 3339, as the API server writes it.
        public var creationTimestamp: String?

        public init(name: String? = nil, generateName: String? = nil, namespace: String? = nil,
                    labels: [String: String]? = nil, annotations: [String: String]? = nil) {
            self.name = name
            self.generateName = generateName
            self.namespace = namespace
            self.labels = labels
            self.annotations = annotations
        }
    }

    /// Kanister's `ObjectReference`: a target (`kind` + `namespace`/`name`, or a
    /// generic `group`/`apiVersion`/`resource`), a Secret, a ConfigMap or a Profile.
    public struct ObjectReference: Codable, Sendable, Hashable {
        public var apiVersion: String?
        public var group: String?
        public var resource: String?
        public var kind: String?
        public var name: String
        public var namespace: String?

        public init(apiVersion: String? = nil, group: String? = nil, resource: String? = nil, kind: String? = nil,
                    name: String, namespace: String? = nil) {
            self.apiVersion = apiVersion
            self.group = group
            self.resource = resource
            self.kind = kind
            self.name = name
            self.namespace = namespace
        }

        /// Kanister leaves unset strings empty (`""`) rather than out; both mean unset.
        public init(from decoder: any Decoder) throws {
            let c = try decoder.container(keyedBy: CodingKeys.self)
            func text(_ key: CodingKeys) throws -> String? {
                let value = try c.decodeIfPresent(String.self, forKey: key)
                return value?.isEmpty == true ? nil : value
            }
            apiVersion = try text(.apiVersion)
            group = try text(.group)
            resource = try text(.resource)
            kind = try text(.kind)
            name = try c.decodeIfPresent(String.self, forKey: .name) ?? ""
            namespace = try text(.namespace)
        }
    }

    /// Kanister's `Artifact`: key-value pairs, or a Kopia snapshot's JSON.
    public struct Artifact: Codable, Sendable, Equatable {
        public var keyValue: [String: String]?
        public var kopiaSnapshot: String?

        public init(keyValue: [String: String]? = nil, kopiaSnapshot: String? = nil) {
            self.keyValue = keyValue
            self.kopiaSnapshot = kopiaSnapshot
        }
    }

    public struct Spec: Codable, Sendable, Equatable {
        public var actions: [Action]?

        public init(actions: [Action]) { self.actions = actions }
    }

    /// Kanister's `ActionSpec`: one blueprint action against one object.
    public struct Action: Codable, Sendable, Equatable {
        public var name: String
        public var object: ObjectReference
        public var blueprint: String?
        /// Input artifacts (`.ArtifactsIn`).
        public var artifacts: [String: Artifact]?
        public var configMaps: [String: ObjectReference]?
        public var secrets: [String: ObjectReference]?
        public var profile: ObjectReference?
        /// Kanister's Kopia repository server: accepted, kept, not used.
        public var repositoryServer: ObjectReference?
        public var podOverride: JSONValue?
        public var options: [String: String]?
        public var preferredVersion: String?
        public var podLabels: [String: String]?
        public var podAnnotations: [String: String]?

        public init(name: String, object: ObjectReference, blueprint: String? = nil,
                    artifacts: [String: Artifact]? = nil, configMaps: [String: ObjectReference]? = nil,
                    secrets: [String: ObjectReference]? = nil, profile: ObjectReference? = nil,
                    podOverride: JSONValue? = nil, options: [String: String]? = nil,
                    podLabels: [String: String]? = nil, podAnnotations: [String: String]? = nil) {
            self.name = name
            self.object = object
            self.blueprint = blueprint
            self.artifacts = artifacts
            self.configMaps = configMaps
            self.secrets = secrets
            self.profile = profile
            self.podOverride = podOverride
            self.options = options
            self.podLabels = podLabels
            self.podAnnotations = podAnnotations
        }
    }

    /// The state of an ActionSet, an action or a phase: exactly Kanister's four
    /// values, which its tools check.
    public enum State: String, Codable, Sendable, CaseIterable {
        case pending, running, failed, complete
    }

    public struct Status: Codable, Sendable, Equatable {
        public var state: State?
        public var actions: [ActionStatus]?
        public var error: ErrorMessage?
        public var progress: Progress?

        public init(state: State?, actions: [ActionStatus]? = nil, error: ErrorMessage? = nil, progress: Progress? = nil) {
            self.state = state
            self.actions = actions
            self.error = error
            self.progress = progress
        }

        /// A state Kanister's tools do not know is kept as nil, not refused: a
        /// status is read, never trusted to be well formed.
        public init(from decoder: any Decoder) throws {
            let c = try decoder.container(keyedBy: CodingKeys.self)
            state = (try? c.decodeIfPresent(String.self, forKey: .state)).flatMap(State.init(rawValue:))
            actions = try c.decodeIfPresent([ActionStatus].self, forKey: .actions)
            error = try c.decodeIfPresent(ErrorMessage.self, forKey: .error)
            progress = try c.decodeIfPresent(Progress.self, forKey: .progress)
        }
    }

    public struct ActionStatus: Codable, Sendable, Equatable {
        public var name: String
        public var object: ObjectReference
        public var blueprint: String?
        public var phases: [PhaseStatus]?
        /// The action's output artifacts: unrendered templates until the action
        /// completes, rendered after.
        public var artifacts: [String: Artifact]?
        public var deferPhase: PhaseStatus?

        public init(name: String, object: ObjectReference, blueprint: String?, phases: [PhaseStatus]? = nil,
                    artifacts: [String: Artifact]? = nil, deferPhase: PhaseStatus? = nil) {
            self.name = name
            self.object = object
            self.blueprint = blueprint
            self.phases = phases
            self.artifacts = artifacts
            self.deferPhase = deferPhase
        }
    }

    public struct PhaseStatus: Codable, Sendable, Equatable {
        public var name: String?
        public var state: State?
        public var output: [String: JSONValue]?

        public init(name: String?, state: State?, output: [String: JSONValue]? = nil) {
            self.name = name
            self.state = state
            self.output = output
        }

        public init(from decoder: any Decoder) throws {
            let c = try decoder.container(keyedBy: CodingKeys.self)
            name = try c.decodeIfPresent(String.self, forKey: .name)
            state = (try? c.decodeIfPresent(String.self, forKey: .state)).flatMap(State.init(rawValue:))
            output = try c.decodeIfPresent([String: JSONValue].self, forKey: .output)
        }
    }

    public struct ErrorMessage: Codable, Sendable, Equatable {
        public var message: String?

        public init(message: String?) { self.message = message }
    }

    public struct Progress: Codable, Sendable, Equatable {
        public var runningPhase: String?
        public var percentCompleted: String?
        public var lastTransitionTime: String?

        public init(runningPhase: String? = nil, percentCompleted: String? = nil, lastTransitionTime: String? = nil) {
            self.runningPhase = runningPhase
            self.percentCompleted = percentCompleted
            self.lastTransitionTime = lastTransitionTime
        }
    }
}

extension ActionSet {
    /// An ActionSet read from the API server's JSON.
    public init(_ object: KubeObject) throws {
        self = try JSONDecoder().decode(ActionSet.self, from: object.json.jsonData())
    }

    /// The JSON to send to the API server.
    public var json: JSONValue {
        get throws { try JSONValue(parsing: JSONEncoder().encode(self)) }
    }
}
