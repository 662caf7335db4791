import ChildProcesses
import Foundation
import NIOCore
import Synchronization
import Testing

/// The leak check: a run with a recognisable secret in an app-file Secret, in
/// the profile and in a secret option, through every kind of phase a local run
/// has (Exec with env and undo, a secret output, Webhook, a runtime `fail`, the
/// deferPhase), and then every channel a person or a program reads: stdout,
/// stderr with debug logs, the journal, `status`, `--output json`, `runs`, the
/// dry-run plan. None of them may hold any form of a secret.
///
/// The profile is the real S3 server's (its secret key is the profile secret);
/// the test needs it, as `scripts/test.sh` provides.
@Suite(.serialized) struct SecretLeakTests {
    static let token = "Tok3n-S3cr3t&more/ok"
    static let password = "Pa55word-L1ne-One\nPa55word-L1ne-Two"
    static let environment = ProcessInfo.processInfo.environment
    /// Every form that must not appear. The encodings were computed with
    /// Python (base64, urllib.parse.quote_plus) and coreutils, not with the redactor.
    static func forbidden(profileSecret: String) async throws -> [String] {
        [
            "Tok3n", "TOK3N", "tok3n", "VG9rM24tUzNjcjN0Jm1vcmUvb2s", "Tok3n-S3cr3t%26more%2Fok", "Tok3n-S3cr3t&amp;more/ok",
            "Pa55word", "PA55WORD", "pa55word", "UGE1NXdvcmQtTDFuZS1Pbm",
            profileSecret, profileSecret.uppercased(), try await shell("printf %s \"$0\" | base64 -w0", profileSecret),
        ]
    }

    static let blueprint = CLI.header + """

          backup:
            secretOptions: [token]
            phases:
            - func: Exec
              name: show
              args:
                command:
                - sh
                - -c
                - |
                  echo "plain $0 b64 $1 upper $2 url $3"
                  echo "to stderr $0" >&2
                  printf '%s\\n' "$DBPASS"
                  echo "###Phase-output###: {\\"key\\":\\"leak\\",\\"value\\":\\"$0\\"}"
                - '{{ .Options.token }}'
                - '{{ .Options.token | b64enc }}'
                - '{{ .Options.token | upper }}'
                - '{{ .Options.token | urlquery }}'
                env:
                  DBPASS: '{{ .Secrets.creds.Data.password | toString }}'
                undo: [sh, -c, 'test "$0" = "$DBPASS" && test "$1" = "{{ .Profile.Credential.KeyPair.Secret }}" && echo ok > undo-ran',
                       '{{ .Secrets.creds.Data.password | toString }}', '{{ .Profile.Credential.KeyPair.Secret }}']
            - func: Exec
              name: profile
              args:
                command: [sh, -c, 'echo "profile $0 $(printf %s "$0" | base64)"', '{{ .Profile.Credential.KeyPair.Secret }}']
            - func: Webhook
              name: notify
              args:
                url: 'http://127.0.0.1:{{ .Options.port }}/?t={{ .Options.token | urlquery }}'
                method: GET
                headers: {Authorization: 'Bearer {{ .Options.token }}'}
                timeout: 10s
            - func: Exec
              name: boom
              args:
                command: [sh, -c, 'echo "{{ if .Phases.show.Output.leak }}{{ fail (printf "bad token %s" .Phases.show.Output.leak) }}{{ end }}"']
            deferPhase:
              func: Exec
              name: cleanup
              args:
                command: [sh, -c, 'echo "defer $0"; echo ok > defer-ran', '{{ .Options.token }}']
        """

    @Test(.enabled(if: environment["S3_ENDPOINT"] != nil || environment["BLUEPRINT_REQUIRE_INTEGRATION"] == "1"))
    func noChannelShowsAnyFormOfASecret() async throws {
        let endpoint = try #require(Self.environment["S3_ENDPOINT"], "no S3 server: run under scripts/test.sh")
        let accessKey = try #require(Self.environment["AWS_ACCESS_KEY_ID"])
        let profileSecret = try #require(Self.environment["AWS_SECRET_ACCESS_KEY"])
        try #require(profileSecret.count >= 6, "the S3 secret is too short to be redacted, so the test would prove nothing")
        _ = try await Self.shell("aws --endpoint-url \"$0\" s3 mb s3://blueprint-leak >/dev/null 2>&1 || true", endpoint)
        let cli = CLI()
        let server = try await HTTPServer(directory: cli.directory)
        do {
            try await leakCheck(cli, server: server, endpoint: endpoint, accessKey: accessKey, profileSecret: profileSecret)
        } catch {
            await server.stop()
            throw error
        }
        await server.stop()
    }

