import BlueprintEngine
import EngineTestSupport
import Foundation
import Testing

@Suite struct OutputsAndArtifactsTests {
    @Test func outputsOfOnePhaseAreReadByTheNext() async throws {
        let scratch = Scratch()
        let text = blueprintText(phases: """
                  - name: dump
                    func: Exec
                    args:
                      command: [sh, -c, 'echo "noise ###Phase-output###: {\\"key\\":\\"path\\",\\"value\\":\\"/backups/1\\"}"']
                  - name: upload
                    func: Exec
                    args:
                      command: [sh, -c, 'echo "###Phase-output###: {\\"key\\":\\"seen\\",\\"value\\":\\"$0\\"}"', "{{ .Phases.dump.Output.path }}"]
            """)
        let record = try await runBlueprint(scratch, text)
        #expect(record.state == .succeeded)
        #expect(record.phase("dump")?.outputs == ["path": .string("/backups/1")])
        #expect(record.phase("upload")?.outputs == ["seen": .string("/backups/1")])
    }

    @Test func outputArtifactsAreRenderedAfterThePhasesAndRecorded() async throws {
        let scratch = Scratch()
        let text = blueprintText(phases: """
                  - name: dump
                    func: Exec
                    args:
                      command: [sh, -c, 'echo "###Phase-output###: {\\"key\\":\\"path\\",\\"value\\":\\"/backups/7\\"}"']
            """, outputArtifacts: """
                  backupInfo:
                    keyValue:
                      path: "{{ .Phases.dump.Output.path }}"
                      database: "{{ .Options.database }}"
            """)
        let record = try await runBlueprint(scratch, text, options: ["database=app"])
        #expect(record.state == .succeeded)
        #expect(record.artifacts["backupInfo"]?.keyValue == ["path": "/backups/7", "database": "app"])
        let stored = try scratch.store.load(record.id)
        #expect(stored.artifacts == record.artifacts)
    }

    @Test func fromFeedsTheArtifactsOfAnEarlierRunIntoArtifactsIn() async throws {
        let scratch = Scratch()
        let text = blueprintText(phases: """
                  - name: dump
                    func: Exec
                    args:
                      command: [sh, -c, 'echo "###Phase-output###: {\\"key\\":\\"path\\",\\"value\\":\\"/backups/42\\"}"']
            """, outputArtifacts: """
                  backupInfo:
                    keyValue:
                      path: "{{ .Phases.dump.Output.path }}"
            """, extraActions: """
              restore:
                inputArtifactNames: [backupInfo]
                phases:
                  - name: load
                    func: Exec
                    args:
                      command: [sh, -c, 'echo "###Phase-output###: {\\"key\\":\\"restored\\",\\"value\\":\\"$0\\"}"', "{{ .ArtifactsIn.backupInfo.KeyValue.path }}"]
            """)
        let backup = try await runBlueprint(scratch, text)
        #expect(backup.state == .succeeded)
        let restore = try await runBlueprint(scratch, text, action: "restore", from: backup)
        #expect(restore.state == .succeeded)
        #expect(restore.from == backup.id)
        #expect(restore.phase("load")?.outputs["restored"] == .string("/backups/42"))
    }

    @Test func secretOutputsAreUsableButRedactedInTheJournal() async throws {
        let scratch = Scratch()
        let text = blueprintText(phases: """
                  - name: login
                    func: TestSecret
                    args: {value: hunter2-token}
                  - name: use
                    func: Exec
                    args:
                      command: [sh, -c, 'test "$0" = hunter2-token && echo "###Phase-output###: {\\"key\\":\\"echo\\",\\"value\\":\\"$0\\"}"', "{{ .Phases.login.Output.token }}"]
            """)
        let record = try await runBlueprint(scratch, text)
        #expect(record.state == .succeeded)
        let journal = try #require(String(data: Data(contentsOf: scratch.store.runsDirectory.appendingPathComponent("\(record.id).json")), encoding: .utf8))
        #expect(!journal.contains("hunter2-token"))
        #expect(record.phase("login")?.outputs["token"] == .string("<redacted>"))
        #expect(record.phase("login")?.outputs["plain"] == .string("visible"))
        #expect(record.phase("use")?.outputs["echo"] == .string("<redacted>"))
    }

