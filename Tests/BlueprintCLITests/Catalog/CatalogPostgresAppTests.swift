import Foundation
import Testing

/// The catalog's `postgresql` blueprint protecting an annotated StatefulSet, as a
/// new user would run it: `blueprint run backup --app shop -n NS` dumps the
/// database *through the workload's pod* and `restore --from` brings the rows back.
///
/// envtest's exec runs the pod's command as a local process with the node
/// agent's environment (not the pod's), reaching the test PostgreSQL on
/// loopback. So the "password from the container's environment" path is proven
/// on an agent started with `POSTGRES_PASSWORD` and `POSTGRES_USER` (the test
/// server's user, not the blueprint's default `postgres`) exported (scripts/test.sh does,
/// and sets BLUEPRINT_ENVTEST_POSTGRES_PASSWORD=1); the Secret path, named by the
/// workload's annotation, runs on any envtest. The engine runs with an empty PATH,
/// so a success proves pg_dump and pg_restore ran in the pod.
@Suite(.enabled(if: AppCluster.enabled && PostgresForApp.enabled), .serialized)
struct CatalogPostgresAppTests {
    static let environment = ProcessInfo.processInfo.environment
    static let agentHasPostgresPassword = environment["BLUEPRINT_ENVTEST_POSTGRES_PASSWORD"] == "1"

    static func shop(annotations: [String: String] = [:]) throws -> String {
        try CatalogApp.namespace(workload: "pg", blueprint: "postgresql", annotations: annotations)
    }

    static func checksum(_ database: String) throws -> String {
        try PostgresForApp.psql("SELECT count(*) || ':' || md5(string_agg(id || '=' || name, ',' ORDER BY id)) FROM items",
                                database: database).trimmingCharacters(in: .whitespacesAndNewlines)
    }

    /// Backup through the pod, drop the table, restore `--from`: the rows are back.
    /// Without `userOption` the user is the container's POSTGRES_USER.
    func backupDropRestore(namespace ns: String, userOption: Bool = true) async throws {
        let env = Self.environment
        let (port, user, password) = (env["PGPORT"]!, env["PGUSER"]!, env["BLUEPRINT_PG_PASSWORD"]!)
        let database = "catalog_\(UUID().uuidString.prefix(8).lowercased())"
        try PostgresForApp.psql("CREATE DATABASE \(database)")
        defer { _ = try? PostgresForApp.psql("DROP DATABASE \(database)") }
        try PostgresForApp.psql("CREATE TABLE items (id int PRIMARY KEY, name text); "
            + "INSERT INTO items SELECT g, 'item-' || g FROM generate_series(1, 3000) g", database: database)
        let before = try Self.checksum(database)

        let cli = CLI()
        let common = CatalogApp.arguments(namespace: ns) + ["--option", "port=\(port)", "--option", "database=\(database)"]
            + (userOption ? ["--option", "user=\(user)"] : [])
        // The plan names the pod: no local host.
        let plan = try await cli.run(["run", "backup", "--dry-run"] + common, environment: ["PATH": "/nonexistent"])
        #expect(plan.status == 0, "\(plan.stderr)")
        #expect(plan.stdout.contains("pod: pg-0") && plan.stdout.contains("namespace: \(ns)"), "\(plan.stdout)")

        let backup = try await cli.run(["run", "backup", "-o", "json"] + common, timeout: 120, environment: ["PATH": "/nonexistent"])
        #expect(backup.status == 0, "\(backup.stderr)")
        let record = ((try JSONSerialization.jsonObject(with: Data(backup.stdout.utf8)) as? [String: Any])?["runs"] as? [[String: Any]])?.first ?? [:]
        let runID = try #require(record["id"] as? String, "\(backup.stdout)")
        let stored = record["storedArtifacts"] as? [[String: Any]] ?? []
        let location = try #require(stored.first { $0["name"] as? String == "pgdump" }?["location"] as? String, "\(record)")
        let head = try FileHandle(forReadingFrom: URL(fileURLWithPath: cli.home + "/artifacts/" + location)).read(upToCount: 5)
        #expect(head.map { String(decoding: $0, as: UTF8.self) } == "PGDMP")

        try PostgresForApp.psql("DROP TABLE items", database: database)
        let restore = try await cli.run(["run", "restore", "--from", runID] + common, timeout: 120, environment: ["PATH": "/nonexistent"])
        #expect(restore.status == 0, "\(restore.stderr)")
        #expect(try Self.checksum(database) == before)

        // The password never reached an output or the journal.
        CatalogApp.expectNoLeak(password, in: [plan, backup, restore], home: cli.home)
    }

    static func failingBackup(namespace ns: String, _ extra: [String] = []) async throws -> String {
        try await CatalogApp.failingBackup(namespace: ns, ["--option", "port=\(environment["PGPORT"]!)",
                                                           "--option", "user=\(environment["PGUSER"]!)"] + extra)
    }

    @Test func passwordFromASecretTheWorkloadsAnnotationNames() async throws {
        let ns = try Self.shop(annotations: ["blueprint.dev/credentials-secret": "shop-pg"])
        // A wrong password in the Secret fails the login even where the agent has the
        // right POSTGRES_PASSWORD: the Secret is what the client used.
        try AppCluster.kubectl(["create", "secret", "generic", "shop-pg", "-n", ns, "--from-literal=password=wrong-password"])
        let refused = try await Self.failingBackup(namespace: ns)
        #expect(refused.contains("password authentication failed"), "\(refused)")
        try AppCluster.kubectl(["delete", "secret", "shop-pg", "-n", ns])
        try AppCluster.kubectl(["create", "secret", "generic", "shop-pg", "-n", ns,
                                "--from-literal=password=\(Self.environment["BLUEPRINT_PG_PASSWORD"]!)"])
        try await backupDropRestore(namespace: ns)
    }

    @Test(.enabled(if: agentHasPostgresPassword, "the envtest agent was not started with POSTGRES_PASSWORD (see scripts/test.sh)"))
    func passwordFromTheContainersPostgresPassword() async throws {
        let ns = try Self.shop()
        // The variable is looked up in the container, not on the engine's host.
        let missing = try await Self.failingBackup(namespace: ns, ["--option", "passwordEnv=NO_SUCH_VARIABLE_HERE"])
        #expect(missing.contains("the container has no variable NO_SUCH_VARIABLE_HERE"), "\(missing)")
        // No --option user: the user is the container's POSTGRES_USER (the default, postgres, has no role here).
        try await backupDropRestore(namespace: ns, userOption: false)
    }
}