    private func leakCheck(_ cli: CLI, server: HTTPServer, endpoint: String, accessKey: String, profileSecret: String) async throws {
        let file = cli.write("leak.yaml", Self.blueprint)
        let app = cli.write("app.yaml", """
            kind: Deployment
            metadata: {name: web, namespace: shop}
            secrets:
              creds: {password: \(jsonString(Self.password))}
            """)
        let profile = cli.write("profile.yaml", """
            location: {type: s3Compliant, bucket: blueprint-leak, endpoint: \(endpoint), region: us-east-1}
            credential: {type: keyPair, keyPair: {idEnv: AWS_ACCESS_KEY_ID, secretEnv: AWS_SECRET_ACCESS_KEY}}
            """)
        let tokenFile = cli.write("token", Self.token + "\n")
        let common = ["--blueprint", file, "--app-file", app, "--profile", profile,
                      "--option-from-file", "token=\(tokenFile)", "--option", "port=\(server.port)"]
        let debug = ["BLUEPRINT_LOG_LEVEL": "debug", "AWS_ACCESS_KEY_ID": accessKey]
        let forbidden = try await Self.forbidden(profileSecret: profileSecret)

        let run = try await cli.run(["run", "backup", "--run-id", "leak"] + common, environment: debug)
        #expect(run.status == 1, "the runtime `fail` fails the run; stderr: \(run.stderr)")
        #expect(run.stderr.contains("bad token <redacted>"), "the failure is shown, masked: \(run.stderr)")
        #expect(cli.read("undo-ran") == "ok\n", "the undo got the real secrets back from their references")
        #expect(cli.read("defer-ran") == "ok\n")
        let json = try await cli.run(["run", "backup", "--run-id", "leak-json", "--output", "json"] + common, environment: debug)
        #expect(json.status == 1)
        let dryRun = try await cli.run(["run", "backup", "--dry-run"] + common, environment: debug)
        #expect(dryRun.status == 0, "stderr: \(dryRun.stderr)")
        #expect(dryRun.stdout.contains("<redacted>"), "the plan shows where a secret goes: \(dryRun.stdout)")
        let dryRunJSON = try await cli.run(["run", "backup", "--dry-run", "--output", "json"] + common)
        let status = try await cli.run(["status", "leak"])
        let statusJSON = try await cli.run(["status", "leak", "--output", "json"])
        let runs = try await cli.run(["runs"])
        let journal = cli.read("home/runs/leak.json")
        #expect(journal.contains("<redacted:"), "the undo keeps references, not values")

        let channels: [(String, String)] = [
            ("run stdout", run.stdout), ("run stderr", run.stderr), ("json stdout", json.stdout), ("json stderr", json.stderr),
            ("dry-run", dryRun.stdout + dryRun.stderr), ("dry-run json", dryRunJSON.stdout + dryRunJSON.stderr),
            ("status", status.stdout + status.stderr), ("status json", statusJSON.stdout), ("runs", runs.stdout),
            ("journal", journal), ("journal (json run)", cli.read("home/runs/leak-json.json")),
        ]
        for (channel, text) in channels {
            #expect(!text.isEmpty, "\(channel) is empty, so it proves nothing")
            for form in forbidden {
                #expect(!text.contains(form), "\(channel) shows \(form):\n\(text)")
            }
        }
    }

    @Test func aDeclaredSecretOptionOnTheCommandLineIsRefusedBeforeAnythingRuns() async throws {
        let cli = CLI()
        let file = cli.write("leak.yaml", Self.blueprint)
        let result = try await cli.run(["run", "backup", "--blueprint", file, "--option", "token=\(Self.token)",
                                        "--option", "port=1"])
        #expect(result.status == 2)
        #expect(result.stderr.contains(
            "action `backup` declares `token` secret, so it cannot be given with --option"), "\(result.stderr)")
        #expect(result.stderr.contains("--option-from-file token=PATH or --option-from-env token=VARIABLE"))
        #expect(!result.stderr.contains("Tok3n"))
        #expect(!cli.exists("defer-ran"))
    }

    @Test func aShortSecretIsRunWithAWarningNamingWhereItCameFrom() async throws {
        let cli = CLI()
        let file = cli.write("short.yaml", CLI.header + """

              backup:
                phases:
                - func: Exec
                  name: show
                  args: {command: [sh, -c, 'echo "user $0"', '{{ .Options.user }}']}
            """)
        let result = try await cli.run(["run", "backup", "--blueprint", file, "--option-from-env", "user=SHORT_USER"],
                                       environment: ["SHORT_USER": "admin"])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stderr.contains(
            "warning: option `user` from environment variable SHORT_USER is shorter than 6 characters, so it is not redacted"))
    }

    /// `sh -c script arg`: its stdout.
    static func shell(_ script: String, _ argument: String) async throws -> String {
        let output = Mutex(Data())
        _ = try await ChildProcess.run(ProcessCommand("/bin/sh", ["-c", script, argument]), killGracePeriod: .seconds(1)) {
            stream, buffer in
            if stream == .stdout { output.withLock { $0.append(contentsOf: buffer.readableBytesView) } }
        }
        return String(decoding: output.withLock { $0 }, as: UTF8.self)
    }

    private func jsonString(_ text: String) -> String {
        String(data: try! JSONEncoder().encode(text), encoding: .utf8)!
    }
}

/// Python's static file server on a free loopback port: a real HTTP peer for Webhook.
struct HTTPServer: Sendable {
    let child: ChildProcess
    let port: Int

    init(directory: URL) async throws {
        let portFile = directory.appendingPathComponent("http-port").path
        child = try ChildProcess.spawn(ProcessCommand("python3", ["-c", """
            import http.server, sys, functools, os
            handler = functools.partial(http.server.SimpleHTTPRequestHandler, directory=sys.argv[2])
            server = http.server.HTTPServer(("127.0.0.1", 0), handler)
            open(sys.argv[1] + ".tmp", "w").write(str(server.server_address[1]))
            os.rename(sys.argv[1] + ".tmp", sys.argv[1])
            server.serve_forever()
            """, portFile, directory.path]), stdout: .null, stderr: .null)
        let deadline = Date().addingTimeInterval(30)
        while !FileManager.default.fileExists(atPath: portFile) && Date() < deadline {
            try await Task.sleep(for: .milliseconds(20))
        }
        port = Int((try? String(contentsOfFile: portFile, encoding: .utf8)) ?? "") ?? 0
        if port == 0 { await stop() }
        try #require(port > 0, "python3's HTTP server did not start")
    }

    func stop() async {
        child.terminate(gracePeriod: .seconds(2))
        _ = await child.wait()
    }
}
