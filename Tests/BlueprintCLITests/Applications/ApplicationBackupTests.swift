import Foundation
import Testing

extension ApplicationsIntegration {
    /// A whole app in one run: a namespace holding a PostgreSQL StatefulSet and a
    /// MariaDB StatefulSet, each annotated with its catalog blueprint, backed up by
    /// one `blueprint run backup --app shop` (through their pods: the engine has an
    /// empty PATH) into ONE application backup, and restored with `restore --from`
    /// that application backup, each component from its own run's artifacts.
    ///
    /// Per-component connection settings use `--option NAME:key=value`; credentials
    /// come from Secrets named by each workload's `blueprint.dev/credentials-secret`
    /// annotation (any envtest; the container-environment path is proven by the
    /// Catalog suites).
    @Suite(.enabled(if: AppCluster.enabled && PostgresForApp.enabled && MariaDBForApp.enabled), .serialized)
    struct ApplicationBackupTests {
        static let environment = ProcessInfo.processInfo.environment

        struct Shop {
            var namespace: String
            var pgDatabase: String
            var mariaDatabase: String

            var options: [String] {
                let env = ApplicationBackupTests.environment
                return ["--option", "pg:port=\(env["PGPORT"]!)", "--option", "pg:user=\(env["PGUSER"]!)",
                        "--option", "pg:database=\(pgDatabase)",
                        "--option", "mariadb:port=\(env["BLUEPRINT_MARIADB_PORT"]!)",
                        "--option", "mariadb:user=\(env["BLUEPRINT_MARIADB_USER"]!)",
                        "--option", "mariadb:database=\(mariaDatabase)"]
            }

            func checksums() async throws -> [String] {
                [try await Self.pgChecksum(pgDatabase), try await Self.mariaChecksum(mariaDatabase)]
            }

            static func pgChecksum(_ database: String) async throws -> String {
                try await PostgresForApp.psqlAsync(
                    "SELECT count(*) || ':' || md5(string_agg(id || '=' || name, ',' ORDER BY id)) FROM items", database: database)
                    .trimmingCharacters(in: .whitespacesAndNewlines)
            }

            static func mariaChecksum(_ database: String) async throws -> String {
                try await MariaDBForApp.sqlAsync("SET SESSION group_concat_max_len = 10000000; SELECT CONCAT(COUNT(*), ':', "
                    + "MD5(GROUP_CONCAT(CONCAT(id, '=', name) ORDER BY id SEPARATOR ','))) FROM items", database: database)
                    .trimmingCharacters(in: .whitespacesAndNewlines)
            }

            /// Drops both databases without making the test wait (a `defer` cannot).
            func dropLater() {
                let (pg, maria) = (pgDatabase, mariaDatabase)
                Task {
                    _ = try? await PostgresForApp.psqlAsync("DROP DATABASE IF EXISTS \(pg)")
                    _ = try? await MariaDBForApp.sqlAsync("DROP DATABASE IF EXISTS \(maria)")
                }
            }
        }

