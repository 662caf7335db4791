import Foundation

/// The process's peak resident memory (VmHWM) from /proc, for tests that prove
/// an input is refused without being expanded.
enum ProcessMemory {
    /// Peak resident set size in bytes; nil where /proc is not available.
    static func peakResidentBytes() -> Int? {
        guard let status = try? String(contentsOfFile: "/proc/self/status", encoding: .utf8) else { return nil }
        for line in status.split(separator: "\n") where line.hasPrefix("VmHWM:") {
            let kilobytes = line.split(separator: " ").compactMap { Int($0) }.first
            return kilobytes.map { $0 * 1024 }
        }
        return nil
    }
}
