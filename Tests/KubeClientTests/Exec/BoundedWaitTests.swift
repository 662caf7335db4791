import Testing
@testable import KubeClient

/// Stopping a remote command must not hang the caller that is unwinding, even
/// when the kill's own exec never completes.
@Suite struct BoundedWaitTests {
    @Test func aTaskThatFinishesIsReportedFinished() async {
        let task = Task<Void, Never> {}
        #expect(await KubernetesClient.finishes(task, within: .seconds(60)))
    }

    @Test func aTaskThatIgnoresCancellationIsNotWaitedFor() async {
        // Ignores cancellation for a minute; the wait gives up after 200 ms.
        let task = Task<Void, Never> {
            let end = ContinuousClock.now + .seconds(60)
            while ContinuousClock.now < end { try? await Task.sleep(for: .milliseconds(100)) }
        }
        let started = ContinuousClock.now
        #expect(await !KubernetesClient.finishes(task, within: .milliseconds(200)))
        // Generous: only catches waiting for the task itself.
        #expect(ContinuousClock.now - started < .seconds(45))
    }

    /// The caller is unwinding a cancelled exec: the wait must still wait.
    @Test func aCancelledCallerStillWaitsForTheTask() async {
        let work = Task<Void, Never> { try? await Task.sleep(for: .milliseconds(300)) }
        let caller = Task { () -> Bool in
            withUnsafeCurrentTask { $0?.cancel() }
            return await KubernetesClient.finishes(work, within: .seconds(60))
        }
        #expect(await caller.value, "the wait gave up because its caller was cancelled")
    }
}
