import Foundation
import KubeClient

/// FsyncLock and FsyncUnlock as the executor will call them, minus argument
/// parsing: lock and remember the handle; release by data service.
///
/// The executor's undo for FsyncLock is ``unlock(_:in:)`` with the same key, so
/// an explicit FsyncUnlock phase that ran first leaves nothing for the undo
/// (it finds no held lock and returns nil) — "the undo becomes a no-op".
public enum FsyncOperations {
    public static func lock(
        _ connection: DatabaseConnection,
        lease: Duration,
        label: String? = nil,
        acquireTimeout: Duration = .seconds(60),
        in held: HeldLocks = .shared,
        environment: [String: String] = ProcessInfo.processInfo.environment,
        kube: KubernetesClient? = nil
    ) async throws(DataServiceError) -> LockHandle {
        let handle = try await LockHolder.acquire(
            connection: connection, lease: lease, label: label,
            acquireTimeout: acquireTimeout, environment: environment, kube: kube
        )
        // A second lock on the same service replaces the first in the table; the
        // first stays held until its own release (its undo holds its handle) or lease.
        await held.insert(handle)
        return handle
    }

    /// Releases the lock held on that service; nil when none is held here.
    @discardableResult
    public static func unlock(_ key: LockKey, in held: HeldLocks = .shared) async throws(DataServiceError) -> UnlockOutputs? {
        guard let handle = await held.take(key) else { return nil }
        return try await handle.release()
    }
}
