import Foundation
import Testing

/// The catalog's `redis` blueprint protecting an annotated StatefulSet:
/// `blueprint run backup --app shop` streams an RDB (redis-cli --rdb) out of the
/// workload's pod; `restore --from` writes it over the server's dump.rdb and
/// shuts the server down without saving, and the server started again (the
/// kubelet's part, done here by the test) has the keys of the backup.
///
/// envtest's exec runs the command as a local process with the node agent's
/// environment: the test Redis (scripts/start-redis.sh, requirepass) is reached
/// on loopback with the password the agent has as REDIS_PASSWORD (scripts/test.sh
/// starts it so and sets BLUEPRINT_ENVTEST_REDIS_PASSWORD=1). The engine runs
/// with an empty PATH, so a success proves redis-cli ran in the pod.
@Suite(.enabled(if: AppCluster.enabled && RedisForApp.enabled), .serialized)
struct CatalogRedisAppTests {
    static let environment = ProcessInfo.processInfo.environment
    static let agentHasPassword = environment["BLUEPRINT_ENVTEST_REDIS_PASSWORD"] == "1"

    static func contents(_ prefix: String) async throws -> [String: String] {
        var values: [String: String] = [:]
        for key in try await RedisForApp.cli(["--scan", "--pattern", "\(prefix)*"]).split(separator: "\n") {
            values[String(key)] = try await RedisForApp.cli(["GET", String(key)]).trimmingCharacters(in: .newlines)
        }
        return values
    }

    @Test func backupThenRestoreByARestartOnTheRDBBringsTheKeysBack() async throws {
        try #require(Self.agentHasPassword, "the envtest agent was not started with REDIS_PASSWORD (scripts/test.sh does)")
        let prefix = "catalog-\(UUID().uuidString.prefix(8).lowercased()):"
        var pipe = ""
        for i in 1...500 { pipe += "SET \(prefix)\(i) value-\(i)\n" }
        try await LocalTool.run(["sh", "-c", "printf '%s' \"$1\" | redis-cli -h 127.0.0.1 -p \"$2\" >/dev/null", "sh", pipe, RedisForApp.port],
                                environment: ["REDISCLI_AUTH": RedisForApp.password])
        let before = try await Self.contents(prefix)
        #expect(before.count == 500)

        let ns = try CatalogApp.namespace(workload: "redis", blueprint: "redis")
        let cli = CLI()
        let common = CatalogApp.arguments(namespace: ns) + ["--option", "port=\(RedisForApp.port)"]
        let backup = try await cli.run(["run", "backup", "-o", "json"] + common, timeout: 180, environment: ["PATH": "/nonexistent"])
        #expect(backup.status == 0, "\(backup.stderr)")
        let runID = try LocalTool.runID(backup.stdout)

        // Changed after the backup: the restore must bring back the backup's state, not this one.
        try await RedisForApp.cli(["DEL", "\(prefix)1", "\(prefix)2"])
        try await RedisForApp.cli(["SET", "\(prefix)after", "x"])

        let pid = try String(contentsOfFile: RedisForApp.directory + "/redis.pid", encoding: .utf8)
            .trimmingCharacters(in: .whitespacesAndNewlines)
        let restore = try await cli.run(["run", "restore", "--from", runID] + common, timeout: 180, environment: ["PATH": "/nonexistent"])
        #expect(restore.status == 0, "\(restore.stderr)")
        // SHUTDOWN NOSAVE a second after the exec returned: the server ends without saving over the restored file.
        #expect(try await LocalTool.eventually(within: 60) { kill(pid_t(pid) ?? 0, 0) != 0 }, "Redis was not shut down")
        try await RedisForApp.restart()
        #expect(try await Self.contents(prefix) == before)
        CatalogApp.expectNoLeak(RedisForApp.password, in: [backup, restore], home: cli.home)
    }

    @Test func restoreIsRefusedWhileAppendOnlyIsOn() async throws {
        try #require(Self.agentHasPassword, "the envtest agent was not started with REDIS_PASSWORD (scripts/test.sh does)")
        let ns = try CatalogApp.namespace(workload: "redis", blueprint: "redis")
        let cli = CLI()
        let common = CatalogApp.arguments(namespace: ns) + ["--option", "port=\(RedisForApp.port)"]
        let backup = try await cli.run(["run", "backup", "-o", "json"] + common, timeout: 180, environment: ["PATH": "/nonexistent"])
        #expect(backup.status == 0, "\(backup.stderr)")
        let runID = try LocalTool.runID(backup.stdout)
        try await RedisForApp.cli(["CONFIG", "SET", "appendonly", "yes"])
        let restore = try await cli.run(["run", "restore", "--from", runID] + common, timeout: 180, environment: ["PATH": "/nonexistent"])
        try await RedisForApp.cli(["CONFIG", "SET", "appendonly", "no"])
        #expect(restore.status != 0)
        #expect((restore.stdout + restore.stderr).contains("appendonly is yes"), "\(restore.stdout)\(restore.stderr)")
        #expect(await RedisForApp.isUp(), "a refused restore must leave the server running")
    }
}

/// The catalog's `redis` local actions against the test Redis on this machine:
/// FsyncLock's BGSAVE (waiting until LASTSAVE moves), then a copy of dump.rdb.
@Suite(.enabled(if: RedisForApp.enabled), .serialized)
struct CatalogRedisLocalTests {
    @Test func localBackupCopiesAFreshRDBAndLocalRestoreCopiesItBack() async throws {
        let prefix = "local-\(UUID().uuidString.prefix(8).lowercased())"
        try await RedisForApp.cli(["SET", prefix, "saved"])
        let cli = CLI()
        let backups = cli.file("backups")
        try FileManager.default.createDirectory(atPath: backups, withIntermediateDirectories: true)
        let common = ["--blueprint", "\(CatalogApp.catalog)/redis.yaml", "--option", "port=\(RedisForApp.port)",
                      "--option", "dataDir=\(RedisForApp.directory)", "--option", "backupDir=\(backups)"]
        let backup = try await cli.run(["run", "localBackup", "-o", "json"] + common, timeout: 120,
                                       environment: ["REDISCLI_AUTH_BLUEPRINT": RedisForApp.password])
        #expect(backup.status == 0, "\(backup.stderr)")
        let copies = try FileManager.default.contentsOfDirectory(atPath: backups)
        let copy = try #require(copies.first, "no copy in \(backups)")
        let data = try #require(FileManager.default.contents(atPath: "\(backups)/\(copy)"))
        #expect(data.prefix(5) == Data("REDIS".utf8), "not an RDB file")
        #expect(data.range(of: Data(prefix.utf8)) != nil, "the key set before the backup is not in the saved RDB")

        // localRestore copies it back as <dataDir>/dump.rdb (the restart is the user's).
        let restoreDir = cli.file("restored")
        try FileManager.default.createDirectory(atPath: restoreDir, withIntermediateDirectories: true)
        let restore = try await cli.run(["run", "localRestore", "--from", try LocalTool.runID(backup.stdout),
                                         "--blueprint", "\(CatalogApp.catalog)/redis.yaml", "--option", "dataDir=\(restoreDir)"],
                                        timeout: 120)
        #expect(restore.status == 0, "\(restore.stderr)")
        #expect(FileManager.default.contents(atPath: restoreDir + "/dump.rdb") == data)
        CatalogApp.expectNoLeak(RedisForApp.password, in: [backup, restore], home: cli.home)
    }
}
