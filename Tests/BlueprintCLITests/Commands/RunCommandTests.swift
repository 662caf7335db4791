import Foundation
import Testing

@Suite struct RunCommandTests {
    @Test func aSucceedingActionExitsZeroAndIsJournaled() async throws {
        let cli = CLI()
        let blueprint = cli.write("bp.yaml", CLI.header + """

              backup:
                phases:
                  - name: hello
                    func: Exec
                    args:
                      command: [sh, -c, 'echo "###Phase-output###: {\\"key\\":\\"greeting\\",\\"value\\":\\"hi $0\\"}"', "{{ .Options.who }}"]
            """)
        let result = try await cli.run(["run", "backup", "--blueprint", blueprint, "--option", "who=you", "--run-id", "r1"])
        #expect(result.status == 0, "stderr: \(result.stderr)")
        #expect(result.stdout.contains("r1 succeeded"))
        #expect(result.stderr.contains("phase hello: succeeded"))
        let journal = try cli.journal("r1")
        #expect(journal["state"] as? String == "succeeded")
        let phases = journal["phases"] as? [[String: Any]]
        #expect((phases?.first?["outputs"] as? [String: String])?["greeting"] == "hi you")

        let status = try await cli.run(["status", "r1"])
        #expect(status.status == 0)
        #expect(status.stdout.contains("run r1: succeeded"))
        #expect(status.stdout.contains("output greeting: hi you"))
        let runs = try await cli.run(["runs"])
        #expect(runs.stdout.contains("r1"))
        #expect(runs.stdout.contains("succeeded"))
    }

    @Test func aFailingActionExitsOne() async throws {
        let cli = CLI()
        let blueprint = cli.write("bp.yaml", CLI.header + """

              backup:
                phases:
                  - name: broken
                    func: Exec
                    args: {command: [sh, -c, "echo oops >&2; exit 4"]}
            """)
        let result = try await cli.run(["run", "backup", "--blueprint", blueprint, "--run-id", "r2", "--output", "json"])
        #expect(result.status == 1)
        let record = try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any]
        #expect(record?["state"] as? String == "failed")
        #expect((record?["error"] as? String)?.contains("exit status 4") == true)
    }

    @Test func invalidInputExitsTwoAndRunsNothing() async throws {
        let cli = CLI()
        let marker = cli.file("ran")
        let blueprint = cli.write("bp.yaml", CLI.header + """

              backup:
                phases:
                  - name: first
                    func: Exec
                    args: {command: [touch, "\(marker)"]}
                  - name: second
                    func: Exec
                    args: {command: [echo], workingDirectory: typo}
            """)
        let result = try await cli.run(["run", "backup", "--blueprint", blueprint])
        #expect(result.status == 2)
        #expect(result.stderr.contains("bp.yaml:13:"))
        #expect(result.stderr.contains("unknown argument `workingDirectory`"))
        #expect(!FileManager.default.fileExists(atPath: marker))
        #expect(!FileManager.default.fileExists(atPath: cli.home + "/runs"))

        let unknownAction = try await cli.run(["run", "restore", "--blueprint", blueprint])
        #expect(unknownAction.status == 2)
        let badOption = try await cli.run(["run", "backup", "--blueprint", blueprint, "--option", "novalue"])
        #expect(badOption.status == 2)
    }

    @Test func dryRunPrintsThePlanWithPlaceholdersAndRunsNothing() async throws {
        let cli = CLI()
        let marker = cli.file("ran")
        let app = cli.write("app.yaml", "kind: Deployment\nmetadata: {name: web, namespace: shop}\n")
        let blueprint = cli.write("bp.yaml", CLI.header + """

              backup:
                phases:
                  - name: dump
                    func: Exec
                    args: {command: [touch, "\(marker)", "{{ .Deployment.Name }}"]}
                  - name: upload
                    func: Exec
                    args: {command: [echo, "{{ .Phases.dump.Output.path }}", "{{ .Deployment.Namespace }}"]}
            """)
        let result = try await cli.run(["run", "backup", "--blueprint", blueprint, "--app-file", app, "--dry-run"])
        #expect(result.status == 0, "stderr: \(result.stderr)")
        #expect(result.stdout.contains("1. dump: Exec"))
        #expect(result.stdout.contains("command: [touch, \(marker), web]"))
        #expect(result.stdout.contains("command: [echo, <output dump.path>, shop]"))
        #expect(!FileManager.default.fileExists(atPath: marker))
    }

    @Test func fromFeedsOneRunsArtifactsIntoTheNext() async throws {
        let cli = CLI()
        let blueprint = cli.write("bp.yaml", CLI.header + """

              backup:
                outputArtifacts:
                  dump:
                    keyValue:
                      path: "{{ .Phases.save.Output.path }}"
                phases:
                  - name: save
                    func: Exec
                    args: {command: [sh, -c, 'echo "###Phase-output###: {\\"key\\":\\"path\\",\\"value\\":\\"/b/9\\"}"']}
              restore:
                inputArtifactNames: [dump]
                phases:
                  - name: load
                    func: Exec
                    args: {command: [sh, -c, 'echo "$0" > "$1"', "{{ .ArtifactsIn.dump.KeyValue.path }}", "\(cli.file("restored"))"]}
            """)
        let backup = try await cli.run(["run", "backup", "--blueprint", blueprint, "--run-id", "b1"])
        #expect(backup.status == 0, "stderr: \(backup.stderr)")
        let restore = try await cli.run(["run", "restore", "--blueprint", blueprint, "--from", "b1", "--run-id", "r1"])
        #expect(restore.status == 0, "stderr: \(restore.stderr)")
        #expect(cli.read("restored") == "/b/9\n")
        #expect(try cli.journal("r1")["from"] as? String == "b1")
    }
}
