import Foundation

/// Compiled patterns by source text, shared by all renders.
final class RegexCache: @unchecked Sendable {
    private let lock = NSLock()
    private var entries: [String: GoRegexp] = [:]

    func get(_ pattern: String) -> GoRegexp? {
        lock.lock(); defer { lock.unlock() }
        return entries[pattern]
    }

    func put(_ pattern: String, _ re: GoRegexp) {
        lock.lock(); defer { lock.unlock() }
        if entries.count > 512 { entries.removeAll() }
        entries[pattern] = re
    }
}
