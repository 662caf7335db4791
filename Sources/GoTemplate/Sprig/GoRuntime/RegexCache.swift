import Synchronization

/// Compiled patterns by source text, shared by all renders.
final class RegexCache: Sendable {
    private let entries = Mutex<[String: GoRegexp]>([:])

    func get(_ pattern: String) -> GoRegexp? {
        entries.withLock { $0[pattern] }
    }

    func put(_ pattern: String, _ re: GoRegexp) {
        entries.withLock { entries in
            if entries.count > 512 { entries.removeAll() }
            entries[pattern] = re
        }
    }
}
