import Logging

/// What a function may use besides its arguments: a logger, the artifact sink,
/// progress reporting, and the compensation stack. Cancellation is the task's:
/// a timeout or Ctrl-C cancels the task running the function.
public struct FunctionContext: Sendable {
    public var runID: String
    /// The phase being run ("undo of freeze" while undoing).
    public var phase: String
    public var logger: Logger
    /// Where to store produced data; stored artifacts are recorded in the journal.
    public var artifacts: any ArtifactSink
    /// Masks secret values in text a function prints or reports.
    public var redactor: Redactor
    /// How long a killed subprocess gets between SIGTERM and SIGKILL.
    public var killGracePeriod: Duration
    /// True while running an undo: undos cannot register further undos.
    public var isUndo: Bool
    /// The artifacts stored by the `--from` run, which a restore reads back
    /// through ``artifacts`` (found with ``artifact(named:)``).
    public var inputArtifacts: [StoredArtifact] { runArtifacts.inputs }
    /// This run's artifact index: what it stored so far and the `--from` run's.
    public let runArtifacts: RunArtifacts
    /// Clients the program provides (a Kubernetes client, …), keyed by type.
    public var services: FunctionServices

    let outputHandler: @Sendable (String, String) -> Void
    let progressHandler: @Sendable (String) -> Void
    let undoHandler: @Sendable (UndoAction) async -> Void

    public init(runID: String, phase: String, logger: Logger, artifacts: any ArtifactSink, redactor: Redactor,
                killGracePeriod: Duration, isUndo: Bool = false, inputArtifacts: [StoredArtifact] = [],
                runArtifacts: RunArtifacts? = nil, services: FunctionServices = FunctionServices(),
                output: @escaping @Sendable (_ stream: String, _ line: String) -> Void = { _, _ in },
                progress: @escaping @Sendable (String) -> Void = { _ in },
                registerUndo: @escaping @Sendable (UndoAction) async -> Void = { _ in }) {
        self.runID = runID
        self.phase = phase
        self.logger = logger
        let index = runArtifacts ?? RunArtifacts(inputs: inputArtifacts)
        self.runArtifacts = index
        self.artifacts = artifacts is IndexedArtifactSink ? artifacts : IndexedArtifactSink(base: artifacts, index: index)
        self.redactor = redactor
        self.killGracePeriod = killGracePeriod
        self.isUndo = isUndo
        self.services = services
        self.outputHandler = output
        self.progressHandler = progress
        self.undoHandler = registerUndo
    }

    /// Pushes a compensation onto the run's stack. It is on disk before this
    /// returns, so even a kill -9 right after leaves it to `blueprint recover`.
    /// Register *before* doing the thing it undoes: a freeze cut short by a
    /// timeout may still have taken effect.
    public func registerUndo(_ undo: UndoAction) async {
        if isUndo {
            logger.warning("an undo cannot register another undo; ignored", metadata: ["undo": "\(undo.summary)"])
            return
        }
        await undoHandler(undo)
    }

    /// The artifact called `name` by the run's one lookup rule (``RunArtifacts``):
    /// stored earlier in this run, else by the `--from` run; nil when neither has it.
    public func artifact(named name: String) async -> StoredArtifact? {
        await runArtifacts.artifact(named: name)
    }

    /// One line of a command's output (redacted before anyone sees it).
    public func output(_ line: String, stream: String = "stdout") {
        outputHandler(stream, redactor.redact(line))
    }

    public func progress(_ message: String) {
        progressHandler(redactor.redact(message))
    }
}
