import Foundation

/// Go `regexp` (RE2 syntax, leftmost-first) on top of ICU's NSRegularExpression.
///
/// The pattern is translated where the two dialects differ on common input:
/// `(?P<name>` groups, ASCII-only `\d \w \s` and POSIX classes, and `$` meaning
/// end of text outside multi-line mode. Match iteration, `$1`/`${name}` expansion
/// and `Split` follow Go's algorithms (empty matches next to a previous match are
/// skipped).
struct GoRegexp: @unchecked Sendable {
    struct CompileError: Error { let message: String }

    let pattern: String
    private let regex: NSRegularExpression
    /// Capture group names by group index (index 0 is the whole match), "" unnamed.
    let groupNames: [String]

    private static let cache = RegexCache()

    static func compile(_ pattern: String) throws -> GoRegexp {
        if let cached = cache.get(pattern) { return cached }
        if let problem = syntaxProblem(pattern) { throw CompileError(message: "error parsing regexp: \(problem)") }
        var (translated, names) = translate(pattern)
        if translated.isEmpty { translated = "(?:)" }
        do {
            let re = GoRegexp(pattern: pattern, regex: try NSRegularExpression(pattern: translated), groupNames: names)
            cache.put(pattern, re)
            return re
        } catch {
            throw CompileError(message: "error parsing regexp: invalid or unsupported Perl syntax: `\(pattern)`")
        }
    }

    private init(pattern: String, regex: NSRegularExpression, groupNames: [String]) {
        self.pattern = pattern
        self.regex = regex
        self.groupNames = groupNames
    }

    /// Match group ranges (UTF-16, NSNotFound location for unmatched groups) of up to
    /// `n` matches (n < 0: all), skipping empty matches that abut the previous match.
    func findAll(_ s: NSString, _ n: Int) -> [[NSRange]] {
        if n == 0 { return [] }
        var result: [[NSRange]] = []
        var prevEnd = -1
        for m in regex.matches(in: s as String, range: NSRange(location: 0, length: s.length)) {
            if n > 0 && result.count >= n { break }
            let r = m.range
            if r.length == 0 && r.location == prevEnd { continue }
            prevEnd = r.location + r.length
            result.append((0..<m.numberOfRanges).map { m.range(at: $0) })
        }
        return result
    }

    func matches(_ s: String) -> Bool {
        regex.firstMatch(in: s, range: NSRange(location: 0, length: (s as NSString).length)) != nil
    }

    func findAllStrings(_ s: String, _ n: Int) -> [String] {
        let ns = s as NSString
        return findAll(ns, n).map { ns.substring(with: $0[0]) }
    }

    func find(_ s: String) -> String { findAllStrings(s, 1).first ?? "" }

    func replaceAll(_ s: String, _ repl: String, literal: Bool) -> String {
        let ns = s as NSString
        var out = ""
        var last = 0
        for groups in findAll(ns, -1) {
            let r = groups[0]
            out += ns.substring(with: NSRange(location: last, length: r.location - last))
            out += literal ? repl : expand(repl, ns, groups)
            last = r.location + r.length
        }
        out += ns.substring(from: last)
        return out
    }

    /// `Regexp.Split`.
    func split(_ s: String, _ n: Int) -> [String] {
        if n == 0 { return [] }
        if !pattern.isEmpty && s.isEmpty { return [""] }
        let ns = s as NSString
        var parts: [String] = []
        var beg = 0, end = 0
        for groups in findAll(ns, n) {
            if n > 0 && parts.count == n - 1 { break }
            let r = groups[0]
            end = r.location
            if r.location + r.length != 0 {
                parts.append(ns.substring(with: NSRange(location: beg, length: end - beg)))
            }
            beg = r.location + r.length
        }
        if end != ns.length { parts.append(ns.substring(from: beg)) }
        return parts
    }

