import Foundation
import Testing

/// The PostgreSQL and MySQL/MariaDB catalog entries are Kubernetes-first: for a
/// workload target every data-service phase runs in the workload's first pod
/// (and reads the container's password variable, or the Secret an option or an
/// annotation names); `--option host=…` brings the same blueprint back to this
/// machine. Shown by `--dry-run` over an app file, as the plan renders them.
struct CatalogDryRunTests {
    static let catalog = CLI.repositoryRoot.appendingPathComponent("blueprints").path

    static func appFile(_ cli: CLI, kind: String = "StatefulSet", annotations: String = "{}", pods: String = "[db-0, db-1]") -> String {
        cli.write("app.yaml", """
            kind: \(kind)
            metadata: {name: db, namespace: shop, annotations: \(annotations)}
            pods: \(pods)
            containers: [[db]]
            persistentVolumeClaims: {db-0: {data: data-db-0, logs: logs-db-0}}
            """)
    }

    /// The rendered arguments of every step of a dry run, by phase name.
    static func plan(_ cli: CLI, _ blueprint: String, _ action: String, _ extra: [String]) async throws -> [String: [String: Any]] {
        let result = try await cli.run(["run", action, "--blueprint", "\(catalog)/\(blueprint).yaml", "--dry-run", "-o", "json"] + extra)
        #expect(result.status == 0, "\(result.stderr)")
        let json = try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any] ?? [:]
        var phases: [String: [String: Any]] = [:]
        for step in json["steps"] as? [[String: Any]] ?? [] {
            phases[step["phase"] as? String ?? ""] = step["arguments"] as? [String: Any] ?? [:]
        }
        return phases
    }

    static let dataServicePhases: [(blueprint: String, action: String, phases: [String])] = [
        ("postgresql", "backup", ["dump"]), ("postgresql", "snapshot", ["startBackup", "stopBackup"]),
        ("mysql", "backup", ["dump"]), ("mysql", "snapshot", ["freeze", "thaw"]),
    ]

    @Test(arguments: ["StatefulSet", "Deployment", "DeploymentConfig"])
    func aWorkloadTargetRunsEveryDataServicePhaseInItsFirstPod(_ kind: String) async throws {
        let cli = CLI()
        let app = Self.appFile(cli, kind: kind)
        for (blueprint, action, names) in Self.dataServicePhases {
            let plan = try await Self.plan(cli, blueprint, action, ["--app-file", app, "--option", "snapshotClass=csi"])
            for name in names {
                let args = try #require(plan[name], "\(blueprint) \(action) has no phase \(name)")
                #expect(args["namespace"] as? String == "shop", "\(blueprint)/\(name): \(args)")
                #expect(args["pod"] as? String == "db-0", "\(blueprint)/\(name): \(args)")
                #expect(args["container"] as? String == "db", "named: the API server needs it when a pod has several")
                // 127.0.0.1 as seen from inside the pod: the client runs there, not here.
                #expect(args["host"] as? String == "127.0.0.1")
                let env = args["passwordEnv"] as? String
                #expect(env == (blueprint == "postgresql" ? "POSTGRES_PASSWORD" : "MARIADB_ROOT_PASSWORD,MYSQL_ROOT_PASSWORD"))
                #expect((args["passwordSecret"] as? [String: Any])?["name"] as? String == "")
                if blueprint == "postgresql" { #expect(args["userEnv"] as? String == "POSTGRES_USER") }
            }
        }
        // An explicit user wins over the container's POSTGRES_USER.
        let plan = try await Self.plan(cli, "postgresql", "backup", ["--app-file", app, "--option", "user=app"])
        #expect(plan["dump"]?["userEnv"] as? String == "" && plan["dump"]?["user"] as? String == "app")
    }

    @Test func theSnapshotDefaultsToTheFirstPodsFirstClaimInTheWorkloadsNamespace() async throws {
        let cli = CLI()
        let plan = try await Self.plan(cli, "postgresql", "snapshot", ["--app-file", Self.appFile(cli), "--option", "snapshotClass=csi"])
        #expect(plan["snapshotVolume"]?["pvc"] as? String == "data-db-0")
        #expect(plan["snapshotVolume"]?["namespace"] as? String == "shop")
    }

    /// A run whose artifacts look like the catalog's backups, for restore's `--from`.
    static func fakeBackup(_ cli: CLI) async throws -> String {
        let blueprint = cli.write("fake.yaml", """
            apiVersion: cr.kanister.io/v1alpha1
            kind: Blueprint
            metadata: {name: fake-backup}
            actions:
              backup:
                outputArtifacts:
                  pgDump: {keyValue: {artifact: pgdump}}
                  mysqlDump: {keyValue: {artifact: mysqldump}}
                phases:
                - {func: Exec, name: noop, args: {command: ["true"]}}
            """)
        let result = try await cli.run(["run", "backup", "--blueprint", blueprint, "-o", "json"])
        #expect(result.status == 0, "\(result.stderr)")
        let runs = try await cli.run(["runs", "-o", "json"])
        let list = try JSONSerialization.jsonObject(with: Data(runs.stdout.utf8)) as? [[String: Any]] ?? []
        return try #require(list.first?["id"] as? String)
    }

    @Test func restoreRunsInThePodToo() async throws {
        let cli = CLI()
        let from = try await Self.fakeBackup(cli)
        for blueprint in ["postgresql", "mysql"] {
            let plan = try await Self.plan(cli, blueprint, "restore", ["--app-file", Self.appFile(cli), "--from", from])
            let args = try #require(plan["restore"])
            #expect(args["pod"] as? String == "db-0", "\(blueprint): \(args)")
            #expect(args["namespace"] as? String == "shop")
        }
    }

    @Test func hostOptionRunsTheSameBlueprintLocally() async throws {
        let cli = CLI()
        let app = Self.appFile(cli)
        for (blueprint, action, names) in Self.dataServicePhases {
            let plan = try await Self.plan(cli, blueprint, action, ["--app-file", app, "--option", "host=127.0.0.1",
                                                                    "--option", "snapshotClass=csi"])
            for name in names {
                let args = try #require(plan[name])
                #expect(args["pod"] as? String == "", "\(blueprint)/\(name) must not run in a pod: \(args)")
                #expect(args["namespace"] as? String == "" && args["container"] as? String == "")
                #expect(args["passwordEnv"] as? String == (blueprint == "postgresql" ? "PGPASSWORD_BLUEPRINT" : "MYSQL_PASSWORD_BLUEPRINT"))
                if blueprint == "postgresql" { #expect(args["userEnv"] as? String == "") }
            }
        }
        // Without any target (the quickstart's case) it is local as well.
        let plan = try await Self.plan(cli, "postgresql", "backup", [])
        #expect(plan["dump"]?["pod"] as? String == "")
    }

    @Test func aSecretNamedByTheAnnotationOrAnOptionReplacesThePasswordVariable() async throws {
        let cli = CLI()
        let annotated = Self.appFile(cli, annotations: "{blueprint.dev/credentials-secret: shop-db-cred}")
        for blueprint in ["postgresql", "mysql"] {
            var plan = try await Self.plan(cli, blueprint, "backup", ["--app-file", annotated])
            var dump = try #require(plan["dump"])
            #expect(dump["passwordEnv"] as? String == "", "the Secret is used only when passwordEnv is empty")
            #expect(dump["passwordSecret"] as? [String: String] == ["name": "shop-db-cred", "key": "password"])
            #expect(dump["pod"] as? String == "db-0")

            // An option names another Secret and key; an explicit passwordEnv wins over both.
            plan = try await Self.plan(cli, blueprint, "backup", ["--app-file", annotated, "--option", "passwordSecret=other",
                                                                  "--option", "passwordKey=root-password"])
            dump = try #require(plan["dump"])
            #expect(dump["passwordSecret"] as? [String: String] == ["name": "other", "key": "root-password"])
            plan = try await Self.plan(cli, blueprint, "backup", ["--app-file", annotated, "--option", "passwordEnv=DB_PW"])
            #expect(plan["dump"]?["passwordEnv"] as? String == "DB_PW")
        }
    }

    /// An option nobody gave must render empty, never Go's "<no value>" (which
    /// `index` gives for a missing key of our untyped `.Options` map, where
    /// Kanister's map[string]string gives ""): a user "<no value>" would be sent.
    @Test(arguments: [("mongodb", "snapshot"), ("mysql", "backup"), ("mysql", "snapshot"), ("postgresql", "backup"),
                      ("postgresql", "snapshot"), ("redis", "localBackup")])
    func noOptionRendersAsNoValue(_ blueprint: String, _ action: String) async throws {
        let cli = CLI()
        for target in [["--app-file", Self.appFile(cli)], []] {
            let result = try await cli.run(["run", action, "--blueprint", "\(Self.catalog)/\(blueprint).yaml", "--dry-run"] + target)
            #expect(result.status == 0, "\(result.stderr)")
            #expect(!result.stdout.contains("<no value>"), "\(blueprint) \(action):\n\(result.stdout)")
        }
    }

    @Test func aWorkloadWithoutPodsIsRefusedWithTheWayOut() async throws {
        let cli = CLI()
        let result = try await cli.run(["run", "backup", "--blueprint", "\(Self.catalog)/postgresql.yaml", "--dry-run",
                                        "--app-file", Self.appFile(cli, pods: "[]")])
        let output = result.stdout + result.stderr
        #expect(output.contains("shop/db has no running pod"), "\(output)")
        #expect(output.contains("--option host="))
    }
}
