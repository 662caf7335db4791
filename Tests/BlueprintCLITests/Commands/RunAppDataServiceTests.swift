import Foundation
import Testing

/// `blueprint run backup --app demo`: FsyncLock and PgDump run their clients
/// *inside the discovered pod* over exec (the envtest node agent runs a pod's
/// commands as processes on this host, so they reach the test PostgreSQL on
/// loopback), with the password read from a Kubernetes Secret.
///
/// The engine runs with an empty PATH: had it started psql or pg_dump itself,
/// the run would fail — so a success proves the clients ran in the pod.
@Suite(.enabled(if: AppCluster.enabled && PostgresForApp.enabled), .serialized)
struct RunAppDataServiceTests {
    /// `hold` keeps the lock held until the test has seen the lock session (it
    /// creates `release`), so the check does not depend on sampling a short window.
    static func blueprint(port: String, user: String, database: String, release: String = "/nonexistent-release") -> String {
        let connection = """
                engine: postgresql
                host: 127.0.0.1
                port: \(port)
                user: \(user)
                database: \(database)
                namespace: "{{ .StatefulSet.Namespace }}"
                pod: "{{ index .StatefulSet.Pods 0 }}"
                passwordSecret: {name: pg-cred, key: password}
        """
        return """
            apiVersion: cr.kanister.io/v1alpha1
            kind: Blueprint
            metadata:
              name: demo-pg
            actions:
              backup:
                phases:
                - func: FsyncLock
                  name: freeze
                  args:
            \(connection)
                    lease: 2m
                - func: KubeExec
                  name: hold
                  args:
                    namespace: "{{ .StatefulSet.Namespace }}"
                    pod: "{{ index .StatefulSet.Pods 0 }}"
                    command: [sh, -c, "i=0; while [ ! -e \(release) ] && [ $i -lt 1200 ]; do sleep 0.05; i=$((i+1)); done; echo '###Phase-output###: {\\"key\\":\\"held\\",\\"value\\":\\"yes\\"}'"]
                - func: PgDump
                  name: dump
                  args:
            \(connection.replacingOccurrences(of: "        engine: postgresql\n", with: ""))
                    artifact: pgdump
                - func: FsyncUnlock
                  name: thaw
                  args:
            \(connection)
              restore:
                phases:
                - func: PgRestore
                  name: load
                  args:
            \(connection.replacingOccurrences(of: "        engine: postgresql\n", with: ""))
                    artifact: pgdump
                    clean: true
            """
    }