    /// Go's `Regexp.Expand` template syntax: `$1`, `${1}`, `$name`, `${name}`, `$$`.
    private func expand(_ template: String, _ src: NSString, _ groups: [NSRange]) -> String {
        var out = ""
        var t = Substring(template)
        func group(_ i: Int) -> String {
            guard i < groups.count, groups[i].location != NSNotFound else { return "" }
            return src.substring(with: groups[i])
        }
        while let dollar = t.firstIndex(of: "$") {
            out += t[..<dollar]
            t = t[t.index(after: dollar)...]
            if t.first == "$" { out += "$"; t = t.dropFirst(); continue }
            var rest = t
            let brace = rest.first == "{"
            if brace { rest = rest.dropFirst() }
            let name = rest.prefix { $0 == "_" || $0.isLetter || $0.isNumber }
            rest = rest.dropFirst(name.count)
            if name.isEmpty || (brace && rest.first != "}") { out += "$"; continue }
            if brace { rest = rest.dropFirst() }
            t = rest
            if name.allSatisfy({ $0.isASCII && $0.isNumber }) {
                if let num = Int(name), name.count < 9 { out += group(num) }
            } else if let i = groupNames.firstIndex(of: String(name)) {
                out += group(i)
            }
        }
        return out + t
    }

    // MARK: Translation

    /// RE2's ASCII POSIX classes as scalar ranges.
    private static let posixClasses: [String: [ClosedRange<UInt32>]] = [
        "alnum": [0x30...0x39, 0x41...0x5A, 0x61...0x7A], "alpha": [0x41...0x5A, 0x61...0x7A],
        "ascii": [0x00...0x7F], "blank": [0x09...0x09, 0x20...0x20], "cntrl": [0x00...0x1F, 0x7F...0x7F],
        "digit": [0x30...0x39], "graph": [0x21...0x7E], "lower": [0x61...0x7A], "print": [0x20...0x7E],
        "punct": [0x21...0x2F, 0x3A...0x40, 0x5B...0x60, 0x7B...0x7E], "space": [0x09...0x0D, 0x20...0x20],
        "upper": [0x41...0x5A], "word": [0x30...0x39, 0x41...0x5A, 0x5F...0x5F, 0x61...0x7A],
        "xdigit": [0x30...0x39, 0x41...0x46, 0x61...0x66],
    ]

    /// ICU set syntax for ranges, or for their complement when `negated`.
    private static func classBody(_ ranges: [ClosedRange<UInt32>], negated: Bool) -> String {
        var rs = ranges
        if negated {
            var out: [ClosedRange<UInt32>] = []
            var next: UInt32 = 0
            for r in ranges.sorted(by: { $0.lowerBound < $1.lowerBound }) {
                if r.lowerBound > next { out.append(next...(r.lowerBound - 1)) }
                next = r.upperBound + 1
            }
            out.append(next...0x10FFFF)
            rs = out
        }
        return rs.map { String(format: "\\x{%X}-\\x{%X}", $0.lowerBound, $0.upperBound) }.joined()
    }

    /// Whether `{` at `i` starts a valid RE2 repetition `{n}`, `{n,}` or `{n,m}`.
    private static func isRepeat(_ chars: [Character], _ i: Int) -> Bool {
        var k = i + 1
        var digits = 0
        while k < chars.count, chars[k].isASCII, chars[k].isNumber { k += 1; digits += 1 }
        guard digits > 0, k < chars.count else { return false }
        if chars[k] == "}" { return true }
        guard chars[k] == "," else { return false }
        k += 1
        while k < chars.count, chars[k].isASCII, chars[k].isNumber { k += 1 }
        return k < chars.count && chars[k] == "}"
    }

