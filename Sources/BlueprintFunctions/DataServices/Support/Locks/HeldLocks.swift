/// The locks this engine process holds, by data service, so FsyncUnlock can find
/// the session FsyncLock opened in an earlier phase.
public actor HeldLocks {
    public static let shared = HeldLocks()

    private var handles: [LockKey: LockHandle] = [:]

    public init() {}

    public func insert(_ handle: LockHandle) {
        handles[handle.key] = handle
    }

    /// Removes and returns the lock on that service; nil when none is held.
    public func take(_ key: LockKey) -> LockHandle? {
        handles.removeValue(forKey: key)
    }

    public var keys: [LockKey] { Array(handles.keys) }
}
