import Foundation
import Testing

/// The catalog's etcd, Redis, MongoDB, Elasticsearch and volume-snapshot
/// entries, as their dry-run plans render them over an app file: each
/// data-service step runs in the workload's first pod; a missing target or a
/// missing required option is refused before anything runs. MongoDB and
/// Elasticsearch cannot run on the project's machines, so their in-pod scripts
/// are also run here against stand-ins (a fake mongodump, a stand-in HTTP server).
struct CatalogServicesDryRunTests {
    static let catalog = CatalogDryRunTests.catalog

    /// Kanister's shape of `.PersistentVolumeClaims`: pod → claim → mount path.
    static func appFile(_ cli: CLI, pods: String = "[db-0, db-1]") -> String {
        cli.write("services-app.yaml", """
            kind: StatefulSet
            metadata: {name: db, namespace: shop}
            pods: \(pods)
            containers: [[db, sidecar]]
            persistentVolumeClaims: {db-0: {data-db-0: /data, logs-db-0: /logs}, db-1: {data-db-1: /data}}
            """)
    }

    /// A run with the artifacts these blueprints' restores read, for `--from`.
    static func fakeBackup(_ cli: CLI) async throws -> String {
        let blueprint = cli.write("fake-services.yaml", """
            apiVersion: cr.kanister.io/v1alpha1
            kind: Blueprint
            metadata: {name: fake-services}
            actions:
              backup:
                outputArtifacts:
                  etcdSnapshot: {keyValue: {artifact: etcd-snapshot}}
                  rdb: {keyValue: {artifact: redis-rdb}}
                  mongoDump: {keyValue: {artifact: mongo-dump}}
                  esSnapshot: {keyValue: {repository: backups, snapshot: blueprint-2026}}
                  volumeSnapshots: {keyValue: {names: "a-snap b-snap", pvcs: "a b", namespace: shop}}
                phases:
                - {func: Exec, name: noop, args: {command: ["true"]}}
            """)
        let result = try await cli.run(["run", "backup", "--blueprint", blueprint, "-o", "json"])
        #expect(result.status == 0, "\(result.stderr)")
        return try LocalTool.runID(result.stdout)
    }

    static func plan(_ cli: CLI, _ blueprint: String, _ action: String, _ extra: [String]) async throws -> [String: [String: Any]] {
        try await CatalogDryRunTests.plan(cli, blueprint, action, extra)
    }

    static let podPhases: [(blueprint: String, action: String, phase: String, options: [String])] = [
        ("etcd", "backup", "snapshot", []), ("etcd", "restore", "restore", ["--option", "restoreDir=/var/lib/etcd/restored"]),
        ("redis", "backup", "saveRDB", []), ("redis", "restore", "replaceRDB", []),
        ("mongodb", "backup", "dump", []), ("mongodb", "restore", "restore", []),
        ("elasticsearch", "backup", "snapshot", ["--option", "repository=backups"]),
        ("elasticsearch", "restore", "restore", []), ("elasticsearch", "deleteSnapshot", "deleteSnapshot", []),
    ]

    @Test func everyDataServiceStepRunsInTheWorkloadsFirstPod() async throws {
        let cli = CLI()
        let app = Self.appFile(cli)
        let from = try await Self.fakeBackup(cli)
        for (blueprint, action, phase, options) in Self.podPhases {
            let plan = try await Self.plan(cli, blueprint, action, ["--app-file", app, "--from", from] + options)
            let args = try #require(plan[phase], "\(blueprint) \(action) has no phase \(phase): \(plan.keys)")
            #expect(args["namespace"] as? String == "shop", "\(blueprint)/\(phase)")
            #expect(args["pod"] as? String == "db-0", "\(blueprint)/\(phase)")
            #expect(args["container"] as? String == "db", "\(blueprint)/\(phase)")
            let command = args["command"] as? [String] ?? []
            #expect(command.prefix(2) == ["sh", "-c"], "\(blueprint)/\(phase): \(command)")
        }
        // --option container picks another container of the pod.
        let plan = try await Self.plan(cli, "etcd", "backup", ["--app-file", app, "--option", "container=sidecar"])
        #expect(plan["snapshot"]?["container"] as? String == "sidecar")
    }

    @Test func backupsStreamStdoutIntoAnArtifactAndRestoresReadIt() async throws {
        let cli = CLI()
        let app = Self.appFile(cli)
        let from = try await Self.fakeBackup(cli)
        for (blueprint, phase, artifact) in [("etcd", "snapshot", "etcd-snapshot"), ("redis", "saveRDB", "redis-rdb"),
                                             ("mongodb", "dump", "mongo-dump")] {
            let backup = try await Self.plan(cli, blueprint, "backup", ["--app-file", app])
            #expect(backup[phase]?["outputArtifact"] as? String == artifact, "\(blueprint)")
        }
        for (blueprint, phase, artifact, options) in [("etcd", "restore", "etcd-snapshot", ["--option", "restoreDir=/r"]),
                                                      ("redis", "replaceRDB", "redis-rdb", []), ("mongodb", "restore", "mongo-dump", [])] {
            let restore = try await Self.plan(cli, blueprint, "restore", ["--app-file", app, "--from", from] + options)
            #expect(restore[phase]?["inputArtifact"] as? String == artifact, "\(blueprint)")
        }
    }

