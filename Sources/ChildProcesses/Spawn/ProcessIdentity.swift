import Foundation

/// A process id plus its start time, so a journal entry written before a crash
/// can tell "our client is still running" from "that pid was reused".
public struct ProcessIdentity: Sendable, Hashable, Codable {
    public var pid: Int32
    /// Field 22 of /proc/<pid>/stat (clock ticks since boot); nil where /proc is missing.
    public var startTicks: UInt64?

    public init(pid: Int32, startTicks: UInt64?) {
        self.pid = pid
        self.startTicks = startTicks
    }

    public static func of(_ pid: Int32) -> ProcessIdentity {
        ProcessIdentity(pid: pid, startTicks: readStartTicks(pid))
    }

    /// True when a process with this pid and this start time exists.
    public var isRunning: Bool {
        guard kill(pid, 0) == 0 || errno == EPERM else { return false }
        guard let startTicks else { return true }
        return Self.readStartTicks(pid) == startTicks
    }

    /// Kills the process's group and the process, if it is still the same process.
    public func terminate(_ signal: Int32 = SIGKILL) {
        guard isRunning else { return }
        _ = kill(-pid, signal)
        _ = kill(pid, signal)
    }

    private static func readStartTicks(_ pid: Int32) -> UInt64? {
        guard let stat = try? String(contentsOfFile: "/proc/\(pid)/stat", encoding: .utf8),
              let close = stat.lastIndex(of: ")") else { return nil }
        // Fields after the command name (which may contain spaces) start at field 3.
        let fields = stat[stat.index(after: close)...].split(separator: " ")
        return fields.count > 19 ? UInt64(fields[19]) : nil
    }
}