    @Test func anUndoSummaryNeverShowsASecret() async throws {
        let scratch = Scratch()
        let text = blueprintText(phases: """
                  - name: login
                    func: TestSecret
                    args: {value: hunter2-token}
                  - name: freeze
                    func: Exec
                    args:
                      command: [true]
                      undo: [sh, -c, 'test "$0" = hunter2-token', "{{ .Phases.login.Output.token }}"]
            """)
        let events = CollectedEvents()
        let record = try await runBlueprint(scratch, text, events: events)
        #expect(record.state == .succeeded)
        let undo = try #require(record.undos.first)
        #expect(undo.state == .done, "the undo ran with the real secret")
        #expect(!undo.undo.summary.contains("hunter2-token"))
        #expect(undo.undo.summary.contains("<redacted>"))
        let shown = events.events.compactMap { event -> String? in
            if case .undoStarted(_, let summary, _) = event { return summary }
            if case .undoSucceeded(_, let summary) = event { return summary }
            return nil
        }
        #expect(!shown.isEmpty && shown.allSatisfy { !$0.contains("hunter2-token") })
    }

    @Test func aTemplateErrorIsReportedBeforeAnythingRunsWithTheArgumentsPosition() async throws {
        let scratch = Scratch()
        let log = UUID().uuidString
        let text = blueprintText(phases: """
                  - name: first
                    func: TestNote
                    args: {log: "\(log)", entry: first}
                  - name: second
                    func: TestNote
                    args:
                      log: "\(log)"
                      entry: "{{ .Options.missing }}"
            """)
        let file = scratch.write("bad.yaml", text)
        let executor = makeExecutor(scratch)
        #expect {
            _ = try executor.prepare(blueprintFile: file, action: "backup", target: LocalTarget())
        } throws: { error in
            guard case .render(let errors) = error as? PrepareError, let first = errors.first else { return false }
            return first.location.file == file && first.location.line == 16 && first.location.column == 18
                && first.description.contains("missing")
        }
        #expect(await TestFunctions.Ledger.shared.log(log).isEmpty)
        #expect(scratch.store.list().isEmpty)
    }

    @Test func anInvalidBlueprintIsRejectedBeforeAnyPhase() async throws {
        let scratch = Scratch()
        let text = blueprintText(phases: """
                  - name: first
                    func: Exec
                    args: {command: ["true"], comand: typo}
            """)
        let file = scratch.write("bad.yaml", text)
        #expect(throws: PrepareError.self) {
            _ = try makeExecutor(scratch).prepare(blueprintFile: file, action: "backup", target: LocalTarget())
        }
    }

    @Test func dryRunRendersArgumentsWithOutputPlaceholders() throws {
        let scratch = Scratch()
        let text = blueprintText(phases: """
                  - name: dump
                    func: Exec
                    args: {command: [pg_dump, "{{ .Options.database }}"]}
                  - name: upload
                    func: Exec
                    args: {command: [upload, "{{ .Phases.dump.Output.path }}", "{{ .Object.metadata.name }}"]}
            """)
        let file = scratch.write("plan.yaml", text)
        let app = scratch.write("app.yaml", "kind: StatefulSet\nmetadata: {name: db, namespace: prod}\npods: [db-0]\n")
        let executor = makeExecutor(scratch)
        let prepared = try executor.prepare(blueprintFile: file, action: "backup",
                                            target: try LocalTarget.load(appFile: app, options: ["database=app"]))
        let plan = executor.dryRun(prepared)
        #expect(plan.steps.map(\.phase) == ["dump", "upload"])
        #expect(plan.steps[0].arguments?["command"] == .list([.string("pg_dump"), .string("app")]))
        #expect(plan.steps[1].arguments?["command"] == .list([.string("upload"), .string("<output dump.path>"), .string("db")]))
        #expect(plan.target == "StatefulSet prod/db")
    }
}
