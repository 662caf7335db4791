import Foundation

/// What FsyncLock reports: `lockTime`, and for PostgreSQL `backupLabel` and `startLSN`.
public struct LockOutputs: Sendable, Hashable, Codable {
    public var lockTime: Date
    public var backupLabel: String?
    public var startLSN: String?

    /// The phase outputs, by the names FsyncLock declares.
    public var values: [String: String] {
        var values = ["lockTime": Timestamps.format(lockTime)]
        if let backupLabel { values["backupLabel"] = backupLabel }
        if let startLSN { values["startLSN"] = startLSN }
        return values
    }
}

/// What FsyncUnlock reports: `unlockTime`, and for PostgreSQL `stopLSN` and
/// `labelFile` (the backup_label contents, base64; a restored snapshot needs it
/// in its data directory to recover correctly).
public struct UnlockOutputs: Sendable, Hashable, Codable {
    public var unlockTime: Date
    public var stopLSN: String?
    public var labelFile: String?

    public var values: [String: String] {
        var values = ["unlockTime": Timestamps.format(unlockTime)]
        if let stopLSN { values["stopLSN"] = stopLSN }
        if let labelFile { values["labelFile"] = labelFile }
        return values
    }
}

enum Timestamps {
    static func format(_ date: Date) -> String {
        let formatter = ISO8601DateFormatter()
        formatter.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
        return formatter.string(from: date)
    }
}
