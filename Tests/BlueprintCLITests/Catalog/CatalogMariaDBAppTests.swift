import Foundation
import Testing

/// The catalog's `mysql` blueprint protecting an annotated MariaDB StatefulSet:
/// `blueprint run backup --app shop` dumps through the workload's pod (the engine
/// has an empty PATH), `restore --from` brings the rows back.
///
/// As for PostgreSQL, envtest's exec has the node agent's environment: the
/// container-environment path is proven on an agent started with
/// `MYSQL_ROOT_PASSWORD` (scripts/test.sh does, and sets
/// BLUEPRINT_ENVTEST_MYSQL_ROOT_PASSWORD=1) — the second of the blueprint's
/// `MARIADB_ROOT_PASSWORD,MYSQL_ROOT_PASSWORD`, so the fallback is what runs.
@Suite(.enabled(if: AppCluster.enabled && MariaDBForApp.enabled), .serialized)
struct CatalogMariaDBAppTests {
    static let environment = ProcessInfo.processInfo.environment
    static let agentHasRootPassword = environment["BLUEPRINT_ENVTEST_MYSQL_ROOT_PASSWORD"] == "1"

    static func connection() -> [String] {
        ["--option", "port=\(environment["BLUEPRINT_MARIADB_PORT"]!)", "--option", "user=\(environment["BLUEPRINT_MARIADB_USER"]!)"]
    }

    static func checksum(_ database: String) throws -> String {
        try MariaDBForApp.sql("SET SESSION group_concat_max_len = 10000000; "
            + "SELECT CONCAT(COUNT(*), ':', MD5(GROUP_CONCAT(CONCAT(id, '=', name) ORDER BY id SEPARATOR ','))) FROM items",
            database: database).trimmingCharacters(in: .whitespacesAndNewlines)
    }

    func backupDropRestore(namespace ns: String) async throws {
        let password = Self.environment["BLUEPRINT_MARIADB_PASSWORD"]!
        let database = "catalog_\(UUID().uuidString.prefix(8).lowercased())"
        try MariaDBForApp.sql("CREATE DATABASE \(database)")
        defer { _ = try? MariaDBForApp.sql("DROP DATABASE \(database)") }
        try MariaDBForApp.sql("CREATE TABLE items (id int PRIMARY KEY, name text); "
            + "INSERT INTO items SELECT seq, CONCAT('item-', seq) FROM seq_1_to_3000", database: database)
        let before = try Self.checksum(database)

        let cli = CLI()
        let common = CatalogApp.arguments(namespace: ns) + Self.connection() + ["--option", "database=\(database)"]
        let backup = try await cli.run(["run", "backup", "-o", "json"] + common, timeout: 120, environment: ["PATH": "/nonexistent"])
        #expect(backup.status == 0, "\(backup.stderr)")
        let record = ((try JSONSerialization.jsonObject(with: Data(backup.stdout.utf8)) as? [String: Any])?["runs"] as? [[String: Any]])?.first ?? [:]
        let runID = try #require(record["id"] as? String, "\(backup.stdout)")

        try MariaDBForApp.sql("DROP TABLE items", database: database)
        let restore = try await cli.run(["run", "restore", "--from", runID] + common, timeout: 120, environment: ["PATH": "/nonexistent"])
        #expect(restore.status == 0, "\(restore.stderr)")
        #expect(try Self.checksum(database) == before)
        CatalogApp.expectNoLeak(password, in: [backup, restore], home: cli.home)
    }

    @Test func passwordFromASecretTheWorkloadsAnnotationNames() async throws {
        let ns = try CatalogApp.namespace(workload: "mariadb", blueprint: "mysql",
                                          annotations: ["blueprint.dev/credentials-secret": "shop-db"])
        try AppCluster.kubectl(["create", "secret", "generic", "shop-db", "-n", ns, "--from-literal=password=wrong-password"])
        let refused = try await CatalogApp.failingBackup(namespace: ns, Self.connection())
        #expect(refused.contains("Access denied"), "the Secret's (wrong) password is what the client used: \(refused)")
        try AppCluster.kubectl(["delete", "secret", "shop-db", "-n", ns])
        try AppCluster.kubectl(["create", "secret", "generic", "shop-db", "-n", ns,
                                "--from-literal=password=\(Self.environment["BLUEPRINT_MARIADB_PASSWORD"]!)"])
        try await backupDropRestore(namespace: ns)
    }

    @Test(.enabled(if: agentHasRootPassword, "the envtest agent was not started with MYSQL_ROOT_PASSWORD (see scripts/test.sh)"))
    func passwordFromTheContainersRootPasswordVariable() async throws {
        try await backupDropRestore(namespace: try CatalogApp.namespace(workload: "mariadb", blueprint: "mysql"))
    }
}

/// The test MariaDB of scripts/start-mariadb.sh, reached with the mariadb client from the test process.
enum MariaDBForApp {
    static let environment = ProcessInfo.processInfo.environment
    static let enabled = environment["BLUEPRINT_MARIADB_PASSWORD"] != nil || environment["BLUEPRINT_REQUIRE_INTEGRATION"] == "1"

    @discardableResult
    static func sql(_ statements: String, database: String? = nil) throws -> String {
        var env = environment
        env["MYSQL_PWD"] = environment["BLUEPRINT_MARIADB_PASSWORD"]
        let arguments = ["mariadb", "--protocol=TCP", "--host=\(environment["BLUEPRINT_MARIADB_HOST"] ?? "127.0.0.1")",
                         "--port=\(environment["BLUEPRINT_MARIADB_PORT"] ?? "3306")",
                         "--user=\(environment["BLUEPRINT_MARIADB_USER"] ?? "blueprint")", "--batch", "--skip-column-names"]
            + (database.map { ["--database=\($0)"] } ?? []) + ["-e", statements]
        return try AppCluster.tool(arguments, environment: env)
    }
}
