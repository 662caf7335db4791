import BlueprintEngine
import EngineTestSupport
import Foundation
import Testing

@Suite struct TimeoutTests {
    @Test func aPhaseTimeoutKillsTheWholeSubprocessTree() async throws {
        let scratch = Scratch()
        let seconds = Processes.uniqueSleepSeconds()
        let marker = "sleep \(seconds)"
        // A shell with a background child and a foreground child: both must die.
        let text = blueprintText(phases: """
                  - name: hang
                    func: Exec
                    timeout: 1s
                    args:
                      command: [sh, -c, "sleep \(seconds) & sleep \(seconds); wait"]
            """)
        let start = Date()
        let record = try await runBlueprint(scratch, text)
        let elapsed = Date().timeIntervalSince(start)
        #expect(record.state == .failed)
        #expect(record.phase("hang")?.error?.contains("phase `hang` timed out after 1s") == true)
        #expect(elapsed < 180, "the timeout returned after \(elapsed) s, not after the command's 600 s")
        #expect(Processes.matching(marker).isEmpty, "left running: \(Processes.matching(marker))")
        #expect(Processes.pgrep(marker).isEmpty)
    }

    @Test func aCommandIgnoringSIGTERMIsKilledAfterTheGracePeriod() async throws {
        let scratch = Scratch()
        let seconds = Processes.uniqueSleepSeconds()
        let text = blueprintText(phases: """
                  - name: stubborn
                    func: Exec
                    timeout: 500ms
                    args:
                      command: [sh, -c, "trap '' TERM; sleep \(seconds); sleep \(seconds)"]
            """)
        let start = Date()
        let record = try await runBlueprint(scratch, text)
        #expect(record.state == .failed)
        // Generous for a loaded machine, far from the command's own 2 × 600 s.
        #expect(Date().timeIntervalSince(start) < 180, "killed after the grace period, not after the command's own 600 s")
        #expect(Processes.matching("sleep \(seconds)").isEmpty)
    }

    @Test func anActionTimeoutStopsThePhasesAndStillUnwinds() async throws {
        let scratch = Scratch()
        let marker = scratch.file("unfrozen")
        let text = blueprintText(phases: """
                  - name: freeze
                    func: Exec
                    args:
                      command: ["true"]
                      undo: [touch, "\(marker)"]
                  - name: hang
                    func: Exec
                    args: {command: [sleep, "300"]}
            """, actionExtras: "    timeout: 8s")
        // 8 s, not 1 s: on a loaded machine the freeze must have run (and its undo
        // been journaled) before the action's clock runs out; the hang is far longer.
        let record = try await runBlueprint(scratch, text)
        #expect(record.state == .failed)
        #expect(record.error?.contains("action `backup` timed out after 8s") == true)
        #expect(FileManager.default.fileExists(atPath: marker))
        #expect(record.undos.map(\.state) == [.done])
    }
}
