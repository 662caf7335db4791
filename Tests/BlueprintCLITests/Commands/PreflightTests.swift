import Foundation
import Testing

/// Everything checkable is checked before the first phase (DESIGN.md, promise 4):
/// each refusal exits 2, says what, where and how to fix it, and runs and
/// journals nothing; `--dry-run` refuses the same inputs.
@Suite struct PreflightTests {
    /// One phase that leaves a marker when it runs, then `more` phases.
    private func blueprint(_ cli: CLI, more: String = "") -> String {
        cli.write("bp.yaml", CLI.header + """

              backup:
                phases:
                  - name: first
                    func: Exec
                    args: {command: [sh, -c, 'touch "$0"', "\(cli.file("ran"))"]}
            """ + more)
    }

    /// `run backup` and `run backup --dry-run` with the same arguments: both must refuse alike.
    private func runAndDryRun(_ cli: CLI, _ arguments: [String], environment: [String: String] = [:]) async throws
        -> [(status: Int32, stdout: String, stderr: String)] {
        var results: [(status: Int32, stdout: String, stderr: String)] = []
        for extra in [[], ["--dry-run"]] {
            results.append(try await cli.run(["run", "backup"] + arguments + extra, environment: environment))
        }
        return results
    }

    private func journals(_ home: String) -> [String] {
        (try? FileManager.default.contentsOfDirectory(atPath: home + "/runs"))?.filter { $0.hasSuffix(".json") } ?? []
    }

    @Test func aStateDirectoryThatIsAFileRefusesTheRunBeforeAnyPhase() async throws {
        let cli = CLI()
        let bp = blueprint(cli)
        let home = cli.write("home-is-a-file", "")
        for result in try await runAndDryRun(cli, ["--blueprint", bp], environment: ["BLUEPRINT_HOME": home]) {
            #expect(result.status == 2, "stderr: \(result.stderr)")
            #expect(result.stderr.contains("error: the state directory \(home)/runs cannot hold run journals"), "\(result.stderr)")
            #expect(result.stderr.contains("\(home) is a file, not a directory"))
            #expect(result.stderr.contains("set BLUEPRINT_HOME to one"))
            #expect(!result.stdout.contains("first"), "no plan is printed: \(result.stdout)")
        }
        #expect(!cli.exists("ran"))
    }

    @Test func anUnwritableFilesystemStoreRefusesTheRunBeforeAnyPhase() async throws {
        let cli = CLI()
        let bp = blueprint(cli)
        let blocker = cli.write("not-a-directory", "")
        let profile = cli.write("profile.yaml", "location: {type: filesystem, path: \"\(blocker)/store\"}\n")
        for result in try await runAndDryRun(cli, ["--blueprint", bp, "--profile", profile]) {
            #expect(result.status == 2, "stderr: \(result.stderr)")
            #expect(result.stderr.contains("error: object store: the object store \(blocker)/store cannot be written"), "\(result.stderr)")
            #expect(result.stderr.contains("\(blocker) is a file, not a directory"))
            #expect(result.stderr.contains("point the profile's location.path"))
        }
        #expect(!cli.exists("ran"))
        #expect(journals(cli.home).isEmpty)
    }

    /// `timeout` of Webhook is a duration; the template renders it from an option,
    /// so validation cannot see it but the pre-flight render does.
    @Test func aTypedArgumentRenderedFromABadOptionIsRefusedByRunAndDryRun() async throws {
        let cli = CLI()
        let bp = blueprint(cli, more: """

                  - name: settle
                    func: Webhook
                    args:
                      url: "http://127.0.0.1:9/"
                      timeout: "{{ .Options.t }}"
            """)
        for (value, expected) in [("junk", "must be a duration such as \"30s\", found \"junk\""),
                                  ("-5s", "must be a duration longer than zero, found \"-5s\"")] {
            for result in try await runAndDryRun(cli, ["--blueprint", bp, "--option", "t=\(value)"]) {
                #expect(result.status == 2, "stderr: \(result.stderr)")
                #expect(result.stderr.contains("bp.yaml:15:20: error: phase `settle`, argument `timeout`: argument `timeout` of Webhook \(expected)"),
                        "\(result.stderr)")
            }
        }
        #expect(!cli.exists("ran"))
        #expect(journals(cli.home).isEmpty)
    }

    @Test func aDryRunWhosePlanHasAFailingPhaseExitsTwo() async throws {
        let cli = CLI()
        let bp = blueprint(cli, more: """

                  - name: data
                    func: CreateRDSSnapshot
                    args: {instanceID: db-1}
            """)
        let result = try await cli.run(["run", "backup", "--blueprint", bp, "--dry-run"])
        #expect(result.status == 2, "stdout: \(result.stdout)\nstderr: \(result.stderr)")
        #expect(result.stdout.contains("2. data: CreateRDSSnapshot"), "the plan is still printed: \(result.stdout)")
        #expect(result.stderr.contains("error: phase `data` would fail: "), "\(result.stderr)")
        #expect(result.stderr.contains("not implemented"), "\(result.stderr)")
        #expect(!cli.exists("ran"))
    }

    @Test func aDryRunErrorThatComesFromAnOutputPlaceholderIsShownButDoesNotFail() async throws {
        let cli = CLI()
        let bp = blueprint(cli, more: """

                  - name: later
                    func: Exec
                    args: {command: [echo, '{{ .Phases.first.Output.n | int | div 10 }}']}
            """)
        let result = try await cli.run(["run", "backup", "--blueprint", bp, "--dry-run"])
        #expect(result.status == 0, "a real output may well be a number: \(result.stderr)")
        #expect(result.stdout.contains("2. later: Exec"), "\(result.stdout)")
        #expect(result.stdout.contains("error:"), "the plan still shows the placeholder's failure: \(result.stdout)")
        #expect(!cli.exists("ran"))
    }
}
