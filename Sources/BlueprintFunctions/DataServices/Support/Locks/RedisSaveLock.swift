import Foundation

/// Redis has no freeze. The best a consistent copy can get is a fresh RDB file:
/// `BGSAVE`, then wait until `LASTSAVE` moves past its old value and the save
/// succeeded. Writes continue throughout, so a volume snapshot taken afterwards
/// holds that RDB file (consistent as of the save) plus whatever the AOF has
/// since; the catalog's redis blueprint copies the RDB file itself.
/// "Release" has nothing to undo.
actor RedisSaveLock: HeldLock {
    nonisolated let outputs: LockOutputs
    nonisolated let record: LockRecord

    private init(outputs: LockOutputs, record: LockRecord) {
        self.outputs = outputs
        self.record = record
    }

    static func acquire(
        connection: DatabaseConnection, label: String, acquireTimeout: Duration, environment: [String: String]
    ) async throws(DataServiceError) -> RedisSaveLock {
        let password = try connection.resolvePassword(environment: environment)
        let redactor = connection.redactor(environment: environment)
        func cli(_ arguments: [String]) async throws(DataServiceError) -> String {
            let output = try await ClientRun.run(
                ClientCommands.redisCLI(connection, password: password, arguments), redactor: redactor
            )
            guard output.status.succeeded, !output.stdout.hasPrefix("ERR"), !output.stdout.hasPrefix("NOAUTH") else {
                throw .lockNotAcquired(
                    target: redactor.redact(connection.displayName),
                    reason: output.stderr.isEmpty ? output.stdout : output.stderr
                )
            }
            return output.stdout
        }
        let before = try await cli(["LASTSAVE"])
        _ = try await cli(["BGSAVE", "SCHEDULE"])
        let deadline = ContinuousClock.now + acquireTimeout
        while ContinuousClock.now < deadline {
            if try await cli(["LASTSAVE"]) != before {
                let info = try await cli(["INFO", "persistence"])
                guard info.contains("rdb_last_bgsave_status:ok") else {
                    throw .lockNotAcquired(target: redactor.redact(connection.displayName), reason: "BGSAVE failed (see the Redis log)")
                }
                let now = Date()
                return RedisSaveLock(
                    outputs: LockOutputs(lockTime: now),
                    record: LockRecord(
                        connection: connection.record, label: label, acquiredAt: now, leaseSeconds: 0,
                        sessionBound: false, client: nil, watchdog: nil
                    )
                )
            }
            try? await Task.sleep(for: .milliseconds(200))
        }
        throw .lockTimedOut(target: redactor.redact(connection.displayName), seconds: Int(acquireTimeout.components.seconds))
    }

    func release() async throws(DataServiceError) -> UnlockOutputs {
        UnlockOutputs(unlockTime: Date())
    }
}
