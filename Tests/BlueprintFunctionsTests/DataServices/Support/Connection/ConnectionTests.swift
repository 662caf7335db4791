import ChildProcesses
import Foundation
import Testing
@testable import BlueprintFunctions

struct ConnectionTests {
    @Test func passwordComesFromTheNamedVariable() throws {
        let connection = DatabaseConnection(engine: .postgresql, password: .environment("DB_PASS"))
        #expect(try connection.resolvePassword(environment: ["DB_PASS": "hunter22"]) == "hunter22")
        #expect(throws: DataServiceError.self) { try connection.resolvePassword(environment: [:]) }
    }

    @Test func redactorMasksEveryOccurrenceLongestFirst() {
        let redactor = PasswordRedactor(secrets: ["abc", "abcdef", ""])
        #expect(redactor.redact("x abcdef y abc z") == "x <redacted> y <redacted> z")
        #expect(PasswordRedactor(secrets: [""]).redact("text") == "text")
    }

    @Test func recordHoldsWhereThePasswordComesFromButNeverTheValue() throws {
        let secret = "s3cret-\(UUID().uuidString)"
        let reference = SecretReference(namespace: "shop", name: "db", key: "password")
        let connection = DatabaseConnection(
            engine: .mariadb, host: "10.0.0.5", user: "root", password: .value(secret, reference: reference)
        )
        let record = LockRecord(
            connection: connection.record, label: "l", acquiredAt: Date(timeIntervalSince1970: 0), leaseSeconds: 300,
            sessionBound: true, client: ProcessIdentity(pid: 42, startTicks: 7), watchdog: nil
        )
        let json = String(decoding: try JSONEncoder().encode(record), as: UTF8.self)
        #expect(!json.contains(secret))
        let decoded = try JSONDecoder().decode(LockRecord.self, from: Data(json.utf8))
        #expect(decoded == record)
        #expect(decoded.connection.port == 3306)
        #expect(decoded.connection.passwordSecret == reference)
        #expect(decoded.leaseDeadline == Date(timeIntervalSince1970: 300))
        #expect(decoded.connection.connection(secretValue: secret).password == .value(secret, reference: reference))
    }

    @Test func mysqlAndMariadbLocksShareAKey() {
        let mysql = DatabaseConnection(engine: .mysql, host: "h", port: 3306)
        let mariadb = DatabaseConnection(engine: .mariadb, host: "h")
        #expect(LockKey(mysql) == LockKey(mariadb))
    }

    @Test func displayNameHasNoPassword() {
        let connection = DatabaseConnection(
            engine: .postgresql, host: "h", user: "u", database: "d", password: .value("pw-123", reference: nil)
        )
        #expect(connection.displayName == "postgresql://u@h:5432/d")
    }

    @Test func exitStatusDecodesWaitStatus() {
        #expect(ProcessExitStatus(waitStatus: 0) == .exited(0))
        #expect(ProcessExitStatus(waitStatus: 3 << 8) == .exited(3))
        #expect(ProcessExitStatus(waitStatus: 9) == .signaled(9))
        #expect(ProcessExitStatus.exited(124).isTimeoutExpiry)
    }

    @Test func recoveryOfASessionLockWhoseClientIsGoneHasNothingToDo() async throws {
        let record = LockRecord(
            connection: DatabaseConnection(engine: .postgresql).record, label: "l", acquiredAt: Date(),
            leaseSeconds: 60, sessionBound: true, client: ProcessIdentity(pid: Int32.max - 1, startTicks: 1), watchdog: nil
        )
        #expect(try await LockRecovery.recover(record) == .alreadyReleased)
    }
}
