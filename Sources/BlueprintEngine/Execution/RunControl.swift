/// Stops a run from outside (SIGINT, SIGTERM) and tells why work stopped.
///
/// Cancelling stops the phases; it never skips the unwinding: undos and the
/// defer phase run in a task that is not cancelled. A second cancel only asks
/// what is still being undone, so the CLI can say so.
public actor RunControl {
    public enum Response: Sendable, Hashable {
        /// The first request: the run is stopping and will unwind.
        case stopping
        /// Already stopping; these undos are still to run (most recent first).
        case stillUndoing([String])
    }

    /// Set when a signal (or the user) cancelled the run: the run ends `cancelled`.
    public private(set) var cancelledBy: String?
    /// The first reason work stopped early: a signal, a timeout, a failed phase.
    public private(set) var stopReason: String?
    private var handlers: [@Sendable () -> Void] = []
    private var remainingUndos: [String] = []

    public init() {}

    public func cancel(reason: String) -> Response {
        guard cancelledBy == nil else { return .stillUndoing(remainingUndos) }
        cancelledBy = reason
        noteStop("cancelled by \(reason)")
        for handler in handlers { handler() }
        handlers = []
        return .stopping
    }

    func noteStop(_ reason: String) {
        if stopReason == nil { stopReason = reason }
    }

    /// Runs `handler` on cancellation, at once when already cancelled.
    func onCancel(_ handler: @escaping @Sendable () -> Void) {
        if cancelledBy != nil { handler() } else { handlers.append(handler) }
    }

    func setRemainingUndos(_ summaries: [String]) {
        remainingUndos = summaries
    }
}
