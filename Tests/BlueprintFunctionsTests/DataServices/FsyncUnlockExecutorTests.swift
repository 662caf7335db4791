import BlueprintEngine
import Foundation
import Testing
@testable import BlueprintFunctions

// Nested in LockHolderPostgresTests, which is serialized: both count the
// server's lock-holding sessions, so they must not run at the same time.
extension LockHolderPostgresTests {
/// FsyncLock then an explicit FsyncUnlock phase on PostgreSQL, run by the
/// Executor: the unlock stops the backup early, and the undo FsyncLock
/// registered later finds nothing held and succeeds without error.
@Suite struct FsyncUnlockExecutorTests {
    static let lockSessions =
        "SELECT count(*) FROM pg_stat_activity WHERE application_name = 'blueprint-fsynclock' AND datname = current_database() AND pid <> pg_backend_pid()"

    @Test func explicitUnlockReleasesEarlyAndTheUndoIsANoOp() async throws {
        let pg = try #require(TestServers.postgres)
        let runs = EngineRuns()
        defer { runs.remove() }
        let connection = """
                      engine: postgresql
                      host: "\(pg.host)"
                      port: \(pg.effectivePort)
                      user: "\(pg.user ?? "postgres")"
                      database: postgres
                      passwordEnv: BLUEPRINT_PG_PASSWORD
            """
        let blueprint = """
            apiVersion: cr.kanister.io/v1alpha1
            kind: Blueprint
            metadata:
              name: fsync-pg-test
            actions:
              snapshot:
                phases:
                  - name: startBackup
                    func: FsyncLock
                    args:
            \(connection)
                      lease: 1m
                  - name: stopBackup
                    func: FsyncUnlock
                    args:
            \(connection)
            """
        let record = try await runs.run(blueprint, action: "snapshot")

        #expect(record.state == .succeeded, "\(record.error ?? "")")
        let start = try #require(record.phase("startBackup"))
        #expect(start.outputs["startLSN"] != nil)
        #expect(start.outputs["backupLabel"] != nil)
        let stop = try #require(record.phase("stopBackup"))
        #expect(stop.outputs["stopLSN"] != nil, "the explicit unlock did not stop the backup in the lock's session")
        #expect(stop.outputs["labelFile"] != nil)
        #expect(record.undos.count == 1)
        #expect(record.undos.first?.state == .done)
        #expect(record.undos.first?.error == nil)
        #expect(try await TestServers.psql(pg, Self.lockSessions) == "0")
    }
}
}
