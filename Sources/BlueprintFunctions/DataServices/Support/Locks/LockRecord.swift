import ChildProcesses
import Foundation

/// A held lock as data, for the journal: enough for `blueprint recover` to
/// finish an unlock after the engine died, and no secret.
///
/// For session-bound locks (MySQL/MariaDB FTWRL, PostgreSQL's non-exclusive
/// backup) the lock *is* the client's session: recovery makes sure that client
/// is gone. A MongoDB `fsyncLock` outlives sessions: recovery runs
/// `fsyncUnlock` and stops the lease watchdog.
public struct LockRecord: Sendable, Hashable, Codable {
    public var connection: ConnectionRecord
    /// The backup label (PostgreSQL) or a generated one, also shown to people.
    public var label: String
    public var acquiredAt: Date
    public var leaseSeconds: Int
    public var leaseDeadline: Date { acquiredAt.addingTimeInterval(TimeInterval(leaseSeconds)) }
    /// True when ending the client's session ends the lock.
    public var sessionBound: Bool
    /// The lock-holding client (its `timeout` wrapper), when there is one.
    public var client: ProcessIdentity?
    /// A lease watchdog process that outlives the engine (MongoDB).
    public var watchdog: ProcessIdentity?

    /// One line for people, as the undo's summary.
    public var summary: String {
        switch connection.engine {
        case .postgresql: return "stop the PostgreSQL backup \(label) on \(connection.host):\(connection.port)"
        case .mysql, .mariadb: return "UNLOCK TABLES on \(connection.host):\(connection.port)"
        case .mongodb: return "fsyncUnlock on \(connection.host):\(connection.port)"
        case .redis: return "nothing to unlock on \(connection.host):\(connection.port) (BGSAVE only)"
        }
    }
}
