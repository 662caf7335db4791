import BlueprintEngine
import Foundation
import Testing
@testable import BlueprintFunctions

/// A backup action (PgDump into the run's artifact sink) and a restore action
/// (PgRestore of that artifact, found through `--from`) run by the Executor.
@Suite(.enabled(if: TestServers.postgresEnabled, "start scripts/start-postgres.sh"), .serialized)
struct PgDumpRestoreExecutorTests {
    static let checksumSQL = "SELECT count(*) || ':' || md5(string_agg(id || '=' || v, ',' ORDER BY id)) FROM t"

    @Test func backupThenRestoreIntoAFreshDatabaseGivesTheSameRows() async throws {
        let pg = try #require(TestServers.postgres)
        let source = TestServers.uniqueName("src")
        let target = TestServers.uniqueName("dst")
        try await TestServers.psql(pg, "CREATE DATABASE \(source)")
        try await TestServers.psql(pg, "CREATE DATABASE \(target)")
        try await TestServers.psql(pg, """
            CREATE TABLE t (id int PRIMARY KEY, v text);
            INSERT INTO t SELECT g, md5(g::text) FROM generate_series(1, 5000) g;
            """, database: source)
        let expected = try await TestServers.psql(pg, Self.checksumSQL, database: source)
        #expect(expected.hasPrefix("5000:"))

        let runs = EngineRuns()
        defer { runs.remove() }
        let connection = """
                      host: "\(pg.host)"
                      port: \(pg.effectivePort)
                      user: "\(pg.user ?? "postgres")"
                      passwordEnv: BLUEPRINT_PG_PASSWORD
            """
        let blueprint = """
            apiVersion: cr.kanister.io/v1alpha1
            kind: Blueprint
            metadata:
              name: pg-test
            actions:
              backup:
                outputArtifacts:
                  pgDump:
                    keyValue:
                      artifact: "{{ .Phases.dump.Output.artifact }}"
                      sha256: "{{ .Phases.dump.Output.sha256 }}"
                phases:
                  - name: dump
                    func: PgDump
                    args:
            \(connection)
                      database: "\(source)"
                      artifact: pg.dump
              restore:
                inputArtifactNames: [pgDump]
                phases:
                  - name: restore
                    func: PgRestore
                    args:
            \(connection)
                      database: "\(target)"
                      artifact: "{{ .ArtifactsIn.pgDump.KeyValue.artifact }}"
            """
        let backup = try await runs.run(blueprint, action: "backup")
        #expect(backup.state == .succeeded, "\(backup.error ?? "")")
        let dump = try #require(backup.phase("dump"))
        #expect(dump.outputs["artifact"] == .string("pg.dump"))
        let stored = try #require(backup.storedArtifacts.first { $0.name == "pg.dump" })
        #expect(dump.outputs["bytes"] == .int(Int(stored.size)))
        #expect(stored.size > 0)
        #expect(backup.artifacts["pgDump"]?.keyValue["artifact"] == "pg.dump")

        let restore = try await runs.run(blueprint, action: "restore", from: backup)
        #expect(restore.state == .succeeded, "\(restore.error ?? "")")
        #expect(restore.phase("restore")?.outputs["bytes"] == .int(Int(stored.size)))
        #expect(try await TestServers.psql(pg, Self.checksumSQL, database: target) == expected)

        try await TestServers.psql(pg, "DROP DATABASE \(source)")
        try await TestServers.psql(pg, "DROP DATABASE \(target)")
    }

    @Test func restoreWithoutTheArtifactFailsNamingIt() async throws {
        let pg = try #require(TestServers.postgres)
        let runs = EngineRuns()
        defer { runs.remove() }
        let blueprint = """
            apiVersion: cr.kanister.io/v1alpha1
            kind: Blueprint
            metadata:
              name: pg-test
            actions:
              restore:
                phases:
                  - name: restore
                    func: PgRestore
                    args:
                      host: "\(pg.host)"
                      port: \(pg.effectivePort)
                      passwordEnv: BLUEPRINT_PG_PASSWORD
                      database: postgres
                      artifact: missing.dump
            """
        let record = try await runs.run(blueprint, action: "restore")
        #expect(record.state == .failed)
        #expect(record.phase("restore")?.error?.contains("missing.dump") == true)
    }
}