    static func translate(_ pattern: String) -> (String, [String]) {
        let chars = Array(pattern)
        var out = ""
        var names = [""]
        var i = 0
        var inClass = false
        let multiline = pattern.range(of: #"\(\?[a-zA-Z]*m"#, options: .regularExpression) != nil
        // RE2's (?U) swaps greedy and lazy repetition; ICU has no such flag, so a
        // leading (?U…) is applied here by toggling each repetition's `?`.
        var ungreedy = false
        if pattern.hasPrefix("(?"), let close = chars.firstIndex(of: ")"),
           chars[2..<close].allSatisfy({ "imsU-".contains($0) }), chars[2..<close].contains("U") {
            ungreedy = true
            let flags = String(chars[2..<close]).replacingOccurrences(of: "U", with: "")
            out += flags.isEmpty || flags == "-" ? "" : "(?" + flags + ")"
            i = close + 1
        }
        while i < chars.count {
            let c = chars[i]
            if c == "\\" && i + 1 < chars.count {
                let e = chars[i + 1]
                let classBody: String?
                switch e {
                case "d": classBody = "0-9"
                case "w": classBody = "0-9A-Za-z_"
                case "s": classBody = "\\t\\n\\f\\r "
                default: classBody = nil
                }
                if let classBody {
                    out += inClass ? classBody : "[" + classBody + "]"
                } else if !inClass && (e == "D" || e == "W" || e == "S") {
                    out += "[^" + (e == "D" ? "0-9" : e == "W" ? "0-9A-Za-z_" : "\\t\\n\\f\\r ") + "]"
                } else if (e == "p" || e == "P") && i + 2 < chars.count && chars[i + 2] == "{",
                          let close = (i + 2..<chars.count).first(where: { chars[$0] == "}" }) {
                    out += String(chars[i...close])
                    i = close + 1
                    continue
                } else {
                    out.append(c); out.append(e)
                }
                i += 2
                continue
            }
            if inClass {
                if c == "[" && i + 1 < chars.count && chars[i + 1] == ":" {
                    if let close = (i + 2..<chars.count).first(where: { chars[$0] == ":" && $0 + 1 < chars.count && chars[$0 + 1] == "]" }) {
                        var name = String(chars[(i + 2)..<close])
                        let negated = name.hasPrefix("^")
                        if negated { name.removeFirst() }
                        if let ranges = posixClasses[name] {
                            out += classBody(ranges, negated: negated)
                            i = close + 2
                            continue
                        }
                    }
                }
                if c == "[" { out += "\\["; i += 1; continue }
                if c == "]" { inClass = false }
                out.append(c)
                i += 1
                continue
            }
            switch c {
            case "[":
                inClass = true
                out.append(c)
                i += 1
                if i < chars.count && chars[i] == "^" { out.append("^"); i += 1 }
                if i < chars.count && chars[i] == "]" { out += "\\]"; i += 1 }
                continue
            case "(":
                if i + 1 < chars.count && chars[i + 1] == "?" {
                    if i + 2 < chars.count && chars[i + 2] == "P" && i + 3 < chars.count && chars[i + 3] == "<" {
                        let nameStart = i + 4
                        let nameEnd = (nameStart..<chars.count).first { chars[$0] == ">" } ?? chars.count
                        names.append(String(chars[nameStart..<nameEnd]))
                        out += "(?<"
                        i += 4
                        continue
                    }
                    if i + 2 < chars.count && chars[i + 2] == "<" && i + 3 < chars.count && chars[i + 3] != "=" && chars[i + 3] != "!" {
                        let nameStart = i + 3
                        let nameEnd = (nameStart..<chars.count).first { chars[$0] == ">" } ?? chars.count
                        names.append(String(chars[nameStart..<nameEnd]))
                    }
                } else {
                    names.append("")
                }
            case "$":
                if !multiline { out += "\\z"; i += 1; continue }
            case "{" where !isRepeat(chars, i), "}":
                out += "\\" + String(c)
                i += 1
                continue
            case "*", "+", "?", "{":
                var end = i + 1
                if c == "{" { end = (i..<chars.count).first { chars[$0] == "}" }! + 1 }
                out += String(chars[i..<end])
                if ungreedy {
                    if end < chars.count && chars[end] == "?" { end += 1 } else { out += "?" }
                }
                i = end
                continue
            default: break
            }
            out.append(c)
            i += 1
        }
        return (out, names)
    }

    /// Go's messages for RE2 syntax errors, including the Perl features ICU would
    /// accept but RE2 rejects (lookaround, backreferences, possessive repetition).
    private static func syntaxProblem(_ pattern: String) -> String? {
        let chars = Array(pattern)
        let n = chars.count
        var depth = 0
        var i = 0
        var atStart = true
        /// Where the repetition operator that ended the previous atom starts.
        var lastRepeat: Int?
        func text(_ a: Int, _ b: Int) -> String { String(chars[a..<min(b, n)]) }
        let allowedEscapes = Set("aftnrvAbBdDsSwWpPQExz")
        while i < n {
            let c = chars[i]
            switch c {
            case "\\":
                guard i + 1 < n else { return "trailing backslash at end of expression: ``" }
                let e = chars[i + 1]
                if ("1"..."9").contains(e) || (e.isLetter && e.isASCII && !allowedEscapes.contains(e)) {
                    return "invalid escape sequence: `\\\(e)`"
                }
                if e == "Q" {
                    if let end = (i + 2..<max(i + 2, n - 1)).first(where: { chars[$0] == "\\" && chars[$0 + 1] == "E" }) {
                        i = end + 2
                    } else {
                        i = n
                    }
                } else {
                    i += 2
                }
                atStart = false
                lastRepeat = nil
                continue
            case "[":
                var k = i + 1
                if k < n && chars[k] == "^" { k += 1 }
                var first = true
                var closed = false
                while k < n {
                    let d = chars[k]
                    if d == "]" && !first { closed = true; break }
                    if d == "[" && k + 1 < n && chars[k + 1] == ":" {
                        if let end = (k + 2..<n).first(where: { chars[$0] == "]" }) { k = end + 1; first = false; continue }
                    }
                    var lo = d
                    if d == "\\" && k + 1 < n { lo = chars[k + 1]; k += 1 }
                    if k + 2 < n && chars[k + 1] == "-" && chars[k + 2] != "]" {
                        var hi = chars[k + 2]
                        var hiEnd = k + 3
                        if hi == "\\" && k + 3 < n { hi = chars[k + 3]; hiEnd = k + 4 }
                        if d != "\\" && hi < lo { return "invalid character class range: `\(text(k, hiEnd))`" }
                        k = hiEnd
                    } else {
                        k += 1
                    }
                    first = false
                }
                if !closed { return "missing closing ]: `\(text(i, n))`" }
                i = k + 1
                atStart = false
                lastRepeat = nil
                continue
            case "(":
                depth += 1
                atStart = true
                lastRepeat = nil
                if i + 1 < n && chars[i + 1] == "?" {
                    if i + 2 < n && (chars[i + 2] == "=" || chars[i + 2] == "!") {
                        return "invalid or unsupported Perl syntax: `\(text(i, i + 3))`"
                    }
                    if i + 3 < n && chars[i + 2] == "<" && (chars[i + 3] == "=" || chars[i + 3] == "!") {
                        return "invalid named capture: `\(text(i, n))`"
                    }
                    var k = i + 2
                    while k < n && chars[k] != ":" && chars[k] != ")" && chars[k] != ">" { k += 1 }
                    if k < n && chars[k] == ")" { depth -= 1 }
                    i = k + 1
                } else {
                    i += 1
                }
                continue
            case ")":
                depth -= 1
                if depth < 0 { return "unexpected ): `\(pattern)`" }
                atStart = false
                lastRepeat = nil
                i += 1
                continue
            case "|":
                atStart = true
                lastRepeat = nil
                i += 1
                continue
            case "*", "+", "?", "{":
                var end = i + 1
                if c == "{" {
                    var k = i + 1
                    var numbers: [Int] = []
                    var current = ""
                    var sawComma = false
                    while k < n, chars[k].isASCII, chars[k].isNumber || chars[k] == "," {
                        if chars[k] == "," {
                            if sawComma { break }
                            sawComma = true
                            numbers.append(Int(current) ?? -1); current = ""
                        } else {
                            current.append(chars[k])
                        }
                        k += 1
                    }
                    guard k < n, chars[k] == "}", !(numbers.first == -1), !(numbers.isEmpty && current.isEmpty) else {
                        atStart = false
                        lastRepeat = nil
                        i += 1
                        continue
                    }
                    numbers.append(current.isEmpty ? (sawComma ? -2 : -1) : (Int(current) ?? 1001))
                    end = k + 1
                    let lo = numbers[0], hi = numbers.count > 1 ? numbers[1] : lo
                    if lo > 1000 || hi > 1000 || (hi >= 0 && hi < lo) { return "invalid repeat count: `\(text(i, end))`" }
                }
                if atStart { return "missing argument to repetition operator: `\(text(i, end))`" }
                if let start = lastRepeat { return "invalid nested repetition operator: `\(text(start, end))`" }
                lastRepeat = i
                if end < n && chars[end] == "?" { end += 1 }
                i = end
                continue
            default:
                atStart = false
                lastRepeat = nil
                i += 1
            }
        }
        if depth > 0 { return "missing closing ): `\(pattern)`" }
        return nil
    }
}
