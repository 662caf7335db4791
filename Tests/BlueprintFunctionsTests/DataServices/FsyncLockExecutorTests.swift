import BlueprintEngine
import BlueprintModel
import Foundation
import Testing
@testable import BlueprintFunctions

extension MariaDBServerTests {
/// FsyncLock run by the Executor: a later phase fails, and the undo FsyncLock
/// registered releases the lock, so a write blocked behind it completes.
@Suite struct FsyncLockExecutorTests {
    /// Starts a write from another session while the lock is held, records
    /// whether it is still blocked a moment later, then fails the phase.
    struct BlockedWriteThenFail: RunnableFunction {
        static let declaration = FunctionDeclaration(
            name: "TestBlockedWriteThenFail", summary: "test", arguments: [.required("database", .string, "")],
            origin: .blueprint)

        actor Observed {
            static let shared = Observed()
            var writes: [String: LockHolderMariaDBTests.BackgroundWrite] = [:]
            var blocked: [String: Bool] = [:]
            func record(_ database: String, _ write: LockHolderMariaDBTests.BackgroundWrite, blocked: Bool) {
                writes[database] = write
                self.blocked[database] = blocked
            }
        }

        static func execute(_ arguments: FunctionArguments, in context: FunctionContext) async throws -> FunctionOutput {
            let db = try #require(TestServers.mariadb)
            let database = try arguments.string("database")
            let write = try LockHolderMariaDBTests.BackgroundWrite(db, database: database)
            await Observed.shared.record(database, write, blocked: await write.stillBlocked(after: 1.5))
            throw FunctionError.permanent("the phase after the freeze failed on purpose")
        }
    }

    @Test func failedPhaseAfterFsyncLockRunsTheUndoAndBlockedWriteCompletes() async throws {
        let db = try #require(TestServers.mariadb)
        let database = try await LockHolderMariaDBTests.makeTable(db)
        let runs = EngineRuns()
        defer { runs.remove() }
        let blueprint = """
            apiVersion: cr.kanister.io/v1alpha1
            kind: Blueprint
            metadata:
              name: fsync-test
            actions:
              backup:
                phases:
                  - name: freeze
                    func: FsyncLock
                    args:
                      engine: mariadb
                      host: "\(db.host)"
                      port: \(db.effectivePort)
                      user: "\(db.user ?? "root")"
                      passwordEnv: BLUEPRINT_MARIADB_PASSWORD
                      lease: 2m
                  - name: snapshot
                    func: TestBlockedWriteThenFail
                    args:
                      database: "\(database)"
            """
        let record = try await runs.run(blueprint, action: "backup", extra: [BlockedWriteThenFail.self])

        #expect(record.state == .failed)
        #expect(record.phase("freeze")?.outputs["lockTime"] != nil)
        #expect(record.undos.count == 1)
        #expect(record.undos.first?.undo.function == "FsyncUnlock")
        #expect(record.undos.first?.state == .done)
        // The password's variable is in the journal, never its value.
        #expect(record.undos.first?.undo.arguments["passwordEnv"] == .string("BLUEPRINT_MARIADB_PASSWORD"))
        let journal = String(decoding: try JSONEncoder().encode(record), as: UTF8.self)
        #expect(!journal.contains(TestServers.password(db)))

        #expect(await BlockedWriteThenFail.Observed.shared.blocked[database] == true, "the write was not blocked by the lock")
        let write = try #require(await BlockedWriteThenFail.Observed.shared.writes[database])
        let finished = try #require(await write.finish(within: 10), "the write did not complete after the undo")
        #expect(finished.status.succeeded)
        #expect(try await LockHolderMariaDBTests.rows(db, database) == 1)
        try await TestServers.mariadb(db, "DROP DATABASE \(database)")
    }
}
}
