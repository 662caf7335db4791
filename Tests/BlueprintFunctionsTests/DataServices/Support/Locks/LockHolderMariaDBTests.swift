import ChildProcesses
import Foundation
import Testing
@testable import BlueprintFunctions

extension MariaDBServerTests {
/// FLUSH TABLES WITH READ LOCK held by LockHolder, against a real MariaDB.
@Suite struct LockHolderMariaDBTests {
    /// A write from another session, as a process of its own so the test can see
    /// whether it is blocked. It waits at most `lockWait` seconds for the lock.
    struct BackgroundWrite {
        let child: ChildProcess

        init(_ db: DatabaseConnection, database: String, lockWait: Int = 60) throws {
            var target = db
            target.database = database
            var command = ClientCommands.mysqlSession(target, password: TestServers.password(db))
            command.arguments += [
                "--database=\(database)",
                "--execute", "SET SESSION lock_wait_timeout = \(lockWait); INSERT INTO t VALUES (NULL, NOW(6));",
            ]
            child = try ChildProcess.spawn(command.process, stdin: .null, stdout: .null, stderr: .null)
        }

        /// True when the write is still waiting after `seconds`.
        func stillBlocked(after seconds: Double) async -> Bool {
            try? await Task.sleep(for: .seconds(seconds))
            var status: Int32 = 0
            return waitpid(child.pid, &status, WNOHANG) == 0
        }

        /// Waits for the write to finish; nil when it did not within `seconds`.
        func finish(within seconds: Double) async -> (status: ProcessExitStatus, elapsed: Duration)? {
            let start = ContinuousClock.now
            let result = await withTaskGroup(of: ProcessExitStatus?.self) { group in
                group.addTask { await child.wait() }
                group.addTask {
                    try? await Task.sleep(for: .seconds(seconds))
                    return nil
                }
                let first = await group.next()!
                if first == nil { child.signal(SIGKILL) }
                group.cancelAll()
                return first
            }
            return result.map { ($0, ContinuousClock.now - start) }
        }
    }

    static func makeTable(_ db: DatabaseConnection) async throws -> String {
        let database = TestServers.uniqueName("lock")
        try await TestServers.mariadb(db, "CREATE DATABASE \(database)")
        try await TestServers.mariadb(
            db, "CREATE TABLE t (id INT AUTO_INCREMENT PRIMARY KEY, at DATETIME(6)) ENGINE=InnoDB", database: database
        )
        return database
    }

    static func rows(_ db: DatabaseConnection, _ database: String) async throws -> Int {
        Int(try await TestServers.mariadb(db, "SELECT COUNT(*) FROM t", database: database)) ?? -1
    }

    @Test func writeBlocksWhileLockedAndCompletesAfterRelease() async throws {
        let db = try #require(TestServers.mariadb)
        let database = try await Self.makeTable(db)
        let handle = try await LockHolder.acquire(connection: db, lease: .seconds(60))
        #expect(handle.outputs.values["lockTime"] != nil)

        let write = try BackgroundWrite(db, database: database)
        #expect(await write.stillBlocked(after: 2))
        #expect(try await Self.rows(db, database) == 0)

        let unlocked = try await handle.release()
        #expect(unlocked.unlockTime >= handle.outputs.lockTime)
        let finished = try #require(await write.finish(within: 10), "the write did not complete after the release")
        #expect(finished.status.succeeded)
        #expect(try await Self.rows(db, database) == 1)

        // Releasing again (an explicit FsyncUnlock, then the undo) is a no-op.
        #expect(try await handle.release() == unlocked)
        try await TestServers.mariadb(db, "DROP DATABASE \(database)")
    }

    @Test func leaseReleasesTheLockWhenTheOwnerNeverUnlocks() async throws {
        let db = try #require(TestServers.mariadb)
        let database = try await Self.makeTable(db)
        let handle = try await LockHolder.acquire(connection: db, lease: .seconds(3))
        let write = try BackgroundWrite(db, database: database)
        #expect(await write.stillBlocked(after: 1))
        let finished = try #require(await write.finish(within: 90), "the lease did not release the lock")
        #expect(finished.status.succeeded)
        // The release now says the lock had already gone: a snapshot taken after
        // the lease ran out cannot be called consistent.
        await #expect(throws: DataServiceError.self) { try await handle.release() }
        try await TestServers.mariadb(db, "DROP DATABASE \(database)")
    }

    @Test func killingTheOwnerWithSIGKILLEndsTheLockAndLeavesNoClient() async throws {
        let db = try #require(TestServers.mariadb)
        let database = try await Self.makeTable(db)
        let probePath = try #require(Self.probePath, "data-services-probe was not built")
        let probe = try ChildProcess.spawn(
            ClientCommand(probePath, [
                "lock", "mariadb", db.host, String(db.effectivePort), db.user ?? "blueprint", "mysql",
                "BLUEPRINT_MARIADB_PASSWORD", "120",
            ]).process,
            stdin: .pipe, stdout: .pipe, stderr: .null
        )
        defer { probe.closeStdin() }
        let firstLine = await OutputTail.firstLine(probe.stdout)
        let clientPID = try #require(firstLine.flatMap { line -> Int32? in
            line.hasPrefix("LOCKED ") ? Int32(line.dropFirst(7)) : nil
        }, "the probe did not lock: \(firstLine ?? "no output")")

        let write = try BackgroundWrite(db, database: database)
        #expect(await write.stillBlocked(after: 1.5))

        probe.signal(SIGKILL)
        _ = await probe.wait()
        // Well within the 120 s lease: the client saw end-of-file and its session ended.
        let finished = try #require(await write.finish(within: 90), "the write stayed blocked after the owner died")
        #expect(finished.status.succeeded)
        #expect(finished.elapsed < .seconds(90))

        let gone = await Self.waitUntilGone(clientPID, within: 10)
        #expect(gone, "the lock client (pid \(clientPID)) outlived its owner")
        #expect(Self.children(of: clientPID).isEmpty)
        try await TestServers.mariadb(db, "DROP DATABASE \(database)")
    }

    static var probePath: String? {
        let directory = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent()
        for candidate in [directory, directory.deletingLastPathComponent(),
                          directory.deletingLastPathComponent().deletingLastPathComponent()] {
            let path = candidate.appendingPathComponent("data-services-probe").path
            if FileManager.default.isExecutableFile(atPath: path) { return path }
        }
        let build = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
            .appendingPathComponent("../../../../../.build/debug/data-services-probe").standardized.path
        return FileManager.default.isExecutableFile(atPath: build) ? build : nil
    }

    /// Gone means: no such process, or a zombie waiting for a reaper.
    static func waitUntilGone(_ pid: Int32, within seconds: Double) async -> Bool {
        let deadline = ContinuousClock.now + .seconds(seconds)
        while ContinuousClock.now < deadline {
            guard let stat = try? String(contentsOfFile: "/proc/\(pid)/stat", encoding: .utf8) else { return true }
            if let close = stat.lastIndex(of: ")"), stat[stat.index(close, offsetBy: 2)] == "Z" { return true }
            try? await Task.sleep(for: .milliseconds(100))
        }
        return false
    }

    static func children(of pid: Int32) -> [Int32] {
        PgDumpRestoreTests.allProcesses().filter { child in
            guard let stat = try? String(contentsOfFile: "/proc/\(child)/stat", encoding: .utf8),
                  let close = stat.lastIndex(of: ")") else { return false }
            let fields = stat[stat.index(after: close)...].split(separator: " ")
            return fields.count > 1 && fields[0] != "Z" && Int32(fields[1]) == pid
        }
    }
}
}
