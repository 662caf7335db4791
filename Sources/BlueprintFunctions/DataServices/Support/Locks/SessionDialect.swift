import Foundation

/// The statements a session-bound lock sends, and how to read the answers.
///
/// Every answer the engine waits for is a line starting with a marker that
/// carries a random nonce, so nothing else the client prints (notices, a table
/// that happens to contain the word LOCKED) is mistaken for an acknowledgement.
struct SessionDialect: Sendable {
    let engine: DatabaseEngine
    let nonce: String

    var lockedMarker: String { "BLUEPRINT-LOCKED-\(nonce)|" }
    var unlockedMarker: String { "BLUEPRINT-UNLOCKED-\(nonce)|" }
    var versionMarker: String { "BLUEPRINT-VERSION-\(nonce)|" }

    /// PostgreSQL only: the server version decides the function names
    /// (pg_backup_start since 15, pg_start_backup before).
    var versionQuery: String? {
        engine == .postgresql
            ? "SELECT '\(versionMarker)' || current_setting('server_version_num');\n"
            : nil
    }

    func lockStatements(label: String, serverVersion: Int?, lockWaitSeconds: Int) -> String {
        switch engine {
        case .postgresql:
            let start = (serverVersion ?? 150000) >= 150000
                ? "pg_backup_start(\(sqlLiteral(label)), true)"
                : "pg_start_backup(\(sqlLiteral(label)), true, false)"
            return "SELECT '\(lockedMarker)' || \(start);\n"
        default:
            // lock_wait_timeout bounds the wait behind long statements; FTWRL then
            // fails with an error instead of hanging until the acquire times out.
            return "SET SESSION lock_wait_timeout = \(max(lockWaitSeconds, 1));\n"
                + "FLUSH TABLES WITH READ LOCK;\n"
                + "SELECT CONCAT('\(lockedMarker)', DATE_FORMAT(UTC_TIMESTAMP(6), '%Y-%m-%dT%H:%i:%s.%fZ'));\n"
        }
    }

    func unlockStatements(serverVersion: Int?) -> String {
        switch engine {
        case .postgresql:
            let stop = (serverVersion ?? 150000) >= 150000 ? "pg_backup_stop(true)" : "pg_stop_backup(false, true)"
            return "SELECT '\(unlockedMarker)' || lsn || '|' "
                + "|| translate(encode(convert_to(labelfile, 'UTF8'), 'base64'), E'\\n', '') FROM \(stop);\n"
        default:
            return "UNLOCK TABLES;\nSELECT '\(unlockedMarker)';\n"
        }
    }

    /// Ends the client (psql's meta-command, the mysql clients' `quit`).
    var quit: String { engine == .postgresql ? "\\q\n" : "quit\n" }

    /// The value after a marker, when `line` carries it.
    func value(after marker: String, in line: String) -> String? {
        guard let range = line.range(of: marker) else { return nil }
        return String(line[range.upperBound...]).trimmingCharacters(in: .whitespaces)
    }

    private func sqlLiteral(_ text: String) -> String {
        "'" + text.replacingOccurrences(of: "'", with: "''") + "'"
    }
}
