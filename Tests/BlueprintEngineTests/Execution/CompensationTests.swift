import BlueprintEngine
import EngineTestSupport
import Foundation
import Testing

@Suite struct CompensationTests {
    private func freezeBlueprint(_ scratch: Scratch, then phases: String, deferPhase: String? = nil) -> String {
        let order = scratch.file("order")
        return blueprintText(phases: """
                  - name: freezeA
                    func: Exec
                    args:
                      command: ["true"]
                      undo: [sh, -c, 'echo unfreezeA >> "$0"', "\(order)"]
                  - name: freezeB
                    func: Exec
                    args:
                      command: ["true"]
                      undo: [sh, -c, 'echo unfreezeB >> "$0"', "\(order)"]
            \(phases)
            """, deferPhase: deferPhase)
    }

    @Test func undosRunInReverseOrderWhenTheActionSucceeds() async throws {
        let scratch = Scratch()
        let text = freezeBlueprint(scratch, then: "", deferPhase: """
                  name: cleanup
                  func: Exec
                  args: {command: [sh, -c, 'echo defer >> "$0"', "\(scratch.file("order"))"]}
            """)
        let record = try await runBlueprint(scratch, text)
        #expect(record.state == .succeeded)
        // Kanister's deferPhase runs in the same unwinding, after the phases' undos.
        #expect(scratch.read("order") == "unfreezeB\nunfreezeA\ndefer\n")
        #expect(record.undos.map(\.state) == [.done, .done])
        #expect(record.openUndos.isEmpty)
    }

    @Test func undosRunWhenALaterPhaseFails() async throws {
        let scratch = Scratch()
        let text = freezeBlueprint(scratch, then: """
                  - name: snapshot
                    func: Exec
                    args: {command: [sh, -c, "exit 3"]}
            """)
        let record = try await runBlueprint(scratch, text)
        #expect(record.state == .failed)
        #expect(scratch.read("order") == "unfreezeB\nunfreezeA\n")
        #expect(record.phase("snapshot")?.error?.contains("exit status 3") == true)
    }

    @Test func undosRunWhenTheRunIsCancelledAndTheRunIsRecordedAsCancelled() async throws {
        let scratch = Scratch()
        let text = freezeBlueprint(scratch, then: """
                  - name: wait
                    func: Exec
                    args: {command: [sleep, "30"]}
            """)
        let control = RunControl()
        let events = CollectedEvents()
        async let record = runBlueprint(scratch, text, events: events, control: control)
        // Cancel once the long phase is running.
        while !events.events.contains(.phaseStarted(phase: "wait", attempt: 1, of: 1)) {
            try await Task.sleep(for: .milliseconds(20))
        }
        #expect(await control.cancel(reason: "SIGINT") == .stopping)
        let finished = try await record
        #expect(finished.state == .cancelled)
        #expect(finished.phase("wait")?.state == .failed)
        #expect(finished.phase("wait")?.error == "interrupted: cancelled by SIGINT")
        #expect(scratch.read("order") == "unfreezeB\nunfreezeA\n")
        #expect(try scratch.store.load(finished.id).state == .cancelled)
    }

    @Test func aFailingUndoIsRetriedReportedAndFailsTheAction() async throws {
        let scratch = Scratch()
        let attempts = scratch.file("attempts")
        let text = blueprintText(phases: """
                  - name: freeze
                    func: Exec
                    args:
                      command: ["true"]
                      undo: [sh, -c, 'echo try >> "$0"; echo "cannot unfreeze" >&2; exit 1', "\(attempts)"]
                  - name: snapshot
                    func: Exec
                    args: {command: ["true"]}
            """)
        let clock = RecordingClock()
        let events = CollectedEvents()
        let record = try await runBlueprint(scratch, text, executor: makeExecutor(scratch, clock: clock), events: events)
        #expect(record.phase("snapshot")?.state == .succeeded)
        #expect(record.state == .failed)
        #expect(scratch.read("attempts") == "try\ntry\ntry\n")
        let undo = try #require(record.undos.first)
        #expect(undo.state == .failed)
        #expect(undo.attempts == 3)
        #expect(undo.error?.contains("cannot unfreeze") == true)
        #expect(record.error?.contains("undo `sh -c") == true)
        #expect(record.error?.contains("of phase `freeze` did not complete") == true)
        // Waits between undo attempts double: 10 ms, 20 ms.
        #expect(await clock.sleeps == [.milliseconds(10), .milliseconds(20)])
        let reported = events.events.filter { if case .undoFailed = $0 { return true } else { return false } }
        #expect(reported.count == 3)
        let journal = try scratch.store.load(record.id)
        #expect(journal.openUndos.map(\.phase) == ["freeze"])
    }

    @Test func recoverRunsTheUndosARunLeftOpen() async throws {
        let scratch = Scratch()
        let marker = scratch.file("thawed")
        // A record as a killed engine leaves it: running, one undo open.
        var record = RunRecord(id: "crashed-run", blueprint: "test", blueprintFile: "x.yaml", action: "backup",
                               target: "local", options: [:], from: nil, pid: 999_999_999, startedAt: Date(),
                               phases: [PhaseRecord(name: "freeze", function: "Exec", isDeferPhase: false)])
        record.phases[0].state = .running
        record.undos = [UndoRecord(id: 1, phase: "freeze",
                                   undo: UndoAction(function: "Exec", arguments: ["command": .list([.string("touch"), .string(marker)])],
                                                    summary: "touch thawed"))]
        try await scratch.store.save(record)
        let recovery = Recovery(registry: TestFunctions.registry, configuration: makeExecutor(scratch).configuration)
        let result = try await recovery.recover(runID: "crashed-run", store: scratch.store)
        #expect(result.failures.isEmpty)
        #expect(FileManager.default.fileExists(atPath: marker))
        let after = try scratch.store.load("crashed-run")
        #expect(after.undos.map(\.state) == [.done])
        #expect(after.state == .failed)
        #expect(after.phases[0].state == .failed)
    }
}
