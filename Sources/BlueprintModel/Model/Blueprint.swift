/// A blueprint: reusable, parameterized actions for one kind of data service,
/// in Kanister's format (`apiVersion: cr.kanister.io/v1alpha1`, `kind: Blueprint`).
public struct Blueprint: Sendable, Hashable {
    public static let apiVersion = "cr.kanister.io/v1alpha1"
    public static let kind = "Blueprint"

    public var name: String
    public var metadata: SourceValue?
    /// Actions in the order they were written.
    public var actions: [BlueprintAction]
    /// Where the document starts.
    public var location: SourceLocation

    public init(name: String, metadata: SourceValue? = nil, actions: [BlueprintAction], location: SourceLocation) {
        self.name = name
        self.metadata = metadata
        self.actions = actions
        self.location = location
    }

    public func action(named name: String) -> BlueprintAction? {
        actions.first { $0.name == name }
    }
}

/// One action of a blueprint (`backup`, `restore`, `delete`, …).
public struct BlueprintAction: Sendable, Hashable {
    public var name: String
    /// The kind of object the action targets (`StatefulSet`, `Deployment`, `Namespace`, …).
    public var kind: String?
    public var configMapNames: [String]
    public var secretNames: [String]
    public var inputArtifactNames: [String]
    public var outputArtifacts: [OutputArtifact]
    public var phases: [Phase]
    public var deferPhase: Phase?
    /// Our extension: the whole action's time limit, undos and defer phase excluded.
    public var timeout: BlueprintDuration?
    /// Our extension: options that carry secrets (a token, a password). The run
    /// redacts them everywhere and refuses them on the command line: they come
    /// from `--option-from-file` or `--option-from-env`.
    public var secretOptions: [String] = []
    public var location: SourceLocation

    public init(
        name: String, kind: String? = nil, configMapNames: [String] = [], secretNames: [String] = [],
        inputArtifactNames: [String] = [], outputArtifacts: [OutputArtifact] = [], phases: [Phase] = [],
        deferPhase: Phase? = nil, timeout: BlueprintDuration? = nil, location: SourceLocation
    ) {
        self.name = name
        self.kind = kind
        self.configMapNames = configMapNames
        self.secretNames = secretNames
        self.inputArtifactNames = inputArtifactNames
        self.outputArtifacts = outputArtifacts
        self.phases = phases
        self.deferPhase = deferPhase
        self.timeout = timeout
        self.location = location
    }

    /// The phases and then the defer phase, as they will run.
    public var allPhases: [Phase] { phases + (deferPhase.map { [$0] } ?? []) }

    /// True when any phase uses `dependsOn`, which turns the action into a graph.
    public var isGraph: Bool { phases.contains { !$0.dependsOn.isEmpty } }
}

/// An artifact an action produces: key/values rendered from templates after the
/// action succeeded, or a Kopia snapshot reference.
public struct OutputArtifact: Sendable, Hashable {
    public var name: String
    public var keyValue: [SourceValue.Entry]
    public var kopiaSnapshot: SourceValue.Scalar?
    public var location: SourceLocation

    public init(name: String, keyValue: [SourceValue.Entry] = [], kopiaSnapshot: SourceValue.Scalar? = nil,
                location: SourceLocation) {
        self.name = name
        self.keyValue = keyValue
        self.kopiaSnapshot = kopiaSnapshot
        self.location = location
    }
}

/// One step of an action: a function call with templated arguments.
public struct Phase: Sendable, Hashable {
    public var name: String
    public var function: String
    public var functionLocation: SourceLocation
    public var objects: [ObjectReference]
    /// The arguments as written (templates not rendered yet), in order.
    public var args: [SourceValue.Entry]
    public var argsLocation: SourceLocation?
    /// Our extensions.
    public var retry: RetryPolicy?
    public var timeout: BlueprintDuration?
    public var dependsOn: [String]
    public var dependsOnLocations: [SourceLocation]
    /// Our extension: the phase's part in an application's consistent group.
    public var consistency: ConsistencyRole?
    public var location: SourceLocation

    public init(
        name: String, function: String, functionLocation: SourceLocation, objects: [ObjectReference] = [],
        args: [SourceValue.Entry] = [], argsLocation: SourceLocation? = nil, retry: RetryPolicy? = nil,
        timeout: BlueprintDuration? = nil, dependsOn: [String] = [], dependsOnLocations: [SourceLocation] = [],
        location: SourceLocation
    ) {
        self.name = name
        self.function = function
        self.functionLocation = functionLocation
        self.objects = objects
        self.args = args
        self.argsLocation = argsLocation
        self.retry = retry
        self.timeout = timeout
        self.dependsOn = dependsOn
        self.dependsOnLocations = dependsOnLocations
        self.location = location
    }

    public func arg(_ name: String) -> SourceValue? {
        args.first { $0.key == name }?.value
    }
}

/// What a phase does for a consistent group (`consistency:` on a phase, our
/// extension). When one application run acts on several components, every
/// component's `freeze` phases finish before any `snapshot` phase starts, and
/// `thaw` phases start only once every component's `snapshot` phases finished
/// (the snapshot is cut) — or at once, when a component failed, so every
/// freeze is undone. Alone (one workload, `--blueprint`) the field changes nothing.
public enum ConsistencyRole: String, Sendable, Hashable, CaseIterable {
    case freeze, snapshot, thaw
}

/// A Kubernetes object a phase names under `objects:`; its fields may be templates.
public struct ObjectReference: Sendable, Hashable {
    public var ref: String
    public var apiVersion: String?
    public var group: String?
    public var resource: String?
    public var kind: String?
    public var name: String?
    public var namespace: String?
    public var location: SourceLocation

    public init(ref: String, apiVersion: String? = nil, group: String? = nil, resource: String? = nil,
                kind: String? = nil, name: String? = nil, namespace: String? = nil, location: SourceLocation) {
        self.ref = ref
        self.apiVersion = apiVersion
        self.group = group
        self.resource = resource
        self.kind = kind
        self.name = name
        self.namespace = namespace
        self.location = location
    }
}

/// Our retry extension: how often and how patiently to retry a phase.
public struct RetryPolicy: Sendable, Hashable {
    /// Which failures are retried: only those a function marks transient, or any.
    public enum Condition: String, Sendable, Hashable, CaseIterable {
        case transient
        case any
    }

    /// Total attempts including the first.
    public var attempts: Int
    public var backoff: BlueprintDuration
    public var maxBackoff: BlueprintDuration
    public var on: [Condition]

    public init(attempts: Int, backoff: BlueprintDuration = .init(seconds: 1),
                maxBackoff: BlueprintDuration = .init(seconds: 30), on: [Condition] = [.transient]) {
        self.attempts = attempts
        self.backoff = backoff
        self.maxBackoff = maxBackoff
        self.on = on
    }

    public var retriesAnyError: Bool { on.contains(.any) }
}
