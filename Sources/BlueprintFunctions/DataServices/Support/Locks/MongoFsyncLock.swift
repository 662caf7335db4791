import ChildProcesses
import Foundation

/// MongoDB's `db.fsyncLock()`: flushes and blocks writes on the server until
/// `fsyncUnlock` — it is *not* bound to a session, so the client's exit does not
/// release it. The lease is therefore a separate watchdog process, started
/// *before* the lock so no instant exists where a lock has no watchdog: it sleeps
/// for the lease and then calls `fsyncUnlock`, and it is not tied to the engine,
/// so it still runs when the engine was killed. A release in time stops it first.
///
/// Not tested against a server here (MongoDB is not installable on these
/// machines); the commands are unit-tested.
actor MongoFsyncLock: HeldLock {
    nonisolated let outputs: LockOutputs
    nonisolated let record: LockRecord
    private let connection: DatabaseConnection
    private let password: String?
    private let redactor: PasswordRedactor
    private let watchdog: ChildProcess
    private var result: Result<UnlockOutputs, DataServiceError>?

    private init(
        outputs: LockOutputs, record: LockRecord, connection: DatabaseConnection, password: String?,
        redactor: PasswordRedactor, watchdog: ChildProcess
    ) {
        self.outputs = outputs
        self.record = record
        self.connection = connection
        self.password = password
        self.redactor = redactor
        self.watchdog = watchdog
    }

    static func acquire(
        connection: DatabaseConnection, lease: Duration, label: String, environment: [String: String]
    ) async throws(DataServiceError) -> MongoFsyncLock {
        let password = try connection.resolvePassword(environment: environment)
        let redactor = connection.redactor(environment: environment)
        let leaseSeconds = lease.wholeSecondsRoundedUp
        let watchdog: ChildProcess
        do {
            watchdog = try ChildProcess.spawn(
                ClientCommands.mongoLeaseWatchdog(connection, password: password, leaseSeconds: leaseSeconds).process,
                stdin: .null, stdout: .null, stderr: .null
            )
        } catch { throw .process(error) }

        let lock = try? await ClientRun.run(
            ClientCommands.mongosh(connection, password: password, script: ClientCommands.mongoLockScript),
            redactor: redactor
        )
        guard let lock, lock.status.succeeded, lock.stdout.contains("BLUEPRINT-LOCKED|") else {
            watchdog.signal(SIGKILL)
            _ = await watchdog.wait()
            let reason = lock.map { $0.stderr.isEmpty ? "mongosh ended (\($0.status))" : $0.stderr } ?? "mongosh did not start"
            throw .lockNotAcquired(target: redactor.redact(connection.displayName), reason: reason)
        }
        let now = Date()
        return MongoFsyncLock(
            outputs: LockOutputs(lockTime: now),
            record: LockRecord(
                connection: connection.record, label: label, acquiredAt: now, leaseSeconds: leaseSeconds,
                sessionBound: false, client: nil, watchdog: .of(watchdog.pid)
            ),
            connection: connection, password: password, redactor: redactor, watchdog: watchdog
        )
    }

    func release() async throws(DataServiceError) -> UnlockOutputs {
        if let result { return try result.get() }
        let outcome: Result<UnlockOutputs, DataServiceError>
        // A watchdog that already exited has unlocked: the lease ran out.
        if !record.watchdog!.isRunning {
            _ = await watchdog.wait()
            outcome = .failure(.leaseExpired(target: redactor.redact(connection.displayName), leaseSeconds: record.leaseSeconds))
        } else {
            watchdog.signal(SIGKILL)
            _ = await watchdog.wait()
            do {
                let unlock = try await ClientRun.run(
                    ClientCommands.mongosh(connection, password: password, script: ClientCommands.mongoUnlockScript),
                    redactor: redactor
                )
                if unlock.status.succeeded, unlock.stdout.contains("BLUEPRINT-UNLOCKED|") {
                    outcome = .success(UnlockOutputs(unlockTime: Date()))
                } else {
                    outcome = .failure(.unlockFailed(target: redactor.redact(connection.displayName), reason: unlock.stderr))
                }
            } catch {
                outcome = .failure(error)
            }
        }
        result = outcome
        return try outcome.get()
    }
}
