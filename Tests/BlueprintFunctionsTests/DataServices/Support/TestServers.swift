import ChildProcesses
import Foundation
import NIOCore
import Testing
@testable import BlueprintFunctions

/// The real servers scripts/start-postgres.sh and scripts/start-mariadb.sh start,
/// read from the `export` lines they print. Missing servers skip the tests,
/// unless BLUEPRINT_REQUIRE_INTEGRATION=1 (CI), where the `#require` fails them.
enum TestServers {
    static let environment = ProcessInfo.processInfo.environment
    static let required = environment["BLUEPRINT_REQUIRE_INTEGRATION"] == "1"

    static var postgres: DatabaseConnection? {
        guard let host = environment["PGHOST"], let port = environment["PGPORT"].flatMap(Int.init),
              environment["BLUEPRINT_PG_PASSWORD"] != nil else { return nil }
        return DatabaseConnection(
            engine: .postgresql, host: host, port: port, user: environment["PGUSER"] ?? "blueprint",
            database: "postgres", password: .environment("BLUEPRINT_PG_PASSWORD")
        )
    }

    static var mariadb: DatabaseConnection? {
        guard let host = environment["BLUEPRINT_MARIADB_HOST"],
              let port = environment["BLUEPRINT_MARIADB_PORT"].flatMap(Int.init),
              environment["BLUEPRINT_MARIADB_PASSWORD"] != nil else { return nil }
        return DatabaseConnection(
            engine: .mariadb, host: host, port: port, user: environment["BLUEPRINT_MARIADB_USER"] ?? "blueprint",
            password: .environment("BLUEPRINT_MARIADB_PASSWORD")
        )
    }

    static var postgresEnabled: Bool { postgres != nil || required }
    static var mariadbEnabled: Bool { mariadb != nil || required }

    static func password(_ connection: DatabaseConnection) -> String {
        ((try? connection.resolvePassword(environment: environment)) ?? nil) ?? ""
    }

    static func uniqueName(_ prefix: String) -> String {
        prefix + "_" + UUID().uuidString.prefix(8).lowercased()
    }

    /// Runs SQL with psql (the password in PGPASSWORD) and returns its unaligned output.
    @discardableResult
    static func psql(_ connection: DatabaseConnection, _ sql: String, database: String? = nil) async throws -> String {
        var target = connection
        if let database { target.database = database }
        var command = ClientCommands.psqlSession(target, password: password(connection))
        // Not the lock holder's application name, so tests can count lock sessions.
        command.environment["PGAPPNAME"] = "blueprint-tests"
        command.arguments += ["-c", sql]
        let output = try await ClientRun.run(command, redactor: PasswordRedactor())
        guard output.status.succeeded else { throw TestFailure("psql: \(output.stderr)") }
        return output.stdout
    }

    /// Runs SQL with the mariadb client (the password in MYSQL_PWD).
    @discardableResult
    static func mariadb(_ connection: DatabaseConnection, _ sql: String, database: String? = nil) async throws -> String {
        var target = connection
        target.database = database
        var command = ClientCommands.mysqlSession(target, password: password(connection))
        if let database { command.arguments.append("--database=\(database)") }
        command.arguments += ["--execute", sql]
        let output = try await ClientRun.run(command, redactor: PasswordRedactor())
        guard output.status.succeeded else { throw TestFailure("mariadb: \(output.stderr)") }
        return output.stdout
    }
}

/// Every test against the MariaDB server, one at a time: FLUSH TABLES WITH READ
/// LOCK is global, so a lock test would block the writes of any other test.
@Suite(.enabled(if: TestServers.mariadbEnabled, "start scripts/start-mariadb.sh"), .serialized)
struct MariaDBServerTests {}

struct TestFailure: Error, CustomStringConvertible {
    let description: String
    init(_ description: String) { self.description = description }
}

/// Chunks held in memory, replayed as a restore's source.
struct ChunkReplay: AsyncSequence, Sendable {
    typealias Element = ByteBuffer
    let chunks: [ByteBuffer]

    struct AsyncIterator: AsyncIteratorProtocol {
        var rest: ArraySlice<ByteBuffer>
        mutating func next() async -> ByteBuffer? { rest.popFirst() }
    }

    func makeAsyncIterator() -> AsyncIterator { AsyncIterator(rest: chunks[...]) }
}

extension OutputTail {
    /// The first line a child prints (then stops reading).
    static func firstLine(_ fd: Int32?) async -> String? {
        guard let fd else { return nil }
        var pending: [UInt8] = []
        do {
            let channel = try await PipeChannels.reader(fd, maximumRead: 4096)
            return try await channel.executeThenClose { inbound, _ in
                for try await buffer in inbound {
                    pending.append(contentsOf: buffer.readableBytesView)
                    if let newline = pending.firstIndex(of: UInt8(ascii: "\n")) {
                        return String(decoding: pending[..<newline], as: UTF8.self)
                    }
                }
                return pending.isEmpty ? nil : String(decoding: pending, as: UTF8.self)
            }
        } catch {
            return nil
        }
    }
}
