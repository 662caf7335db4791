import Foundation

/// Finishes an unlock from a journal record after the engine died
/// (`blueprint recover`).
public enum LockRecovery {
    /// What recovery did, for the user.
    public enum Outcome: Sendable, Hashable, CustomStringConvertible {
        /// The lock ended with its session; nothing was left to do.
        case alreadyReleased
        /// A client that still held the session was stopped.
        case stoppedClient(Int32)
        /// `fsyncUnlock` ran (MongoDB).
        case unlocked

        public var description: String {
            switch self {
            case .alreadyReleased: return "the lock had already ended with its session"
            case .stoppedClient(let pid): return "stopped the lock-holding client (pid \(pid)); its session ended"
            case .unlocked: return "ran fsyncUnlock"
            }
        }
    }

    /// - Parameter secretValue: the password, when the record names a Secret
    ///   (the caller reads it again; the journal never holds it).
    public static func recover(
        _ record: LockRecord, secretValue: String? = nil,
        environment: [String: String] = ProcessInfo.processInfo.environment
    ) async throws(DataServiceError) -> Outcome {
        switch record.connection.engine {
        case .postgresql, .mysql, .mariadb:
            if let client = record.client, client.isRunning {
                client.terminate()
                return .stoppedClient(client.pid)
            }
            return .alreadyReleased
        case .redis:
            return .alreadyReleased
        case .mongodb:
            record.watchdog?.terminate()
            let connection = record.connection.connection(secretValue: secretValue)
            let password = try connection.resolvePassword(environment: environment)
            let output = try await ClientRun.run(
                ClientCommands.mongosh(connection, password: password, script: ClientCommands.mongoUnlockScript),
                redactor: connection.redactor(environment: environment)
            )
            guard output.status.succeeded else {
                // "not locked": the watchdog got there first.
                if output.stderr.contains("not locked") || output.stdout.contains("not locked") { return .alreadyReleased }
                throw .unlockFailed(target: connection.redactor(environment: environment).redact(connection.displayName), reason: output.stderr)
            }
            return .unlocked
        }
    }
}
