/// What happens during a run, for progress displays. The journal is the record;
/// events are for people watching.
public enum RunEvent: Sendable, Hashable {
    case runStarted(id: String, action: String, phases: [String])
    case phaseStarted(phase: String, attempt: Int, of: Int)
    case phaseRetrying(phase: String, attempt: Int, error: String, delay: Duration)
    case phaseSucceeded(phase: String, seconds: Double)
    case phaseFailed(phase: String, error: String)
    case phaseSkipped(phase: String)
    case output(phase: String, stream: String, line: String)
    case progress(phase: String, message: String)
    case undoStarted(phase: String, summary: String, attempt: Int)
    case undoSucceeded(phase: String, summary: String)
    case undoFailed(phase: String, summary: String, attempt: Int, error: String, willRetry: Bool)
    case runFinished(state: RunRecord.State, error: String?)
}

/// Receives run events (the CLI's progress view; tests).
public protocol ProgressSink: Sendable {
    func handle(_ event: RunEvent)
}

/// Discards events.
public struct SilentProgress: ProgressSink {
    public init() {}
    public func handle(_ event: RunEvent) {}
}
