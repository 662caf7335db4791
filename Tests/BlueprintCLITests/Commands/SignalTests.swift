import Foundation
import Testing

/// The unfreeze guarantee, end to end: a real `blueprint` process, real signals.
@Suite(.serialized) struct SignalTests {
    /// A freeze whose undo writes `thawed`, then a long phase that writes
    /// `started` first so the test knows the action is mid-way.
    private func freezeBlueprint(_ cli: CLI, sleep seconds: String, undoDelay: Int = 0) -> String {
        cli.write("bp.yaml", CLI.header + """

              backup:
                phases:
                  - name: freeze
                    func: Exec
                    args:
                      command: [sh, -c, "echo frozen"]
                      undo: [sh, -c, 'touch "$0.undo-started"; sleep \(undoDelay); echo thawed > "$0"', "\(cli.file("thawed"))"]
                  - name: snapshot
                    func: Exec
                    args: {command: [sh, -c, 'touch "$0"; sleep \(seconds)', "\(cli.file("started"))"]}
            """)
    }

    /// SIGTERM, and SIGHUP (the ssh session that started the run dropped),
    /// which is handled the same way.
    @Test(arguments: [("term", SIGTERM), ("hup", SIGHUP)])
    func aSignalMidActionRunsTheUndoAndRecordsCancelled(_ runID: String, _ signal: Int32) async throws {
        let cli = CLI()
        let seconds = "7\(Int.random(in: 10000...99999))"
        let blueprint = freezeBlueprint(cli, sleep: seconds)
        let running = try cli.start(["run", "backup", "--blueprint", blueprint, "--run-id", runID, "--kill-grace", "1"])
        #expect(try await cli.waitFor("started"), "stderr: \(running.stderr)")
        kill(running.pid, signal)
        let status = try await running.exitStatus(within: 30)
        #expect(status == 1, "stderr: \(running.stderr)")
        #expect(cli.read("thawed") == "thawed\n")
        let journal = try cli.journal(runID)
        #expect(journal["state"] as? String == "cancelled")
        #expect((journal["undos"] as? [[String: Any]])?.first?["state"] as? String == "done")
        #expect(processes(matching: "sleep \(seconds)").isEmpty)
    }

    @Test func aSecondSigintDoesNotSkipTheUndo() async throws {
        let cli = CLI()
        let seconds = "7\(Int.random(in: 10000...99999))"
        // The undo runs 6 s: room for the second SIGINT to arrive while it runs, on a loaded machine.
        let blueprint = freezeBlueprint(cli, sleep: seconds, undoDelay: 6)
        let running = try cli.start(["run", "backup", "--blueprint", blueprint, "--run-id", "int", "--kill-grace", "1"])
        #expect(try await cli.waitFor("started"), "stderr: \(running.stderr)")
        kill(running.pid, SIGINT)
        #expect(try await cli.waitFor("thawed.undo-started"), "stderr: \(running.stderr)")
        kill(running.pid, SIGINT)
        let status = try await running.exitStatus(within: 30)
        #expect(status == 1)
        #expect(cli.read("thawed") == "thawed\n")
        #expect(running.stderr.contains("SIGINT received: still undoing"), "stderr: \(running.stderr)")
        let journal = try cli.journal("int")
        #expect(journal["state"] as? String == "cancelled")
        #expect((journal["undos"] as? [[String: Any]])?.first?["state"] as? String == "done")
    }

    @Test func afterKill9RecoverRunsTheOpenUndo() async throws {
        let cli = CLI()
        let seconds = "7\(Int.random(in: 10000...99999))"
        let blueprint = freezeBlueprint(cli, sleep: seconds)
        let running = try cli.start(["run", "backup", "--blueprint", blueprint, "--run-id", "killed"])
        #expect(try await cli.waitFor("started"), "stderr: \(running.stderr)")
        kill(running.pid, SIGKILL)
        _ = try await running.exitStatus(within: 10)
        // The engine died: nothing thawed, the journal still lists the undo.
        #expect(!cli.exists("thawed"))
        let before = try cli.journal("killed")
        #expect(before["state"] as? String == "running")
        #expect((before["undos"] as? [[String: Any]])?.first?["state"] as? String == "open")
        // Its orphaned command keeps running in its own process group; clean it up.
        for pid in processes(matching: "sleep \(seconds)") { kill(pid, SIGKILL) }

        let recover = try await cli.run(["recover", "killed"])
        #expect(recover.status == 0, "stderr: \(recover.stderr)")
        #expect(cli.read("thawed") == "thawed\n")
        let after = try cli.journal("killed")
        #expect((after["undos"] as? [[String: Any]])?.first?["state"] as? String == "done")
        #expect(after["state"] as? String == "failed")
        let status = try await cli.run(["status", "killed"])
        #expect(status.stdout.contains("undo sh -c"))
        #expect(status.stdout.contains(": done"))
    }
}
