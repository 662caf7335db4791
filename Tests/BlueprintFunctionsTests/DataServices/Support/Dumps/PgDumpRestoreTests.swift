import Crypto
import Foundation
import NIOCore
import Testing
@testable import BlueprintFunctions

/// PostgreSQL 15 dump → restore round trips against the server of scripts/start-postgres.sh.
@Suite(.enabled(if: TestServers.postgresEnabled, "start scripts/start-postgres.sh"), .serialized)
struct PgDumpRestoreTests {
    /// Count and md5 of a table's rows in id order: equal only if every row came back.
    static func fingerprint(_ pg: DatabaseConnection, database: String) async throws -> String {
        try await TestServers.psql(
            pg, "SELECT count(*) || ':' || md5(string_agg(t::text, ',' ORDER BY id)) FROM items t", database: database
        )
    }

    static func makeSource(_ pg: DatabaseConnection, rows: Int) async throws -> String {
        let source = TestServers.uniqueName("src")
        try await TestServers.psql(pg, "CREATE DATABASE \(source)")
        try await TestServers.psql(pg, """
            CREATE TABLE items (id int PRIMARY KEY, name text, payload bytea, at timestamptz);
            INSERT INTO items SELECT g, 'item ' || g || ' ' || md5(g::text), decode(md5(g::text), 'hex'),
              timestamptz '2024-01-01 00:00:00+00' + g * interval '1 minute' FROM generate_series(1, \(rows)) g;
            """, database: source)
        return source
    }

    func roundTrip(format: DumpFormat) async throws {
        let pg = try #require(TestServers.postgres, "PGHOST/PGPORT/BLUEPRINT_PG_PASSWORD are not set")
        let source = try await Self.makeSource(pg, rows: 20000)
        let expected = try await Self.fingerprint(pg, database: source)
        #expect(expected.hasPrefix("20000:"))

        var dumpConnection = pg
        dumpConnection.database = source
        let dump = try DumpStream.pgDump(connection: dumpConnection, format: format)
        let result = try await dump.run { chunks in
            var collected: [ByteBuffer] = []
            for try await chunk in chunks { collected.append(chunk) }
            return collected
        }
        var hasher = SHA256()
        var total = 0
        for chunk in result.value {
            chunk.withUnsafeReadableBytes { hasher.update(bufferPointer: $0) }
            total += chunk.readableBytes
        }
        let digest = hasher.finalize().map { String(format: "%02x", $0) }.joined()
        #expect(result.summary.bytes == Int64(total))
        #expect(result.summary.sha256 == digest)

        let target = TestServers.uniqueName("dst")
        try await TestServers.psql(pg, "CREATE DATABASE \(target)")
        var restoreConnection = pg
        restoreConnection.database = target
        let restore = try RestoreStream.pgRestore(connection: restoreConnection, format: format)
        let restored = try await restore.run(from: ChunkReplay(chunks: result.value), expectedSHA256: digest)
        #expect(restored.bytes == Int64(total))
        #expect(try await Self.fingerprint(pg, database: target) == expected)

        try await TestServers.psql(pg, "DROP DATABASE \(source)")
        try await TestServers.psql(pg, "DROP DATABASE \(target)")
    }

    @Test func customFormatRoundTripRestoresEveryRowIntoAFreshDatabase() async throws {
        try await roundTrip(format: .custom)
    }

    @Test func plainFormatRoundTripRestoresThroughPsql() async throws {
        try await roundTrip(format: .plain)
    }

    @Test func tarFormatRoundTrip() async throws {
        try await roundTrip(format: .tar)
    }

    @Test func directoryFormatIsRejectedBeforeAnythingRuns() throws {
        let pg = DatabaseConnection(engine: .postgresql, database: "x")
        #expect(throws: DataServiceError.self) { try DumpStream.pgDump(connection: pg, format: .directory, environment: [:]) }
    }

    @Test func failingDumpReportsPgDumpStderrWithThePasswordRedacted() async throws {
        var pg = try #require(TestServers.postgres)
        let password = TestServers.password(pg)
        // A database named after the password: pg_dump's own error message then
        // contains the password, which must not survive into our error.
        pg.database = "missing_\(password)"
        let dump = try DumpStream.pgDump(connection: pg)
        do {
            _ = try await dump.run { chunks in for try await _ in chunks {} }
            Issue.record("a dump of a missing database succeeded")
        } catch {
            let text = String(describing: error)
            #expect(text.contains("pg_dump"))
            #expect(text.contains("does not exist"))
            #expect(text.contains(PasswordRedactor.mask))
            #expect(!text.contains(password))
        }
    }

    @Test func restoreOfCorruptDataFailsWithTheClientsError() async throws {
        var pg = try #require(TestServers.postgres)
        let target = TestServers.uniqueName("bad")
        try await TestServers.psql(pg, "CREATE DATABASE \(target)")
        pg.database = target
        let restore = try RestoreStream.pgRestore(connection: pg, format: .custom)
        await #expect(throws: DataServiceError.self) {
            try await restore.run(from: ChunkReplay(chunks: [ByteBuffer(string: "this is not a pg_dump archive")]))
        }
        try await TestServers.psql(pg, "DROP DATABASE \(target)", database: "postgres")
    }

    /// While pg_dump runs, no process's command line holds the password, and
    /// pg_dump's environment does (that is how it gets it).
    @Test func passwordIsInTheEnvironmentAndNeverInAnyProcessArgv() async throws {
        let pg = try #require(TestServers.postgres)
        let password = TestServers.password(pg)
        let source = try await Self.makeSource(pg, rows: 50000)
        var connection = pg
        connection.database = source
        let dump = try DumpStream.pgDump(connection: connection, format: .plain)
        var checkedWhileRunning = false
        _ = try await dump.run { chunks in
            var first = true
            for try await _ in chunks where first {
                first = false
                // pg_dump is blocked on the pipe now: the consumer has not read on.
                let leaks = Self.commandLinesContaining(password)
                #expect(leaks.isEmpty, "password in argv of: \(leaks)")
                let pgDumps = Self.processes(named: "pg_dump")
                #expect(!pgDumps.isEmpty)
                for pid in pgDumps {
                    let environ = (try? Data(contentsOf: URL(fileURLWithPath: "/proc/\(pid)/environ"))) ?? Data()
                    #expect(String(decoding: environ, as: UTF8.self).contains("PGPASSWORD=\(password)"))
                }
                checkedWhileRunning = true
            }
        }
        #expect(checkedWhileRunning)
        try await TestServers.psql(pg, "DROP DATABASE \(source)")
    }

    static func commandLinesContaining(_ secret: String) -> [String] {
        allProcesses().compactMap { pid in
            guard let data = try? Data(contentsOf: URL(fileURLWithPath: "/proc/\(pid)/cmdline")) else { return nil }
            let line = String(decoding: data.map { $0 == 0 ? 32 : $0 }, as: UTF8.self)
            return line.contains(secret) ? "\(pid): \(line)" : nil
        }
    }

    static func processes(named name: String) -> [Int32] {
        allProcesses().filter { pid in
            (try? String(contentsOfFile: "/proc/\(pid)/comm", encoding: .utf8))?
                .trimmingCharacters(in: .whitespacesAndNewlines) == name
        }
    }

    static func allProcesses() -> [Int32] {
        ((try? FileManager.default.contentsOfDirectory(atPath: "/proc")) ?? []).compactMap { Int32($0) }
    }
}
