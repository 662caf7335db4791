import ChildProcesses
import Foundation
import KubeClient
import NIOCore

/// A lock held by an open client session: MySQL/MariaDB `FLUSH TABLES WITH READ
/// LOCK` and PostgreSQL's non-exclusive `pg_backup_start`, which both end with
/// the session that took them.
///
/// The client (psql, mariadb) runs as a child of the engine with a pipe as its
/// stdin, under `timeout <lease>`. That gives the lease its two halves:
/// - the engine dies (even SIGKILL): the kernel closes the only write end of the
///   stdin pipe, the idle client reads end-of-file, exits, and the server ends
///   the session and with it the lock — no orphan is left behind;
/// - the engine lives but is stuck: `timeout` stops the client when the lease
///   runs out, with the same effect. An in-process timer does the same as a
///   second line of defence and makes ``release()`` report the expiry.
///
/// In a pod (the connection names one) the same client runs in the container over
/// exec, still under `timeout <lease>`; the engine's death closes the exec
/// connection and with it the client's stdin.
///
/// `PR_SET_PDEATHSIG` is deliberately not used: it fires when the *thread* that
/// spawned the child exits, and the threads of Swift's cooperative pool come and go.
actor SessionLock: HeldLock {
    let connection: DatabaseConnection
    let lease: Duration
    nonisolated let outputs: LockOutputs
    nonisolated let record: LockRecord

    private let client: any SessionClient
    private let dialect: SessionDialect
    private let serverVersion: Int?
    private let redactor: PasswordRedactor
    private var leaseTimer: Task<Void, Never>?
    private var leaseExpired = false
    private var result: Result<UnlockOutputs, DataServiceError>?

    private init(
        connection: DatabaseConnection, lease: Duration, outputs: LockOutputs, record: LockRecord,
        client: any SessionClient, dialect: SessionDialect, serverVersion: Int?, redactor: PasswordRedactor
    ) {
        self.connection = connection
        self.lease = lease
        self.outputs = outputs
        self.record = record
        self.client = client
        self.dialect = dialect
        self.serverVersion = serverVersion
        self.redactor = redactor
    }

    static func acquire(
        connection: DatabaseConnection, lease: Duration, label: String,
        acquireTimeout: Duration, environment: [String: String], kube: KubernetesClient? = nil
    ) async throws(DataServiceError) -> SessionLock {
        let password = try connection.resolvePassword(environment: environment)
        let redactor = connection.redactor(environment: environment)
        let leaseSeconds = lease.wholeSecondsRoundedUp
        let podRun = try PodRun(connection, kube: kube,
                                alternatives: connection.engine == .postgresql ? nil : ClientCommands.mysqlClientNames)
        var command: ClientCommand
        switch connection.engine {
        case .postgresql:
            command = ClientCommands.psqlSession(connection, password: password)
        default:
            var client = ClientCommands.mysqlClientNames[0]
            if podRun == nil {
                do { client = try ExecutableLocator.first(of: ClientCommands.mysqlClientNames) } catch { throw .process(error) }
            }
            command = ClientCommands.mysqlSession(connection, password: password, client: client)
        }
        let client: any SessionClient
        if var podRun {
            podRun.wrapper = ClientCommand.timeout(seconds: leaseSeconds)
            client = PodSessionClient(try podRun.start(command))
        } else {
            client = try LocalSessionClient(command.underTimeout(seconds: leaseSeconds))
        }
        let stream = client.lines

        // The acquire's own deadline: killing the client ends the line stream, so
        // the waits below cannot outlive it.
        let started = ContinuousClock.now
        let timer = Task {
            try? await Task.sleep(for: acquireTimeout)
            if !Task.isCancelled { client.stop() }
        }
        let dialect = SessionDialect(engine: connection.engine, nonce: UUID().uuidString.prefix(8).lowercased())

        func fail(_ reason: String?) async -> DataServiceError {
            timer.cancel()
            client.stop()
            client.closeInput()
            let status = await client.wait()
            let tail = redactor.redact(await client.stderrText())
            if ContinuousClock.now - started >= acquireTimeout {
                return .lockTimedOut(target: redactor.redact(connection.displayName), seconds: Int(acquireTimeout.components.seconds))
            }
            return .lockNotAcquired(
                target: redactor.redact(connection.displayName),
                reason: reason ?? (tail.isEmpty ? "the client ended (\(status))" : tail)
            )
        }

        func awaitMarker(_ marker: String) async -> String? {
            for await line in stream {
                if let value = dialect.value(after: marker, in: line) { return value }
            }
            return nil
        }

        var serverVersion: Int?
        if let query = dialect.versionQuery {
            guard await client.send(query), let version = await awaitMarker(dialect.versionMarker) else { throw await fail(nil) }
            serverVersion = Int(version)
        }
        let lockWait = max(Int(acquireTimeout.components.seconds) - 1, 1)
        guard await client.send(dialect.lockStatements(label: label, serverVersion: serverVersion, lockWaitSeconds: lockWait)),
              let acknowledgement = await awaitMarker(dialect.lockedMarker)
        else { throw await fail(nil) }
        timer.cancel()

        let lockTime = Date()
        let outputs = LockOutputs(
            lockTime: lockTime,
            backupLabel: connection.engine == .postgresql ? label : nil,
            startLSN: connection.engine == .postgresql ? acknowledgement : nil
        )
        let record = LockRecord(
            connection: connection.record, label: label, acquiredAt: lockTime, leaseSeconds: leaseSeconds,
            sessionBound: true, client: client.identity, watchdog: nil
        )
        let lock = SessionLock(
            connection: connection, lease: lease, outputs: outputs, record: record, client: client,
            dialect: dialect, serverVersion: serverVersion, redactor: redactor
        )
        await lock.startLeaseTimer()
        return lock
    }

    private func startLeaseTimer() {
        let lease = self.lease
        leaseTimer = Task { [weak self] in
            try? await Task.sleep(for: lease)
            guard !Task.isCancelled else { return }
            await self?.expire()
        }
    }

    private func expire() {
        guard result == nil else { return }
        leaseExpired = true
        client.stop()
        client.closeInput()
    }

    /// Sends the unlock and closes the session. Idempotent: a second call returns
    /// the first call's result, so an explicit FsyncUnlock makes the undo a no-op.
    func release() async throws(DataServiceError) -> UnlockOutputs {
        if let result { return try result.get() }
        leaseTimer?.cancel()
        let outcome = await performRelease()
        result = outcome
        return try outcome.get()
    }

    private func performRelease() async -> Result<UnlockOutputs, DataServiceError> {
        let target = redactor.redact(connection.displayName)
        let leaseSeconds = record.leaseSeconds
        if leaseExpired {
            _ = await client.wait()
            return .failure(.leaseExpired(target: target, leaseSeconds: leaseSeconds))
        }
        let statements = dialect.unlockStatements(serverVersion: serverVersion)
        let sent = await client.send(statements)
        var acknowledgement: String?
        if sent {
            for await line in client.lines {
                if let value = dialect.value(after: dialect.unlockedMarker, in: line) {
                    acknowledgement = value
                    break
                }
            }
        }
        // Ends the session explicitly too: a pod's stdin cannot always be closed.
        _ = await client.send(dialect.quit)
        client.closeInput()
        let status = await client.wait()
        let tail = redactor.redact(await client.stderrText())
        guard let acknowledgement else {
            if status.isTimeoutExpiry {
                return .failure(.leaseExpired(target: target, leaseSeconds: leaseSeconds))
            }
            // The session ended before the unlock: the lock is gone, but it may have
            // been gone for a while, so the caller must know.
            return .failure(.unlockFailed(
                target: target, reason: "the lock session ended before the unlock (\(status))" + (tail.isEmpty ? "" : ": \(tail)")
            ))
        }
        var outputs = UnlockOutputs(unlockTime: Date())
        if connection.engine == .postgresql {
            let parts = acknowledgement.split(separator: "|", omittingEmptySubsequences: false)
            outputs.stopLSN = parts.first.map(String.init)
            outputs.labelFile = parts.count > 1 ? String(parts[1]) : nil
        }
        return .success(outputs)
    }
}