    @Test(arguments: [("etcd", "backup"), ("redis", "backup"), ("mongodb", "backup"), ("elasticsearch", "backup"),
                      ("volume-snapshot", "snapshot")])
    func withoutAWorkloadTargetTheyAreRefusedWithTheReason(_ blueprint: String, _ action: String) async throws {
        let cli = CLI()
        let result = try await cli.run(["run", action, "--blueprint", "\(Self.catalog)/\(blueprint).yaml", "--dry-run",
                                        "--option", "repository=backups"])
        #expect(result.status == 2, "\(blueprint): \(result.stdout)\(result.stderr)")
        #expect((result.stdout + result.stderr).contains("must be a workload") || (result.stdout + result.stderr).contains("workload target"),
                "\(blueprint): \(result.stdout)\(result.stderr)")
    }

    @Test func requiredOptionsAreAskedForBeforeAnythingRuns() async throws {
        let cli = CLI()
        let app = Self.appFile(cli)
        let from = try await Self.fakeBackup(cli)
        let cases: [(String, String, [String], String)] = [
            ("etcd", "restore", ["--from", from], "--option restoreDir=DIR"),
            ("elasticsearch", "backup", [], "--option repository=NAME"),
            ("volume-snapshot", "snapshot", ["--option", "freezeCommand=sync"], "needs --option thawCommand"),
        ]
        for (blueprint, action, extra, message) in cases {
            let result = try await cli.run(["run", action, "--blueprint", "\(Self.catalog)/\(blueprint).yaml", "--dry-run",
                                            "--app-file", app] + extra)
            #expect(result.status == 2, "\(blueprint) \(action): \(result.stdout)\(result.stderr)")
            #expect((result.stdout + result.stderr).contains(message), "\(blueprint) \(action): \(result.stdout)\(result.stderr)")
        }
    }

    @Test(arguments: [("etcd", "backup"), ("redis", "backup"), ("redis", "restore"), ("mongodb", "backup"),
                      ("mongodb", "snapshot"), ("elasticsearch", "backup"), ("volume-snapshot", "snapshot")])
    func noOptionRendersAsNoValue(_ blueprint: String, _ action: String) async throws {
        let cli = CLI()
        let from = try await Self.fakeBackup(cli)
        let result = try await cli.run(["run", action, "--blueprint", "\(Self.catalog)/\(blueprint).yaml", "--dry-run",
                                        "--app-file", Self.appFile(cli), "--from", from, "--option", "repository=backups"])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(!result.stdout.contains("<no value>"), "\(blueprint) \(action):\n\(result.stdout)")
    }

    @Test func redisLocalActionsStillRunWithoutATarget() async throws {
        let cli = CLI()
        let plan = try await Self.plan(cli, "redis", "localBackup", ["--option", "port=6380"])
        #expect(plan["bgsave"]?["host"] as? String == "127.0.0.1")
        #expect(plan["bgsave"]?["port"] as? String == "6380")
        #expect(plan["bgsave"]?["passwordEnv"] as? String == "REDISCLI_AUTH_BLUEPRINT")
    }

    @Test func theMongoSnapshotDefaultsToTheFirstPodsFirstClaim() async throws {
        let cli = CLI()
        let plan = try await Self.plan(cli, "mongodb", "snapshot", ["--app-file", Self.appFile(cli), "--option", "snapshotClass=csi"])
        #expect(plan["snapshotVolume"]?["pvc"] as? String == "data-db-0")
        #expect(plan["snapshotVolume"]?["namespace"] as? String == "shop")
    }

    @Test func volumeSnapshotNamesEveryClaimOfEveryPodAndFreezesOnlyWhenAsked() async throws {
        let cli = CLI()
        let app = Self.appFile(cli)
        var plan = try await Self.plan(cli, "volume-snapshot", "snapshot", ["--app-file", app])
        let pvcs = (plan["snapshotVolumes"]?["pvcs"] as? String ?? "").split(separator: " ").map(String.init)
        #expect(pvcs.sorted() == ["data-db-0", "data-db-1", "logs-db-0"])
        #expect(plan["snapshotVolumes"]?["namespace"] as? String == "shop")
        // No freeze asked for: no pod to exec into, so nothing runs.
        #expect(plan["freeze"]?["pods"] as? String == "" && plan["thaw"]?["pods"] as? String == "")

        plan = try await Self.plan(cli, "volume-snapshot", "snapshot", ["--app-file", app, "--option", "freezeCommand=fsfreeze -f /data",
                                                                        "--option", "thawCommand=fsfreeze -u /data", "--option", "pvcs=only"])
        #expect(plan["freeze"]?["pods"] as? String == "db-0 db-1")
        #expect(plan["freeze"]?["containers"] as? String == "db")
        #expect(plan["freeze"]?["command"] as? [String] == ["sh", "-c", "fsfreeze -f /data"])
        #expect(plan["thaw"]?["command"] as? [String] == ["sh", "-c", "fsfreeze -u /data"])
        #expect(plan["snapshotVolumes"]?["pvcs"] as? String == "only")
    }
}