    @Test func freezeDumpAndRestoreRunThroughExecInTheDiscoveredPod() async throws {
        let env = ProcessInfo.processInfo.environment
        let (port, user, password) = (env["PGPORT"]!, env["PGUSER"]!, env["BLUEPRINT_PG_PASSWORD"]!)
        let database = "apppod_\(UUID().uuidString.prefix(8).lowercased())"
        try PostgresForApp.psql("CREATE DATABASE \(database)")
        try PostgresForApp.psql("CREATE TABLE items (id int PRIMARY KEY, name text); "
            + "INSERT INTO items SELECT g, 'item-' || g FROM generate_series(1, 2500) g", database: database)

        let cli = CLI()
        let ns = try RunAppCommandTests().setUp(cli)
        try AppCluster.kubectl(["create", "secret", "generic", "pg-cred", "-n", ns, "--from-literal=password=\(password)"])
        let release = cli.file("release")
        cli.write("blueprints/demo.yaml", Self.blueprint(port: port, user: user, database: database, release: release)
            .replacingOccurrences(of: "name: demo-pg", with: "name: demo-bp"))

        let running = try cli.start(["run", "backup", "--app", "demo", "-n", ns, "--blueprints", cli.file("blueprints"),
                                     "--kubeconfig", AppCluster.kubeconfig!, "-o", "json"],
                                    environment: ["PATH": "/nonexistent"])
        // While the run is in progress, the backup session opened from the pod is visible to the server.
        var sawLockSession = false
        var status: Int32?
        while status == nil {
            if !sawLockSession {
                let sessions = try PostgresForApp.psql(
                    "SELECT count(*) FROM pg_stat_activity WHERE application_name = 'blueprint-fsynclock' AND datname = '\(database)'")
                sawLockSession = sessions.trimmingCharacters(in: .whitespacesAndNewlines) != "0"
                if sawLockSession { cli.write("release", "") }
            }
            status = try await running.exitStatus(within: 0.2)
        }
        #expect(status == 0, "\(running.stderr)")
        #expect(sawLockSession, "the FsyncLock session was never seen by the server")
        let left = try PostgresForApp.psql("SELECT count(*) FROM pg_stat_activity WHERE application_name = 'blueprint-fsynclock' AND datname = '\(database)'")
        #expect(left.trimmingCharacters(in: .whitespacesAndNewlines) == "0", "the lock session outlived the run")

        let record = ((try JSONSerialization.jsonObject(with: Data(running.stdout.utf8)) as? [String: Any])?["runs"] as? [[String: Any]])?.first ?? [:]
        let phases = record["phases"] as? [[String: Any]] ?? []
        let outputs = { (name: String) in phases.first { $0["name"] as? String == name }?["outputs"] as? [String: Any] ?? [:] }
        #expect((outputs("freeze")["startLSN"] as? String ?? "").contains("/"), "\(outputs("freeze"))")
        #expect((outputs("thaw")["stopLSN"] as? String ?? "").contains("/"), "\(outputs("thaw"))")
        #expect((outputs("dump")["bytes"] as? Int ?? 0) > 0)
        #expect(outputs("hold")["held"] as? String == "yes", "KubeExec's ###Phase-output### line became an output")

        // The artifact is a pg_dump archive of the database: pg_restore lists the table and its data.
        let stored = record["storedArtifacts"] as? [[String: Any]] ?? []
        let location = stored.first { $0["name"] as? String == "pgdump" }?["location"] as? String ?? ""
        let path = cli.home + "/artifacts/" + location
        let head = (try? FileHandle(forReadingFrom: URL(fileURLWithPath: path)).read(upToCount: 5)) ?? nil
        #expect(head.map { String(decoding: $0, as: UTF8.self) } == "PGDMP", "at \(path)")
        let listing = try PostgresForApp.run(["pg_restore", "--list", path])
        #expect(listing.contains("TABLE public items"))
        #expect(listing.contains("TABLE DATA public items"))

        // The password travelled only through the exec's stdin: not in any output or journal.
        #expect(!running.stdout.contains(password) && !running.stderr.contains(password))
        for file in FileManager.default.enumerator(atPath: cli.home)?.allObjects as? [String] ?? [] where file.hasPrefix("runs/") {
            let text = (try? String(contentsOfFile: cli.home + "/" + file, encoding: .utf8)) ?? ""
            #expect(!text.contains(password), "the password is in \(file)")
        }

        // Restore through the pod: the archive streams from the store into pg_restore's stdin over exec.
        try PostgresForApp.psql("DELETE FROM items WHERE id > 100", database: database)
        let runID = try #require(record["id"] as? String)
        let restore = try await cli.run(["run", "restore", "--app", "demo", "-n", ns, "--blueprints", cli.file("blueprints"),
                                         "--kubeconfig", AppCluster.kubeconfig!, "--from", runID],
                                        timeout: 120, environment: ["PATH": "/nonexistent"])
        #expect(restore.status == 0, "\(restore.stderr)")
        let count = try PostgresForApp.psql("SELECT count(*) FROM items", database: database)
        #expect(count.trimmingCharacters(in: .whitespacesAndNewlines) == "2500")
        try PostgresForApp.psql("DROP DATABASE \(database)")
    }
}

/// The test PostgreSQL of scripts/start-postgres.sh, reached with psql from the test process.
enum PostgresForApp {
    static let environment = ProcessInfo.processInfo.environment
    static let enabled = environment["BLUEPRINT_PG_PASSWORD"] != nil || environment["BLUEPRINT_REQUIRE_INTEGRATION"] == "1"

    @discardableResult
    static func psql(_ sql: String, database: String = "postgres") throws -> String {
        try run(["psql", "-X", "-q", "-A", "-t", "-v", "ON_ERROR_STOP=1", "-d", database, "-c", sql])
    }

    @discardableResult
    static func run(_ arguments: [String]) throws -> String {
        var env = environment
        env["PGPASSWORD"] = environment["BLUEPRINT_PG_PASSWORD"]
        return try AppCluster.tool(arguments, environment: env)
    }
}
