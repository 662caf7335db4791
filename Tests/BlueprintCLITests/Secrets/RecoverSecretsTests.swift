import Foundation
import Testing

/// A secret in an undo survives an engine killed with kill -9 without ever
/// being written down: the journal keeps a reference, and `recover` reads the
/// secret again from where it came from — or names what it cannot read.
@Suite struct RecoverSecretsTests {
    static let token = "Rec0ver-T0ken-\(UInt32.random(in: 100_000...999_999))"

    @Test func recoverResolvesTheUndosSecretAgainAndNamesItWhenItIsGone() async throws {
        let cli = CLI()
        let seconds = "7\(Int.random(in: 10000...99999))"
        let blueprint = cli.write("bp.yaml", CLI.header + """

              backup:
                secretOptions: [token]
                phases:
                  - name: freeze
                    func: Exec
                    args:
                      command: [sh, -c, "echo frozen"]
                      env: {TOKEN: '{{ .Options.token }}'}
                      undo: [sh, -c, 'printf "%s %s" "$0" "$TOKEN" > "$1"', '{{ .Options.token | b64enc }}', "\(cli.file("thawed"))"]
                  - name: snapshot
                    func: Exec
                    args: {command: [sh, -c, 'touch "$0"; sleep \(seconds)', "\(cli.file("started"))"]}
            """)
        let running = try cli.start(["run", "backup", "--blueprint", blueprint, "--run-id", "killed",
                                     "--option-from-env", "token=RECOVER_TOKEN"],
                                    environment: ["RECOVER_TOKEN": Self.token])
        #expect(try await cli.waitFor("started"), "stderr: \(running.stderr)")
        kill(running.pid, SIGKILL)
        _ = try await running.exitStatus(within: 10)
        for pid in processes(matching: "sleep \(seconds)") { kill(pid, SIGKILL) }

        let journal = cli.read("home/runs/killed.json")
        #expect(!journal.contains(Self.token))
        #expect(!journal.contains(Data(Self.token.utf8).base64EncodedString().prefix(12)))
        #expect(journal.contains("<redacted:"))
        #expect(journal.contains("RECOVER_TOKEN"), "the reference names the variable: \(journal)")

        // Without the variable the undo cannot run; the error names what is missing.
        let missing = try await cli.run(["recover", "killed"])
        #expect(missing.status == 1, "stderr: \(missing.stderr)")
        #expect((missing.stdout + missing.stderr).contains(
            "cannot read option `token` from environment variable RECOVER_TOKEN again: environment variable RECOVER_TOKEN is not set"),
            "\(missing.stdout)\n\(missing.stderr)")
        #expect(!cli.exists("thawed"))
        let failed = try cli.journal("killed")
        #expect((failed["undos"] as? [[String: Any]])?.first?["state"] as? String == "failed")

        // With it, `recover` finishes the undo with the real value, in both forms.
        let recover = try await cli.run(["recover", "killed"], environment: ["RECOVER_TOKEN": Self.token])
        #expect(recover.status == 0, "stderr: \(recover.stderr)")
        #expect(cli.read("thawed") == "\(Data(Self.token.utf8).base64EncodedString()) \(Self.token)")
        let after = cli.read("home/runs/killed.json")
        #expect(!after.contains(Self.token))
        #expect(!(recover.stdout + recover.stderr).contains(Self.token))
    }
}