        /// Both databases with 3000 rows, and the namespace with both workloads and their Secrets.
        static func shop(mariadbPassword: String? = nil, pgExtraSpec: String = "", pgContainerExtra: String = "") async throws -> Shop {
            let env = environment
            let ns = "shop-\(UUID().uuidString.prefix(8).lowercased())"
            try await AppCluster.kubectlAsync(["create", "namespace", ns])
            try await CatalogApp.addWorkloadAsync("pg", blueprint: "postgresql", namespace: ns,
                                       annotations: ["blueprint.dev/credentials-secret": "shop-pg"], extraSpec: pgExtraSpec,
                                       containerExtra: pgContainerExtra)
            try await CatalogApp.addWorkloadAsync("mariadb", blueprint: "mysql", namespace: ns,
                                       annotations: ["blueprint.dev/credentials-secret": "shop-db"])
            try await AppCluster.kubectlAsync(["create", "secret", "generic", "shop-pg", "-n", ns,
                                    "--from-literal=password=\(env["BLUEPRINT_PG_PASSWORD"]!)"])
            try await AppCluster.kubectlAsync(["create", "secret", "generic", "shop-db", "-n", ns,
                                    "--from-literal=password=\(mariadbPassword ?? env["BLUEPRINT_MARIADB_PASSWORD"]!)"])
            let suffix = UUID().uuidString.prefix(8).lowercased()
            let shop = Shop(namespace: ns, pgDatabase: "app_pg_\(suffix)", mariaDatabase: "app_maria_\(suffix)")
            try await PostgresForApp.psqlAsync("CREATE DATABASE \(shop.pgDatabase)")
            try await PostgresForApp.psqlAsync("CREATE TABLE items (id int PRIMARY KEY, name text); "
                + "INSERT INTO items SELECT g, 'item-' || g FROM generate_series(1, 3000) g", database: shop.pgDatabase)
            try await MariaDBForApp.sqlAsync("CREATE DATABASE \(shop.mariaDatabase)")
            try await MariaDBForApp.sqlAsync("CREATE TABLE items (id int PRIMARY KEY, name text); "
                + "INSERT INTO items SELECT seq, CONCAT('item-', seq) FROM seq_1_to_3000", database: shop.mariaDatabase)
            return shop
        }

        static func json(_ text: String) -> [String: Any] {
            (try? JSONSerialization.jsonObject(with: Data(text.utf8))) as? [String: Any] ?? [:]
        }

        @Test func oneApplicationBackupOfTwoDatabasesRestoresEachFromItsOwnRun() async throws {
            let shop = try await Self.shop()
            defer { shop.dropLater() }
            let before = try await shop.checksums()
            let cli = CLI()
            let common = CatalogApp.arguments(namespace: shop.namespace) + shop.options

            let backup = try await cli.run(["run", "backup", "-o", "json"] + common, timeout: 180, environment: ["PATH": "/nonexistent"])
            #expect(backup.status == 0, "\(backup.stderr)")
            let report = Self.json(backup.stdout)
            let application = report["application"] as? [String: Any] ?? [:]
            let appID = try #require(application["id"] as? String, "\(backup.stdout)")
            #expect(application["state"] as? String == "succeeded")
            let components = application["components"] as? [[String: Any]] ?? []
            #expect(components.map { $0["name"] as? String ?? "" } == ["mariadb", "pg"])
            #expect(components.allSatisfy { $0["state"] as? String == "succeeded" })
            // Each component names its run and its artifacts.
            let runs = report["runs"] as? [[String: Any]] ?? []
            #expect(Set(components.compactMap { $0["runID"] as? String }) == Set(runs.compactMap { $0["id"] as? String }))
            #expect(runs.count == 2)
            let pg = try #require(components.first { $0["name"] as? String == "pg" })
            #expect((pg["artifacts"] as? [String: Any])?["pgDump"] != nil, "\(pg)")
            let maria = try #require(components.first { $0["name"] as? String == "mariadb" })
            #expect((maria["artifacts"] as? [String: Any])?["mysqlDump"] != nil, "\(maria)")

            // The object store holds the application backup: application.json naming both runs.
            let listing = try await cli.run(["artifacts", "show", appID])
            #expect(listing.status == 0 && listing.stdout.contains("application.json"), "\(listing.stdout)\(listing.stderr)")

            // `status APP` covers every component.
            let status = try await cli.run(["status", appID])
            #expect(status.status == 0, "\(status.stderr)")
            #expect(status.stdout.contains("\(appID) succeeded application shop"), "\(status.stdout)")
            for component in components {
                #expect(status.stdout.contains("run \(component["runID"] as? String ?? "?"): succeeded"), "\(status.stdout)")
            }

            try await PostgresForApp.psqlAsync("DROP TABLE items", database: shop.pgDatabase)
            try await MariaDBForApp.sqlAsync("DROP TABLE items", database: shop.mariaDatabase)
            let restore = try await cli.run(["run", "restore", "--from", appID, "-o", "json"] + common, timeout: 180,
                                            environment: ["PATH": "/nonexistent"])
            #expect(restore.status == 0, "\(restore.stderr)")
            let restored = Self.json(restore.stdout)
            let restoreApp = restored["application"] as? [String: Any] ?? [:]
            #expect(restoreApp["from"] as? String == appID)
            // Each component's restore read its own backup run.
            let restoreRuns = restored["runs"] as? [[String: Any]] ?? []
            let backupRunOf = Dictionary(uniqueKeysWithValues: components.map { ($0["name"] as? String ?? "", $0["runID"] as? String ?? "") })
            for run in restoreRuns {
                let name = (run["target"] as? String ?? "").split(separator: "/").last.map(String.init) ?? ""
                #expect(run["from"] as? String == backupRunOf[name], "\(run["target"] ?? "")")
            }
            #expect(try await shop.checksums() == before)
            CatalogApp.expectNoLeak(Self.environment["BLUEPRINT_PG_PASSWORD"]!, in: [backup, restore, status], home: cli.home)
            CatalogApp.expectNoLeak(Self.environment["BLUEPRINT_MARIADB_PASSWORD"]!, in: [backup, restore, status], home: cli.home)
        }

