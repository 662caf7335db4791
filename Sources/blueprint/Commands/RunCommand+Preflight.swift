import BlueprintEngine
import Foundation
import ObjectStore

/// What `run` checks before its first phase beyond the blueprint itself
/// (DESIGN.md, promise 4: bad input never leaves a half-run action): where the
/// journal and the artifacts will be written. A failure exits 2 with nothing run
/// or journaled; `--dry-run` refuses the same way, so it predicts `run`.
extension RunCommand {
    func preflight(_ store: RunStore, _ objectStore: any ObjectStore) async throws {
        do {
            try store.checkWritable()
        } catch {
            return try fail(error.description)
        }
        do {
            try await objectStore.checkWritable()
        } catch let error as CustomStringConvertible {
            return try fail("object store: \(error.description)")
        }
    }

    /// A dry run whose plan has a phase that cannot run (a function not
    /// implemented, an argument that fails to render without reading an earlier
    /// phase's output) exits 2, naming each one, as `run` would refuse it. An
    /// error that comes from an output placeholder is shown in the plan only:
    /// the real output may well render.
    static func refuseFailingPlans(_ plans: [DryRunPlan]) throws {
        let failing = plans.flatMap { plan in
            plan.steps.compactMap { step in step.errorBlocksRun ? step.error.map { (step.phase, $0) } : nil }
        }
        guard !failing.isEmpty else { return }
        for (phase, error) in failing { StandardStreams.err("error: phase `\(phase)` would fail: \(error)\n") }
        throw ExitStatus.invalidInput
    }
}
