import Foundation

/// Go's `strings` and `unicode` behaviour on byte strings. Go strings are UTF-8
/// byte sequences sliced by byte offsets, and case mapping is per rune (simple
/// case mapping), so these helpers work on bytes and scalars, never Characters.
enum GoStrings {
    static func bytes(_ s: String) -> [UInt8] { Array(s.utf8) }

    /// Bytes back to a String; invalid UTF-8 (a rune cut in half) becomes U+FFFD.
    static func string<C: Collection>(_ b: C) -> String where C.Element == UInt8 {
        String(decoding: b, as: UTF8.self)
    }

    /// `unicode.IsSpace`.
    static func isSpace(_ s: Unicode.Scalar) -> Bool {
        switch s.value {
        case 0x09, 0x0A, 0x0B, 0x0C, 0x0D, 0x20, 0x85, 0xA0: return true
        case 0..<0x100: return false
        default: return s.properties.isWhitespace
        }
    }

    /// `unicode.ToUpper`, `ToLower`, `ToTitle`: Go's per-rune simple mappings (see ``GoCase``).
    static func toUpper(_ s: Unicode.Scalar) -> Unicode.Scalar { GoCase.map(s, .upper) }
    static func toLower(_ s: Unicode.Scalar) -> Unicode.Scalar { GoCase.map(s, .lower) }
    static func toTitle(_ s: Unicode.Scalar) -> Unicode.Scalar { GoCase.map(s, .title) }

    static func mapScalars(_ s: String, _ f: (Unicode.Scalar) -> Unicode.Scalar) -> String {
        var out = String.UnicodeScalarView()
        for c in s.unicodeScalars { out.append(f(c)) }
        return String(out)
    }

    static func upper(_ s: String) -> String { mapScalars(s, toUpper) }
    static func lower(_ s: String) -> String { mapScalars(s, toLower) }

    static func trimSpace(_ s: String) -> String {
        let scalars = Array(s.unicodeScalars)
        var start = 0, end = scalars.count
        while start < end, isSpace(scalars[start]) { start += 1 }
        while end > start, isSpace(scalars[end - 1]) { end -= 1 }
        var view = String.UnicodeScalarView()
        view.append(contentsOf: scalars[start..<end])
        return String(view)
    }

    /// `strings.Trim(s, cutset)`.
    static func trim(_ s: String, cutset: String) -> String {
        let cut = Set(cutset.unicodeScalars)
        let scalars = Array(s.unicodeScalars)
        var start = 0, end = scalars.count
        while start < end, cut.contains(scalars[start]) { start += 1 }
        while end > start, cut.contains(scalars[end - 1]) { end -= 1 }
        var view = String.UnicodeScalarView()
        view.append(contentsOf: scalars[start..<end])
        return String(view)
    }

    static func hasPrefix(_ s: String, _ prefix: String) -> Bool {
        s.utf8.count >= prefix.utf8.count && s.utf8.starts(with: prefix.utf8)
    }

    static func hasSuffix(_ s: String, _ suffix: String) -> Bool {
        s.utf8.count >= suffix.utf8.count && s.utf8.reversed().starts(with: suffix.utf8.reversed())
    }

    static func trimPrefix(_ s: String, _ prefix: String) -> String {
        hasPrefix(s, prefix) ? string(s.utf8.dropFirst(prefix.utf8.count)) : s
    }

    static func trimSuffix(_ s: String, _ suffix: String) -> String {
        hasSuffix(s, suffix) ? string(s.utf8.dropLast(suffix.utf8.count)) : s
    }

    /// Byte offsets of non-overlapping occurrences of `sep` in `s`, left to right.
    static func indices(_ s: [UInt8], _ sep: [UInt8], limit: Int = Int.max) -> [Int] {
        guard !sep.isEmpty, s.count >= sep.count else { return [] }
        var result: [Int] = []
        var i = 0
        let last = s.count - sep.count
        while i <= last, result.count < limit {
            if s[i] == sep[0] && s[i..<(i + sep.count)].elementsEqual(sep) {
                result.append(i)
                i += sep.count
            } else {
                i += 1
            }
        }
        return result
    }

    static func contains(_ s: String, _ sub: String) -> Bool {
        sub.isEmpty || !indices(bytes(s), bytes(sub), limit: 1).isEmpty
    }

    /// Byte ranges of the runes of `s` (how Go's Split and Replace treat an empty separator).
    private static func runeBoundaries(_ b: [UInt8]) -> [Int] {
        var bounds: [Int] = []
        var i = 0
        while i < b.count {
            bounds.append(i)
            i += runeLength(b, i)
        }
        return bounds
    }

    /// Length of the UTF-8 sequence at `i` (1 for an invalid byte, as Go's decoder).
    static func runeLength(_ b: [UInt8], _ i: Int) -> Int {
        let c = b[i]
        let n: Int
        switch c {
        case 0..<0x80: return 1
        case 0xC2...0xDF: n = 2
        case 0xE0...0xEF: n = 3
        case 0xF0...0xF4: n = 4
        default: return 1
        }
        guard i + n <= b.count else { return 1 }
        for k in 1..<n where b[i + k] & 0xC0 != 0x80 { return 1 }
        return n
    }