        @Test func aFailingComponentFailsTheApplicationAndStatusSaysWhich() async throws {
            let shop = try await Self.shop(mariadbPassword: "wrong-password")
            defer { shop.dropLater() }
            let cli = CLI()
            let backup = try await cli.run(["run", "backup"] + CatalogApp.arguments(namespace: shop.namespace) + shop.options,
                                           timeout: 180, environment: ["PATH": "/nonexistent"])
            #expect(backup.status == 1, "\(backup.stdout)\(backup.stderr)")
            let appID = try #require(backup.stdout.split(separator: " ").first.map(String.init))
            let status = try await cli.run(["status", appID, "-o", "json"])
            let application = Self.json(status.stdout)["application"] as? [String: Any] ?? [:]
            #expect(application["state"] as? String == "failed")
            let states = (application["components"] as? [[String: Any]] ?? []).map {
                "\($0["name"] as? String ?? ""):\($0["state"] as? String ?? "")"
            }
            #expect(states == ["mariadb:failed", "pg:pending"], "\(status.stdout)")
            #expect((application["error"] as? String ?? "").contains("StatefulSet \(shop.namespace)/mariadb failed"))
            // Nothing was committed as an application backup.
            let show = try await cli.run(["artifacts", "show", appID])
            #expect(!show.stdout.contains("application.json"))
        }

        @Test func restoreFromABackupWithAComponentTheNamespaceLacksIsRefusedBeforeAnythingRuns() async throws {
            let shop = try await Self.shop()
            defer { shop.dropLater() }
            let cli = CLI()
            let common = CatalogApp.arguments(namespace: shop.namespace) + shop.options
            let backup = try await cli.run(["run", "backup"] + common, timeout: 180, environment: ["PATH": "/nonexistent"])
            #expect(backup.status == 0, "\(backup.stderr)")
            let appID = try #require(backup.stdout.split(separator: " ").first.map(String.init))
            try await AppCluster.kubectlAsync(["delete", "statefulset", "mariadb", "-n", shop.namespace])
            let restore = try await cli.run(["run", "restore", "--from", appID] + CatalogApp.arguments(namespace: shop.namespace)
                + ["--option", "pg:port=1"], timeout: 120)
            #expect(restore.status == 2)
            #expect(restore.stderr.contains("has component StatefulSet \(shop.namespace)/mariadb"), "\(restore.stderr)")
            #expect(restore.stderr.contains("--with-definitions"), "\(restore.stderr)")
        }
    }
}
