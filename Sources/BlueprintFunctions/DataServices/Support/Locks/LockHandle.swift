/// A freeze that is held: its outputs, its journal record, and the release.
///
/// This is the value the executor's undo closes over: "release this handle".
/// ``release()`` is idempotent (a second call returns the first result), so an
/// explicit FsyncUnlock phase and the undo registered by FsyncLock can both call it.
public struct LockHandle: Sendable {
    let lock: any HeldLock

    public var outputs: LockOutputs { lock.outputs }
    /// The serializable description of the undo, for the journal and `blueprint recover`.
    public var record: LockRecord { lock.record }
    public var key: LockKey { LockKey(record.connection) }

    @discardableResult
    public func release() async throws(DataServiceError) -> UnlockOutputs {
        try await lock.release()
    }
}

/// Which data service a lock is on: FsyncUnlock names its lock by the same
/// connection arguments FsyncLock was given.
public struct LockKey: Sendable, Hashable, CustomStringConvertible {
    public var engine: DatabaseEngine
    public var host: String
    public var port: Int
    /// `127.0.0.1:5432` inside two pods are two services.
    public var pod: PodClient?

    public init(_ record: ConnectionRecord) {
        // mysql and mariadb are one family: FsyncUnlock may name either.
        engine = record.engine == .mysql ? .mariadb : record.engine
        host = record.host
        port = record.port
        pod = record.pod
    }

    public init(_ connection: DatabaseConnection) { self.init(connection.record) }

    public var description: String { "\(engine.rawValue)://\(host):\(port)" + (pod.map { " in \($0.displayName)" } ?? "") }
}
