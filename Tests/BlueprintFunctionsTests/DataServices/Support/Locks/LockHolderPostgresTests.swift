import ChildProcesses
import Foundation
import Testing
@testable import BlueprintFunctions

/// pg_backup_start / pg_backup_stop held by LockHolder, against a real PostgreSQL 15.
@Suite(.enabled(if: TestServers.postgresEnabled, "start scripts/start-postgres.sh"), .serialized)
struct LockHolderPostgresTests {
    static var lsn: Regex<Substring> { #/^[0-9A-F]+\/[0-9A-F]+$/# }

    @Test func backupStartAndStopReportLSNsAndTheLabel() async throws {
        let pg = try #require(TestServers.postgres)
        let label = TestServers.uniqueName("label")
        let handle = try await LockHolder.acquire(connection: pg, lease: .seconds(60), label: label)
        let startLSN = try #require(handle.outputs.startLSN)
        #expect(startLSN.wholeMatch(of: Self.lsn) != nil, "start LSN \(startLSN)")
        #expect(handle.outputs.backupLabel == label)
        #expect(handle.record.sessionBound)

        // The backup is held by a session of its own, visible to the server.
        let sessions = try await TestServers.psql(
            pg, "SELECT count(*) FROM pg_stat_activity WHERE application_name = 'blueprint-fsynclock' AND datname = current_database() AND pid <> pg_backend_pid()"
        )
        #expect(sessions == "1")

        let unlocked = try await handle.release()
        let stopLSN = try #require(unlocked.stopLSN)
        #expect(stopLSN.wholeMatch(of: Self.lsn) != nil, "stop LSN \(stopLSN)")
        let labelFile = try #require(unlocked.labelFile.flatMap { Data(base64Encoded: $0) })
        let text = String(decoding: labelFile, as: UTF8.self)
        #expect(text.contains("LABEL: \(label)"))
        #expect(text.contains("START WAL LOCATION: \(startLSN)"))
        #expect(Self.lsnValue(stopLSN) >= Self.lsnValue(startLSN))
    }

    @Test func wrongPasswordFailsTheAcquireWithoutShowingIt() async throws {
        var pg = try #require(TestServers.postgres)
        let wrong = "wrong-\(UUID().uuidString)"
        pg.password = .value(wrong, reference: nil)
        do {
            _ = try await LockHolder.acquire(connection: pg, lease: .seconds(30), acquireTimeout: .seconds(20))
            Issue.record("the lock was taken with a wrong password")
        } catch {
            let text = String(describing: error)
            #expect(text.contains("password authentication failed"))
            #expect(!text.contains(wrong))
        }
    }

    /// The owner of the lock dies by SIGKILL: psql reads end-of-file, its session
    /// ends, and with it the backup — no waiting for the 120 s lease.
    @Test func killingTheOwnerWithSIGKILLEndsTheBackupSession() async throws {
        let pg = try #require(TestServers.postgres)
        let probePath = try #require(MariaDBServerTests.LockHolderMariaDBTests.probePath, "data-services-probe was not built")
        let probe = try ChildProcess.spawn(
            ClientCommand(probePath, [
                "lock", "postgresql", pg.host, String(pg.effectivePort), pg.user ?? "blueprint", "postgres",
                "BLUEPRINT_PG_PASSWORD", "120",
            ]).process,
            stdin: .pipe, stdout: .pipe, stderr: .null
        )
        defer { probe.closeStdin() }
        let firstLine = await OutputTail.firstLine(probe.stdout)
        let clientPID = try #require(firstLine.flatMap { line -> Int32? in
            line.hasPrefix("LOCKED ") ? Int32(line.dropFirst(7)) : nil
        }, "the probe did not lock: \(firstLine ?? "no output")")
        let query = "SELECT count(*) FROM pg_stat_activity WHERE application_name = 'blueprint-fsynclock' AND datname = current_database() AND pid <> pg_backend_pid()"
        #expect(try await TestServers.psql(pg, query) == "1")

        probe.signal(SIGKILL)
        _ = await probe.wait()
        let deadline = ContinuousClock.now + .seconds(15)
        var sessions = "1"
        while ContinuousClock.now < deadline {
            sessions = try await TestServers.psql(pg, query)
            if sessions == "0" { break }
            try await Task.sleep(for: .milliseconds(200))
        }
        #expect(sessions == "0", "the backup session outlived its owner")
        #expect(await MariaDBServerTests.LockHolderMariaDBTests.waitUntilGone(clientPID, within: 10))
    }

    static func lsnValue(_ lsn: String) -> UInt64 {
        let parts = lsn.split(separator: "/")
        return (UInt64(parts[0], radix: 16)! << 32) | UInt64(parts[1], radix: 16)!
    }
}
