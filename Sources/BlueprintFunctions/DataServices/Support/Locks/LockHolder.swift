import Foundation
import KubeClient

/// Takes a freeze on a data service and keeps it until released or until the
/// lease runs out — the core of FsyncLock, independent of the executor.
///
/// | engine | freeze | held by | ends when |
/// |---|---|---|---|
/// | postgresql | `pg_backup_start(label, true)` (non-exclusive) | a psql session | `pg_backup_stop()` in that session, or the session ends |
/// | mysql, mariadb | `FLUSH TABLES WITH READ LOCK` | a mariadb/mysql session | `UNLOCK TABLES`, or the session ends |
/// | mongodb | `db.fsyncLock()` | the server (outlives sessions) | `fsyncUnlock`, or the lease watchdog process calls it |
/// | redis | `BGSAVE` completed (no freeze: Redis has none) | nothing | immediately |
public enum LockHolder {
    /// - Parameters:
    ///   - lease: the longest the freeze may last; it is released by itself after that.
    ///   - label: the PostgreSQL backup label (and the name in messages).
    ///   - acquireTimeout: how long to wait for the lock (FTWRL waits behind long statements).
    ///   - environment: where `passwordEnv` is looked up; the process environment by default.
    public static func acquire(
        connection: DatabaseConnection,
        lease: Duration = .seconds(300),
        label: String? = nil,
        acquireTimeout: Duration = .seconds(60),
        environment: [String: String] = ProcessInfo.processInfo.environment,
        kube: KubernetesClient? = nil
    ) async throws(DataServiceError) -> LockHandle {
        if let pod = connection.pod, connection.engine == .mongodb || connection.engine == .redis {
            throw .invalidArgument("FsyncLock of \(connection.engine.rawValue) in \(pod.displayName) is not supported yet: "
                + "run it against the service's address from this host (drop `pod`)")
        }
        let label = label ?? "blueprint-\(Int(Date().timeIntervalSince1970))"
        switch connection.engine {
        case .postgresql, .mysql, .mariadb:
            return LockHandle(lock: try await SessionLock.acquire(
                connection: connection, lease: lease, label: label,
                acquireTimeout: acquireTimeout, environment: environment, kube: kube
            ))
        case .mongodb:
            return LockHandle(lock: try await MongoFsyncLock.acquire(
                connection: connection, lease: lease, label: label, environment: environment
            ))
        case .redis:
            return LockHandle(lock: try await RedisSaveLock.acquire(
                connection: connection, label: label, acquireTimeout: acquireTimeout, environment: environment
            ))
        }
    }
}