    /// `strings.Replace(s, old, new, -1)`.
    static func replaceAll(_ s: String, _ old: String, _ new: String) -> String {
        let b = bytes(s), o = bytes(old), n = bytes(new)
        var out: [UInt8] = []
        if o.isEmpty {
            let bounds = runeBoundaries(b)
            out.append(contentsOf: n)
            for (k, start) in bounds.enumerated() {
                let end = k + 1 < bounds.count ? bounds[k + 1] : b.count
                out.append(contentsOf: b[start..<end])
                out.append(contentsOf: n)
            }
            return string(out)
        }
        var last = 0
        for i in indices(b, o) {
            out.append(contentsOf: b[last..<i])
            out.append(contentsOf: n)
            last = i + o.count
        }
        out.append(contentsOf: b[last...])
        return string(out)
    }

    /// `strings.SplitN(s, sep, n)`; n < 0 means all pieces, n == 0 none.
    static func split(_ s: String, _ sep: String, _ n: Int = -1) -> [String] {
        if n == 0 { return [] }
        let b = bytes(s), sp = bytes(sep)
        if sp.isEmpty {
            var bounds = runeBoundaries(b)
            if n > 0 && bounds.count > n { bounds = Array(bounds[..<n]) }
            return bounds.enumerated().map { k, start in
                let end = (k + 1 < bounds.count) ? bounds[k + 1] : b.count
                return string(b[start..<end])
            }
        }
        let limit = n < 0 ? Int.max : n - 1
        var parts: [String] = []
        var last = 0
        for i in indices(b, sp, limit: limit) {
            parts.append(string(b[last..<i]))
            last = i + sp.count
        }
        parts.append(string(b[last...]))
        return parts
    }

    /// `strings.Repeat`; a negative count panics in Go.
    static func repeated(_ s: String, _ count: Int) throws -> String {
        guard count >= 0 else { throw TemplateFunctionError("strings: negative Repeat count") }
        let (size, overflow) = s.utf8.count.multipliedReportingOverflow(by: count)
        if overflow { throw TemplateFunctionError("strings: Repeat output length overflow") }
        try SprigLimits.check(size, "strings.Repeat")
        return String(repeating: s, count: count)
    }

    /// `strings.Title`: upper-case (title-case) the first letter of each word.
    static func title(_ s: String) -> String {
        var prev: Unicode.Scalar = " "
        var out = String.UnicodeScalarView()
        for c in s.unicodeScalars {
            out.append(isSeparator(prev) ? toTitle(c) : c)
            prev = c
        }
        return String(out)
    }

    private static func isSeparator(_ r: Unicode.Scalar) -> Bool {
        if r.value <= 0x7F {
            switch r {
            case "0"..."9", "a"..."z", "A"..."Z", "_": return false
            default: return true
            }
        }
        if r.properties.isAlphabetic || r.properties.numericType != nil { return false }
        return isSpace(r)
    }

    /// The general category as Go's `unicode` tables (Unicode 15.0.0) know it: a
    /// character assigned in a later Unicode version than Go's is unassigned to Go,
    /// so `unicode.IsUpper` is false for it where Swift's newer tables say true.
    static func goCategory(_ r: Unicode.Scalar) -> Unicode.GeneralCategory {
        guard let age = r.properties.age, age.major < 15 || (age.major == 15 && age.minor == 0) else { return .unassigned }
        return r.properties.generalCategory
    }

    static func isUpper(_ r: Unicode.Scalar) -> Bool { goCategory(r) == .uppercaseLetter }
    static func isLower(_ r: Unicode.Scalar) -> Bool { goCategory(r) == .lowercaseLetter }
    static func isTitle(_ r: Unicode.Scalar) -> Bool { goCategory(r) == .titlecaseLetter }
    static func isLetter(_ r: Unicode.Scalar) -> Bool {
        switch goCategory(r) {
        case .uppercaseLetter, .lowercaseLetter, .titlecaseLetter, .modifierLetter, .otherLetter: return true
        default: return false
        }
    }
    static func isNumber(_ r: Unicode.Scalar) -> Bool {
        switch goCategory(r) {
        case .decimalNumber, .letterNumber, .otherNumber: return true
        default: return false
        }
    }
    static func isPunct(_ r: Unicode.Scalar) -> Bool {
        switch goCategory(r) {
        case .connectorPunctuation, .dashPunctuation, .openPunctuation, .closePunctuation,
             .initialPunctuation, .finalPunctuation, .otherPunctuation: return true
        default: return false
        }
    }

    /// Byte-wise `[]rune(str[i])` treatment used by goutils' byte loops: every byte
    /// becomes the rune of the same value (so non-ASCII text turns into Latin-1).
    static func bytesAsRunes(_ s: String) -> [Unicode.Scalar] {
        s.utf8.map { Unicode.Scalar($0) }
    }

    /// UTF-8 byte-wise lexical order, Go's string `<`.
    static func less(_ a: String, _ b: String) -> Bool {
        a.utf8.lexicographicallyPrecedes(b.utf8)
    }
}
