import Foundation

/// huandu/xstrings case conversions as sprig v3.2.3 links them.
enum XStrings {
    static func isConnector(_ r: Unicode.Scalar) -> Bool { r == "-" || r == "_" || GoStrings.isSpace(r) }

    static func isAlphabet(_ r: Unicode.Scalar) -> Bool {
        guard GoStrings.isLetter(r) else { return false }
        if r.value < 0x11E0 { return true }
        if r.value >= 0x4E00 && r.value <= 0x9FCC { return false }
        if r.value >= 0x3400 && r.value <= 0x4D85 { return false }
        if r.value >= 0xF900 && r.value <= 0xFAD9 { return false }
        if r.value >= 0x20000 && r.value <= 0x2FA1D { return false }
        return true
    }

    static func toCamelCase(_ s: String) -> String {
        let runes = Array(s.unicodeScalars)
        if runes.isEmpty { return "" }
        var out = String.UnicodeScalarView()
        var i = 0
        var r0: Unicode.Scalar = " "
        while i < runes.count {
            r0 = runes[i]; i += 1
            if !isConnector(r0) { r0 = GoStrings.toUpper(r0); break }
            out.append(r0)
        }
        if i >= runes.count {
            out.append(r0)
            return String(out)
        }
        while i < runes.count {
            let r1 = r0
            r0 = runes[i]; i += 1
            if isConnector(r0) && isConnector(r1) { out.append(r1); continue }
            if isConnector(r1) {
                r0 = GoStrings.toUpper(r0)
            } else {
                r0 = GoStrings.toLower(r0)
                out.append(r1)
            }
        }
        out.append(r0)
        return String(out)
    }

    enum WordType { case invalid, number, upperCase, alphabet, connector, punct, other }

    /// xstrings `nextWord` over scalars; returns the type, the word and the rest.
    static func nextWord(_ s: ArraySlice<Unicode.Scalar>) -> (WordType, ArraySlice<Unicode.Scalar>, ArraySlice<Unicode.Scalar>) {
        guard let r = s.first else { return (.invalid, [], []) }
        var end = s.startIndex + 1
        func extend(while cond: (Unicode.Scalar) -> Bool) {
            while end < s.endIndex, cond(s[end]) { end += 1 }
        }
        let wt: WordType
        if isConnector(r) {
            wt = .connector; extend(while: isConnector)
        } else if GoStrings.isPunct(r) {
            wt = .punct; extend(while: GoStrings.isPunct)
        } else if GoStrings.isUpper(r) {
            wt = .upperCase
            if end < s.endIndex {
                let r2 = s[end]
                if GoStrings.isUpper(r2) {
                    extend(while: GoStrings.isUpper)
                    if end < s.endIndex, isAlphabet(s[end]) { end -= 1 }
                } else if isAlphabet(r2) {
                    extend { isAlphabet($0) && !GoStrings.isUpper($0) }
                }
            }
        } else if isAlphabet(r) {
            wt = .alphabet; extend { isAlphabet($0) && !GoStrings.isUpper($0) }
        } else if GoStrings.isNumber(r) {
            wt = .number; extend(while: GoStrings.isNumber)
        } else {
            wt = .other
            extend { !(isConnector($0) || isAlphabet($0) || GoStrings.isNumber($0) || GoStrings.isPunct($0)) }
        }
        return (wt, s[s.startIndex..<end], s[end...])
    }

    static func camelCaseToLowerCase(_ s: String, connector: Unicode.Scalar) -> String {
        if s.isEmpty { return "" }
        var out = String.UnicodeScalarView()
        func toLower(_ wt: WordType, _ word: ArraySlice<Unicode.Scalar>) {
            if wt != .upperCase && wt != .connector { out.append(contentsOf: word); return }
            for r in word {
                if isConnector(r) { out.append(connector) }
                else if GoStrings.isUpper(r) { out.append(GoStrings.toLower(r)) }
                else { out.append(r) }
            }
        }
        let all = Array(s.unicodeScalars)
        var (wt, word, remaining) = nextWord(all[...])
        while !remaining.isEmpty {
            if wt != .connector { toLower(wt, word) }
            let prev = wt
            let last = word
            (wt, word, remaining) = nextWord(remaining)
            switch prev {
            case .number:
                while wt == .alphabet || wt == .number {
                    toLower(wt, word)
                    (wt, word, remaining) = nextWord(remaining)
                }
                if wt != .invalid && wt != .punct && wt != .connector { out.append(connector) }
            case .connector:
                toLower(prev, last)
            case .punct:
                break
            default:
                if wt != .number {
                    if wt != .connector && wt != .punct { out.append(connector) }
                    break
                }
                if remaining.isEmpty { break }
                let lastNumber = word
                (wt, word, remaining) = nextWord(remaining)
                if wt != .alphabet {
                    toLower(.number, lastNumber)
                    if wt != .connector && wt != .punct { out.append(connector) }
                    break
                }
                out.append(connector)
                toLower(.number, lastNumber)
                while wt == .alphabet || wt == .number {
                    toLower(wt, word)
                    (wt, word, remaining) = nextWord(remaining)
                }
                if wt != .invalid && wt != .connector && wt != .punct { out.append(connector) }
            }
        }
        toLower(wt, word)
        return String(out)
    }
}
