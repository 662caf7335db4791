import BlueprintModel

/// A hook around each phase of a run, for work that spans several runs: an
/// application's consistent group holds a component's `snapshot` phase until
/// every component is frozen. `willStart` is called before the phase is
/// journaled as running (so its `startedAt` is when it really began); throwing
/// fails the phase with that error, and the run unwinds as for any failure.
/// `didFinish` is called after the phase's end is journaled.
public protocol PhaseGate: Sendable {
    func willStart(_ phase: Phase) async throws
    func didFinish(_ phase: Phase, succeeded: Bool) async
}
