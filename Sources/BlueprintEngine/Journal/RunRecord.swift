import Foundation

/// What the journal holds about one run: enough for `blueprint status`, for
/// `--from` chaining, and for `blueprint recover` to finish the undos of a run
/// whose engine died.
public struct RunRecord: Sendable, Codable, Hashable {
    public enum State: String, Sendable, Codable, Hashable {
        case running, succeeded, failed, cancelled
    }

    public var id: String
    public var blueprint: String
    public var blueprintFile: String
    public var action: String
    public var target: String
    public var options: [String: String]
    /// The run whose artifacts were fed into `.ArtifactsIn` (`--from`).
    public var from: String?
    public var state: State
    /// Why the run failed or was cancelled.
    public var error: String?
    /// The engine's process, so `recover` can tell a crashed run from a live one.
    public var pid: Int32
    public var startedAt: Date
    public var finishedAt: Date?
    public var phases: [PhaseRecord]
    /// Output artifacts by name, recorded after all phases and the defer phase succeeded.
    public var artifacts: [String: ArtifactRecord]
    /// Data stored through the artifact sink during the run.
    public var storedArtifacts: [StoredArtifact]
    /// Every undo registered, in registration order; they run in reverse.
    public var undos: [UndoRecord]

    public init(id: String, blueprint: String, blueprintFile: String, action: String, target: String,
                options: [String: String], from: String?, pid: Int32, startedAt: Date, phases: [PhaseRecord]) {
        self.id = id
        self.blueprint = blueprint
        self.blueprintFile = blueprintFile
        self.action = action
        self.target = target
        self.options = options
        self.from = from
        self.state = .running
        self.pid = pid
        self.startedAt = startedAt
        self.phases = phases
        self.artifacts = [:]
        self.storedArtifacts = []
        self.undos = []
    }

    /// Undos that have not completed: what `recover` must still run.
    public var openUndos: [UndoRecord] { undos.filter { $0.state != .done } }

    public func phase(_ name: String) -> PhaseRecord? { phases.first { $0.name == name } }
}

public struct PhaseRecord: Sendable, Codable, Hashable {
    public enum State: String, Sendable, Codable, Hashable {
        case pending, running, succeeded, failed, skipped
    }

    public var name: String
    public var function: String
    public var isDeferPhase: Bool
    public var state: State
    public var attempts: [AttemptRecord]
    public var startedAt: Date?
    public var finishedAt: Date?
    /// Outputs with secret values redacted.
    public var outputs: [String: ArgumentValue]
    public var error: String?

    public init(name: String, function: String, isDeferPhase: Bool) {
        self.name = name
        self.function = function
        self.isDeferPhase = isDeferPhase
        self.state = .pending
        self.attempts = []
        self.outputs = [:]
    }
}

public struct AttemptRecord: Sendable, Codable, Hashable {
    public var number: Int
    public var startedAt: Date
    public var finishedAt: Date?
    public var error: String?
    /// How long the engine waited before the next attempt.
    public var backoffSeconds: Double?

    public init(number: Int, startedAt: Date) {
        self.number = number
        self.startedAt = startedAt
    }
}

public struct ArtifactRecord: Sendable, Codable, Hashable {
    public var keyValue: [String: String]
    public var kopiaSnapshot: String?

    public init(keyValue: [String: String], kopiaSnapshot: String?) {
        self.keyValue = keyValue
        self.kopiaSnapshot = kopiaSnapshot
    }
}

public struct UndoRecord: Sendable, Codable, Hashable {
    public enum State: String, Sendable, Codable, Hashable {
        /// Registered, not run yet.
        case open
        case running
        case done
        /// Every attempt failed; `recover` may try again.
        case failed
    }

    public var id: Int
    /// The phase that registered it.
    public var phase: String
    /// The undo with each secret in its arguments replaced by `<redacted:N>`:
    /// the journal never holds a secret value.
    public var undo: UndoAction
    /// What each `<redacted:N>` stands for, resolved again when the undo runs.
    public var secrets: [SecretUse]?
    public var state: State
    public var attempts: Int
    public var error: String?

    public init(id: Int, phase: String, undo: UndoAction, secrets: [SecretUse] = []) {
        self.id = id
        self.phase = phase
        self.undo = undo
        self.secrets = secrets.isEmpty ? nil : secrets
        self.state = .open
        self.attempts = 0
    }
}
