/// "Did you mean …?" suggestions for misspelled names.
enum Suggestion {
    /// The candidate closest to `word` when it is plausibly a typo of it
    /// (edit distance at most a third of the word, or a case-only difference).
    static func closest(to word: String, in candidates: some Sequence<String>) -> String? {
        var best: (String, Int)?
        let lowered = word.lowercased()
        let candidates = Array(candidates)
        for candidate in candidates where candidate.lowercased() == lowered { return candidate }
        // A shortened or lengthened name (`function` for `func`, `inputArtifacts`
        // for `inputArtifactNames`) is a closer guess than any edit distance.
        for candidate in candidates where lowered.count >= 3 && candidate.count >= 3 {
            let other = candidate.lowercased()
            if other.hasPrefix(lowered) || lowered.hasPrefix(other) { return candidate }
        }
        let byPrefix = candidates
            .map { ($0, commonPrefixLength(lowered, $0.lowercased()), editDistance(lowered, $0.lowercased())) }
            .max { ($0.1, -$0.2) < ($1.1, -$1.2) }
            .map { ($0.0, $0.1) }
        if let (candidate, length) = byPrefix, length >= 4, Double(length) >= 0.6 * Double(lowered.count) {
            return candidate
        }
        for candidate in candidates {
            let distance = editDistance(lowered, candidate.lowercased())
            if distance <= max(1, word.count / 3), distance < (best?.1 ?? .max) {
                best = (candidate, distance)
            }
        }
        return best?.0
    }

    static func hint(for word: String, in candidates: some Sequence<String>) -> String? {
        closest(to: word, in: candidates).map { "did you mean `\($0)`?" }
    }

    static func commonPrefixLength(_ a: String, _ b: String) -> Int {
        zip(a, b).prefix { $0 == $1 }.count
    }

    /// Damerau–Levenshtein (optimal string alignment) distance.
    static func editDistance(_ a: String, _ b: String) -> Int {
        let a = Array(a), b = Array(b)
        if a.isEmpty { return b.count }
        if b.isEmpty { return a.count }
        var previous2 = [Int](repeating: 0, count: b.count + 1)
        var previous = Array(0...b.count)
        var current = [Int](repeating: 0, count: b.count + 1)
        for i in 1...a.count {
            current[0] = i
            for j in 1...b.count {
                let cost = a[i - 1] == b[j - 1] ? 0 : 1
                current[j] = Swift.min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost)
                if i > 1, j > 1, a[i - 1] == b[j - 2], a[i - 2] == b[j - 1] {
                    current[j] = Swift.min(current[j], previous2[j - 2] + 1)
                }
            }
            (previous2, previous, current) = (previous, current, previous2)
        }
        return previous[b.count]
    }
}
