import BlueprintEngine
import Foundation
import Testing
@testable import BlueprintFunctions

extension MariaDBServerTests {
/// MysqlDump into the run's artifact sink, then MysqlRestore of that artifact
/// (found through `--from`) into a fresh database, run by the Executor.
@Suite struct MysqlDumpRestoreExecutorTests {
    static let fingerprintSQL = "SELECT CONCAT(COUNT(*), ':', MD5(GROUP_CONCAT(CONCAT_WS('|', id, v) ORDER BY id SEPARATOR ','))) FROM t"

    @Test func backupThenRestoreIntoAFreshDatabaseGivesTheSameRows() async throws {
        let db = try #require(TestServers.mariadb)
        let source = TestServers.uniqueName("src")
        let target = TestServers.uniqueName("dst")
        try await TestServers.mariadb(db, "CREATE DATABASE \(source); CREATE DATABASE \(target)")
        try await TestServers.mariadb(db, """
            CREATE TABLE t (id INT PRIMARY KEY, v VARCHAR(64)) ENGINE=InnoDB;
            INSERT INTO t SELECT seq, MD5(seq) FROM seq_1_to_3000;
            """, database: source)
        let expected = try await TestServers.mariadb(db, Self.fingerprintSQL, database: source)
        #expect(expected.hasPrefix("3000:"))

        let runs = EngineRuns()
        defer { runs.remove() }
        let connection = """
                      host: "\(db.host)"
                      port: \(db.effectivePort)
                      user: "\(db.user ?? "root")"
                      passwordEnv: BLUEPRINT_MARIADB_PASSWORD
            """
        let blueprint = """
            apiVersion: cr.kanister.io/v1alpha1
            kind: Blueprint
            metadata:
              name: mysql-test
            actions:
              backup:
                outputArtifacts:
                  dump:
                    keyValue:
                      artifact: "{{ .Phases.dump.Output.artifact }}"
                phases:
                  - name: dump
                    func: MysqlDump
                    args:
            \(connection)
                      database: "\(source)"
              restore:
                inputArtifactNames: [dump]
                phases:
                  - name: restore
                    func: MysqlRestore
                    args:
            \(connection)
                      database: "\(target)"
                      artifact: "{{ .ArtifactsIn.dump.KeyValue.artifact }}"
            """
        let backup = try await runs.run(blueprint, action: "backup")
        #expect(backup.state == .succeeded, "\(backup.error ?? "")")
        // The declared default artifact name.
        #expect(backup.phase("dump")?.outputs["artifact"] == .string("mysqldump"))
        #expect(backup.storedArtifacts.map(\.name) == ["mysqldump"])

        let restore = try await runs.run(blueprint, action: "restore", from: backup)
        #expect(restore.state == .succeeded, "\(restore.error ?? "")")
        #expect(try await TestServers.mariadb(db, Self.fingerprintSQL, database: target) == expected)

        try await TestServers.mariadb(db, "DROP DATABASE \(source); DROP DATABASE \(target)")
    }
}
}
