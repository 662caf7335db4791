import Foundation
import NIOCore
import Testing
@testable import BlueprintFunctions

extension MariaDBServerTests {
/// MariaDB dump → restore round trip against the server of scripts/start-mariadb.sh.
@Suite struct MysqlDumpRestoreTests {
    static func fingerprint(_ db: DatabaseConnection, database: String) async throws -> String {
        try await TestServers.mariadb(db, """
            SET SESSION group_concat_max_len = 1073741824;
            SELECT CONCAT(COUNT(*), ':', MD5(GROUP_CONCAT(CONCAT_WS('|', id, name, HEX(payload), at) ORDER BY id SEPARATOR ',')))
            FROM items;
            """, database: database)
    }

    @Test func dumpRestoresEveryRowIntoAFreshDatabase() async throws {
        let db = try #require(TestServers.mariadb, "BLUEPRINT_MARIADB_* are not set")
        let source = TestServers.uniqueName("src")
        try await TestServers.mariadb(db, "CREATE DATABASE \(source)")
        try await TestServers.mariadb(db, """
            CREATE TABLE items (id INT PRIMARY KEY, name VARCHAR(200), payload VARBINARY(64), at DATETIME(6)) ENGINE=InnoDB;
            INSERT INTO items
              SELECT seq, CONCAT('item ', seq, ' ', MD5(seq)), UNHEX(MD5(seq)), TIMESTAMP('2024-01-01') + INTERVAL seq MINUTE
              FROM seq_1_to_20000;
            """, database: source)
        let expected = try await Self.fingerprint(db, database: source)
        #expect(expected.hasPrefix("20000:"))

        var dumpConnection = db
        dumpConnection.database = source
        let result = try await DumpStream.mysqlDump(connection: dumpConnection).run { chunks in
            var collected: [ByteBuffer] = []
            for try await chunk in chunks { collected.append(chunk) }
            return collected
        }
        #expect(result.summary.bytes == Int64(result.value.reduce(0) { $0 + $1.readableBytes }))
        #expect(result.summary.sha256.count == 64)

        let target = TestServers.uniqueName("dst")
        try await TestServers.mariadb(db, "CREATE DATABASE \(target)")
        var restoreConnection = db
        restoreConnection.database = target
        try await RestoreStream.mysqlRestore(connection: restoreConnection)
            .run(from: ChunkReplay(chunks: result.value), expectedSHA256: result.summary.sha256)
        #expect(try await Self.fingerprint(db, database: target) == expected)

        try await TestServers.mariadb(db, "DROP DATABASE \(source); DROP DATABASE \(target)")
    }

    @Test func failedRestoreReportsTheClientErrorWithoutThePassword() async throws {
        var db = try #require(TestServers.mariadb)
        let password = TestServers.password(db)
        db.database = "missing_\(password)"
        let restore = try RestoreStream.mysqlRestore(connection: db)
        do {
            try await restore.run(from: ChunkReplay(chunks: [ByteBuffer(string: "SELECT 1;\n")]))
            Issue.record("a restore into a missing database succeeded")
        } catch {
            let text = String(describing: error)
            #expect(text.contains("Unknown database"))
            #expect(!text.contains(password))
        }
    }
}
}
