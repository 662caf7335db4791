import ChildProcesses
import Foundation
import Testing

/// MongoDB and Elasticsearch cannot run on the project's machines, so the
/// scripts their catalog blueprints run in the pod are run here, as the dry-run
/// plan renders them, against stand-ins: a fake `mongodump`/`mongorestore` that
/// reports what it was given, and an HTTP server that answers as Elasticsearch's
/// snapshot API does and records the requests.
struct CatalogStandInTests {
    /// The rendered `command` of a phase.
    static func command(_ cli: CLI, _ blueprint: String, _ action: String, _ phase: String, _ extra: [String]) async throws -> [String] {
        let plan = try await CatalogDryRunTests.plan(cli, blueprint, action, ["--app-file", CatalogServicesDryRunTests.appFile(cli)] + extra)
        return try #require(plan[phase]?["command"] as? [String], "\(blueprint) \(action): no command in \(phase)")
    }

    /// A directory with executables `names` that print their arguments and, for
    /// `--config FILE`, the file's mode and content.
    static func fakeTools(_ cli: CLI, _ names: [String]) throws -> String {
        let bin = cli.file("bin")
        try FileManager.default.createDirectory(atPath: bin, withIntermediateDirectories: true)
        for name in names {
            let path = "\(bin)/\(name)"
            try """
                #!/bin/sh
                echo "ARGS: $*"
                while [ $# -gt 0 ]; do
                  if [ "$1" = --config ]; then echo "MODE: $(stat -c %a "$2")"; echo "CONFIG: $(cat "$2")"; fi
                  shift
                done
                """.write(toFile: path, atomically: true, encoding: .utf8)
            try FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: path)
        }
        return bin
    }

    @Test func mongodumpGetsThePasswordInAPrivateConfigFileNeverItsArguments() async throws {
        let cli = CLI()
        let bin = try Self.fakeTools(cli, ["mongodump", "mongorestore"])
        let password = "it's a \"secret\" \\ too"
        let environment = ["PATH": "\(bin):\(ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin")",
                           "MONGODB_ROOT_PASSWORD": password]
        let dump = try await LocalTool.run(try await Self.command(cli, "mongodb", "backup", "dump", ["--option", "database=shop"]),
                                           environment: environment)
        #expect(dump.contains("ARGS: --host 127.0.0.1 --port 27017 --archive --db shop --config "), "\(dump)")
        #expect(dump.contains("--username root --authenticationDatabase admin"), "\(dump)")
        #expect(dump.contains("MODE: 600"), "\(dump)")
        // YAML single quotes: a quote doubled, nothing else escaped.
        #expect(dump.contains("CONFIG: password: 'it''s a \"secret\" \\ too'"), "\(dump)")
        #expect(!dump.split(separator: "\n").first { $0.hasPrefix("ARGS:") }!.contains("secret"))

        let from = try await CatalogServicesDryRunTests.fakeBackup(cli)
        let restore = try await LocalTool.run(try await Self.command(cli, "mongodb", "restore", "restore",
                                                                     ["--from", from, "--option", "database=shop", "--option", "user=admin"]),
                                              environment: environment.merging(["MONGO_INITDB_ROOT_PASSWORD": "first"]) { $1 })
        #expect(restore.contains("ARGS: --host 127.0.0.1 --port 27017 --archive --drop --nsInclude shop.* --config "), "\(restore)")
        #expect(restore.contains("--username admin") && restore.contains("CONFIG: password: 'first'"), "\(restore)")

        // No password variable set: no authentication at all.
        let open = try await LocalTool.run(try await Self.command(cli, "mongodb", "backup", "dump", []), environment: ["PATH": environment["PATH"]!])
        #expect(open.contains("ARGS: --host 127.0.0.1 --port 27017 --archive\n"), "\(open)")
    }

    /// An HTTP server standing in for Elasticsearch: answers the snapshot API
    /// (a repository named `partial` gives a PARTIAL snapshot) and appends each
    /// request to `requests.jsonl`.
    static let standIn = #"""
        import base64, http.server, json, os, sys
        directory = sys.argv[1]
        class Handler(http.server.BaseHTTPRequestHandler):
            def answer(self):
                body = self.rfile.read(int(self.headers.get("Content-Length") or 0)).decode()
                with open(os.path.join(directory, "requests.jsonl"), "a") as f:
                    f.write(json.dumps({"method": self.command, "path": self.path, "body": body,
                                        "authorization": self.headers.get("Authorization") or ""}) + "\n")
                if self.command == "PUT":
                    state = "PARTIAL" if "/partial/" in self.path else "SUCCESS"
                    reply = {"snapshot": {"snapshot": "s", "state": state}}
                elif self.command == "POST":
                    reply = {"snapshot": {"snapshot": "s", "shards": {"total": 2, "failed": 0, "successful": 2}}}
                else:
                    reply = {"acknowledged": True}
                data = json.dumps(reply, separators=(",", ":")).encode()
                self.send_response(200)
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(data)))
                self.end_headers()
                self.wfile.write(data)
            do_PUT = do_POST = do_DELETE = answer
            def log_message(self, *args): pass
        server = http.server.HTTPServer(("127.0.0.1", 0), Handler)
        with open(os.path.join(directory, "port.tmp"), "w") as f: f.write(str(server.server_port))
        os.rename(os.path.join(directory, "port.tmp"), os.path.join(directory, "port"))
        server.serve_forever()
        """#

    static func requests(_ cli: CLI) -> [[String: String]] {
        cli.read("requests.jsonl").split(separator: "\n").compactMap {
            try? JSONSerialization.jsonObject(with: Data($0.utf8)) as? [String: String]
        }
    }

    @Test func theElasticsearchScriptsCallTheSnapshotAPIWithThePasswordOffTheCommandLine() async throws {
        let cli = CLI()
        let script = cli.write("standin.py", Self.standIn)
        let server = try ChildProcess.spawn(ProcessCommand("python3", [script, cli.directory.path]), stdout: .null, stderr: .null)
        defer { server.terminate(gracePeriod: .seconds(2)) }
        #expect(try await LocalTool.eventually(within: 30) { cli.exists("port") }, "the stand-in server did not start")
        let url = "http://127.0.0.1:\(cli.read("port"))"
        let password = #"pa:ss"w\rd"#
        let environment = ["ELASTIC_PASSWORD": password]
        let common = ["--option", "url=\(url)/"]

        let backup = try await LocalTool.run(try await Self.command(cli, "elasticsearch", "backup", "snapshot",
                                                                    common + ["--option", "repository=backups", "--option", "indices=shop-*"]),
                                             environment: environment)
        let marker = try #require(backup.split(separator: "\n").first { $0.hasPrefix("###Phase-output###: ") }, "\(backup)")
        let output = try JSONSerialization.jsonObject(with: Data(marker.dropFirst("###Phase-output###: ".count).utf8)) as? [String: String]
        let snapshot = try #require(output?["value"])
        #expect(output?["key"] == "snapshot" && snapshot.hasPrefix("blueprint-") && snapshot == snapshot.lowercased(), "\(marker)")

        let from = try await CatalogServicesDryRunTests.fakeBackup(cli)
        try await LocalTool.run(try await Self.command(cli, "elasticsearch", "restore", "restore",
                                                       common + ["--from", from, "--option", "renamePattern=(.+)",
                                                                 "--option", "renameReplacement=restored-$1"]),
                                environment: environment)
        try await LocalTool.run(try await Self.command(cli, "elasticsearch", "deleteSnapshot", "deleteSnapshot", common + ["--from", from]),
                                environment: environment)

        let requests = Self.requests(cli)
        #expect(requests.map { $0["method"] ?? "" } == ["PUT", "POST", "DELETE"], "\(requests)")
        #expect(requests.first?["path"] == "/_snapshot/backups/\(snapshot)?wait_for_completion=true")
        let body = try JSONSerialization.jsonObject(with: Data((requests.first?["body"] ?? "").utf8)) as? [String: Any]
        #expect(body?["indices"] as? String == "shop-*" && body?["include_global_state"] as? Bool == true, "\(requests)")
        #expect(requests[1]["path"] == "/_snapshot/backups/blueprint-2026/_restore?wait_for_completion=true")
        let restoreBody = try JSONSerialization.jsonObject(with: Data((requests[1]["body"] ?? "").utf8)) as? [String: Any]
        #expect(restoreBody?["indices"] as? String == "*,-.*" && restoreBody?["include_global_state"] as? Bool == false)
        #expect(restoreBody?["rename_pattern"] as? String == "(.+)" && restoreBody?["rename_replacement"] as? String == "restored-$1")
        #expect(requests[2]["path"] == "/_snapshot/backups/blueprint-2026")
        let basic = "Basic " + Data("elastic:\(password)".utf8).base64EncodedString()
        #expect(requests.allSatisfy { $0["authorization"] == basic }, "\(requests)")

        // A PARTIAL snapshot fails the phase, with Elasticsearch's answer.
        await #expect(throws: LocalTool.Failed.self) {
            try await LocalTool.run(try await Self.command(cli, "elasticsearch", "backup", "snapshot", common + ["--option", "repository=partial"]),
                                    environment: environment)
        }
    }
}
