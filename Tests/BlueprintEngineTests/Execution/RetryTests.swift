import BlueprintEngine
import EngineTestSupport
import Foundation
import Testing

@Suite struct RetryTests {
    @Test func transientFailuresAreRetriedWithBoundedExponentialBackoff() async throws {
        let scratch = Scratch()
        let key = UUID().uuidString
        let text = blueprintText(phases: """
                  - name: flaky
                    func: TestFlaky
                    args: {key: "\(key)", failures: "3"}
                    retry: {attempts: 5, backoff: 1s, maxBackoff: 3s}
            """)
        let clock = RecordingClock()
        // The highest jitter draw: each wait sits just under its ceiling.
        let record = try await runBlueprint(scratch, text, executor: makeExecutor(scratch, clock: clock, random: FixedRandom(value: 0.999)))
        #expect(record.state == .succeeded)
        #expect(await TestFunctions.Ledger.shared.count(key) == 4)
        let phase = try #require(record.phase("flaky"))
        #expect(phase.attempts.count == 4)
        #expect(phase.attempts.prefix(3).allSatisfy { $0.error?.contains("busy") == true })
        #expect(phase.outputs["attempts"] == .int(4))
        let sleeps = await clock.sleeps
        // Ceilings: 1s, 2s, then capped at maxBackoff 3s (not 4s).
        let ceilings: [Duration] = [.seconds(1), .seconds(2), .seconds(3)]
        #expect(sleeps.count == 3)
        for (sleep, ceiling) in zip(sleeps, ceilings) {
            #expect(sleep <= ceiling)
            #expect(sleep >= ceiling * 0.99)
        }
    }

    @Test func fullJitterCanWaitAnywhereDownToZero() async throws {
        let scratch = Scratch()
        let key = UUID().uuidString
        let text = blueprintText(phases: """
                  - name: flaky
                    func: TestFlaky
                    args: {key: "\(key)", failures: 2}
                    retry: {attempts: 3, backoff: 10s, maxBackoff: 1m}
            """)
        let clock = RecordingClock()
        let record = try await runBlueprint(scratch, text, executor: makeExecutor(scratch, clock: clock, random: FixedRandom(value: 0)))
        #expect(record.state == .succeeded)
        #expect(await clock.sleeps == [.zero, .zero])
    }

    @Test func attemptsAreExhaustedThenThePhaseFails() async throws {
        let scratch = Scratch()
        let key = UUID().uuidString
        let text = blueprintText(phases: """
                  - name: flaky
                    func: TestFlaky
                    args: {key: "\(key)", failures: 10}
                    retry: {attempts: 3, backoff: 1s}
            """)
        let clock = RecordingClock()
        let record = try await runBlueprint(scratch, text, executor: makeExecutor(scratch, clock: clock))
        #expect(record.state == .failed)
        #expect(record.phase("flaky")?.attempts.count == 3)
        #expect(await clock.sleeps.count == 2)
    }

    @Test func permanentErrorsAreNotRetried() async throws {
        let scratch = Scratch()
        let key = UUID().uuidString
        let text = blueprintText(phases: """
                  - name: broken
                    func: TestFlaky
                    args: {key: "\(key)", failures: 1, transient: false}
                    retry: {attempts: 5, backoff: 1s}
                  - name: failedCommand
                    func: Exec
                    args: {command: ["false"]}
                    retry: {attempts: 5, backoff: 1s}
            """)
        let clock = RecordingClock()
        let record = try await runBlueprint(scratch, text, executor: makeExecutor(scratch, clock: clock))
        #expect(record.state == .failed)
        #expect(await TestFunctions.Ledger.shared.count(key) == 1)
        #expect(record.phase("broken")?.attempts.count == 1)
        #expect(await clock.sleeps.isEmpty)
    }

    @Test func aFailedCommandIsRetriedWhenTheBlueprintOptsInWithAny() async throws {
        let scratch = Scratch()
        let counter = scratch.file("count")
        let text = blueprintText(phases: """
                  - name: third
                    func: Exec
                    args:
                      command: [sh, -c, 'echo x >> "$0"; test $(wc -l < "$0") -ge 3', "\(counter)"]
                    retry: {attempts: 4, backoff: 1s, on: [any]}
            """)
        let clock = RecordingClock()
        let record = try await runBlueprint(scratch, text, executor: makeExecutor(scratch, clock: clock))
        #expect(record.state == .succeeded)
        #expect(record.phase("third")?.attempts.count == 3)
        #expect(await clock.sleeps.count == 2)
    }
}
