import Foundation
import GoTemplate
import Logging

/// How the executor behaves; defaults suit the CLI, tests inject clocks and sinks.
public struct ExecutorConfiguration: Sendable {
    /// At most this many phases of a `dependsOn` graph run at once.
    public var maxParallelPhases: Int = 4
    /// Backoff waits (retries, undo retries) go through this clock.
    public var clock: any EngineClock = SystemClock()
    public var random: any RandomSource = SystemRandom()
    /// Attempts for each undo before it is reported as not completed.
    public var undoAttempts: Int = 3
    /// Wait before the second undo attempt; doubled for each further one.
    public var undoBackoff: Duration = .seconds(1)
    /// A single undo attempt's time limit: an unfreeze must not hang the unwinding.
    public var undoTimeout: Duration = .seconds(300)
    /// Between SIGTERM and SIGKILL when a subprocess is stopped.
    public var killGracePeriod: Duration = .seconds(5)
    /// Called around every phase (not the deferPhase); see ``PhaseGate``.
    public var phaseGate: (any PhaseGate)?
    public var artifacts: any ArtifactSink
    public var logger: Logger
    /// The budget of each argument's template render (output bytes, loop
    /// iterations, value size); a render that exceeds it fails its phase with an
    /// error naming the phase and the argument.
    public var templateLimits: TemplateLimits = .default
    /// Handed to every function through its context (e.g. the Kubernetes client).
    public var services = FunctionServices()

    public init(artifacts: any ArtifactSink, logger: Logger = Logger(label: "blueprint.engine")) {
        self.artifacts = artifacts
        self.logger = logger
    }
}
