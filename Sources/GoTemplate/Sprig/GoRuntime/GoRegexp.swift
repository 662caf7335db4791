import CRE2Shim

/// Go `regexp` on RE2 itself (Debian's libre2, through the C shim in `CRE2Shim`):
/// the engine Go's package was ported from, so matching takes time linear in the
/// input (a backtracking engine hangs on `a+b` over 100,000 `a`s and is exponential
/// on `(a+)+$`) and the syntax and leftmost-first semantics are Go's.
///
/// RE2 finds one match at a time; iteration over matches, `$1`/`${name}` expansion
/// and `Split` are ports of Go's `allMatches`, `replaceAll`, `Expand` and `Split`, so
/// the rules for empty matches (none right after a previous match) are Go's. Offsets
/// are UTF-8 byte offsets, as in Go.
struct GoRegexp: Sendable {
    struct CompileError: Error { let message: String }

    let pattern: String
    private let program: RE2Program
    /// Capture group names by group index (index 0 is the whole match), "" unnamed.
    let groupNames: [String]

    private static let cache = RegexCache()

    static func compile(_ pattern: String) throws -> GoRegexp {
        if let cached = cache.get(pattern) { return cached }
        if let problem = syntaxProblem(pattern) { throw CompileError(message: "error parsing regexp: \(problem)") }
        let program = try RE2Program(pattern: re2Syntax(pattern))
        var names: [String] = []
        for i in 0...program.groupCount {
            names.append(i == 0 ? "" : program.groupName(i))
        }
        let re = GoRegexp(pattern: pattern, program: program, groupNames: names)
        cache.put(pattern, re)
        return re
    }

    private init(pattern: String, program: RE2Program, groupNames: [String]) {
        self.pattern = pattern
        self.program = program
        self.groupNames = groupNames
    }

    /// Go 1.22 accepts `(?<name>…)` as well as `(?P<name>…)`; the RE2 Debian ships
    /// knows only the latter, so the former is rewritten (outside classes and escapes).
    static func re2Syntax(_ pattern: String) -> String {
        guard pattern.contains("(?<") else { return pattern }
        let b = Array(pattern.utf8)
        var out: [UInt8] = []
        out.reserveCapacity(b.count + 8)
        var i = 0
        var inClass = false
        while i < b.count {
            let c = b[i]
            if c == 0x5C { // backslash: copy the escape whole
                out.append(c)
                if i + 1 < b.count { out.append(b[i + 1]) }
                i += 2
                continue
            }
            if inClass {
                if c == 0x5D { inClass = false }
            } else if c == 0x5B {
                inClass = true
                out.append(c)
                i += 1
                if i < b.count && b[i] == 0x5E { out.append(b[i]); i += 1 }
                if i < b.count && b[i] == 0x5D { out.append(b[i]); i += 1 }
                continue
            } else if c == 0x28, i + 3 < b.count, b[i + 1] == 0x3F, b[i + 2] == 0x3C, b[i + 3] != 0x3D, b[i + 3] != 0x21 {
                out += [0x28, 0x3F, 0x50, 0x3C]
                i += 3
                continue
            }
            out.append(c)
            i += 1
        }
        return String(decoding: out, as: UTF8.self)
    }

    /// Byte offsets (begin, end pairs; -1 for a group that did not match) of the
    /// leftmost-first match starting at or after `start`, nil when there is none.
    private func match(_ text: [UInt8], from start: Int) -> [Int]? {
        program.match(text, from: start, groups: groupNames.count)
    }

    /// Width of the UTF-8 sequence at `pos` (0 at the end), as Go's `step`.
    private static func runeWidth(_ text: [UInt8], _ pos: Int) -> Int {
        guard pos < text.count else { return 0 }
        let lead = text[pos]
        let width = lead < 0x80 ? 1 : lead < 0xE0 ? 2 : lead < 0xF0 ? 3 : 4
        return min(width, text.count - pos)
    }

    /// Go's `allMatches`: up to `n` matches (n < 0: all); an empty match right after
    /// the previous match is not reported.
    func findAll(_ text: [UInt8], _ n: Int) -> [[Int]] {
        if n == 0 { return [] }
        var result: [[Int]] = []
        var pos = 0
        var prevMatchEnd = -1
        let end = text.count
        while (n < 0 || result.count < n) && pos <= end {
            guard let m = match(text, from: pos) else { break }
            var accept = true
            if m[1] == pos {
                if m[0] == prevMatchEnd { accept = false }
                let width = Self.runeWidth(text, pos)
                pos = width > 0 ? pos + width : end + 1
            } else {
                pos = m[1]
            }
            prevMatchEnd = m[1]
            if accept { result.append(m) }
        }
        return result
    }

    func matches(_ s: String) -> Bool {
        program.match(Array(s.utf8), from: 0, groups: 1) != nil
    }

    private static func text(_ bytes: [UInt8], _ from: Int, _ to: Int) -> String {
        String(decoding: bytes[from..<to], as: UTF8.self)
    }

    /// Up to `n` matches (n < 0: all), each as its groups' texts ("" for a group
    /// that did not take part), index 0 the whole match.
    func findAllSubmatches(_ s: String, _ n: Int) -> [[String]] {
        let bytes = Array(s.utf8)
        return findAll(bytes, n).map { m in
            stride(from: 0, to: m.count, by: 2).map { m[$0] < 0 ? "" : Self.text(bytes, m[$0], m[$0 + 1]) }
        }
    }

    func findAllStrings(_ s: String, _ n: Int) -> [String] {
        let bytes = Array(s.utf8)
        return findAll(bytes, n).map { Self.text(bytes, $0[0], $0[1]) }
    }

    func find(_ s: String) -> String {
        let bytes = Array(s.utf8)
        guard let m = match(bytes, from: 0) else { return "" }
        return Self.text(bytes, m[0], m[1])
    }

    /// Go's `replaceAll`: no replacement for an empty match right after a match;
    /// the search always advances at least one rune.
    func replaceAll(_ s: String, _ repl: String, literal: Bool) -> String {
        let src = Array(s.utf8)
        var out: [UInt8] = []
        out.reserveCapacity(src.count)
        var lastMatchEnd = 0
        var searchPos = 0
        let end = src.count
        while searchPos <= end {
            guard let a = match(src, from: searchPos) else { break }
            out += src[lastMatchEnd..<a[0]]
            if a[1] > lastMatchEnd || a[0] == 0 {
                if literal { out += repl.utf8 } else { expand(repl, src, a, into: &out) }
            }
            lastMatchEnd = a[1]
            let width = Self.runeWidth(src, searchPos)
            if searchPos + width > a[1] {
                searchPos += width
            } else if searchPos + 1 > a[1] {
                searchPos += 1
            } else {
                searchPos = a[1]
            }
        }
        out += src[lastMatchEnd...]
        return String(decoding: out, as: UTF8.self)
    }

    /// `Regexp.Split`.
    func split(_ s: String, _ n: Int) -> [String] {
        if n == 0 { return [] }
        if !pattern.isEmpty && s.isEmpty { return [""] }
        let bytes = Array(s.utf8)
        var parts: [String] = []
        var beg = 0, end = 0
        for m in findAll(bytes, n) {
            if n > 0 && parts.count == n - 1 { break }
            end = m[0]
            if m[1] != 0 { parts.append(Self.text(bytes, beg, end)) }
            beg = m[1]
        }
        if end != bytes.count { parts.append(Self.text(bytes, beg, bytes.count)) }
        return parts
    }

    /// Go's `Regexp.Expand` template syntax: `$1`, `${1}`, `$name`, `${name}`, `$$`.
    private func expand(_ template: String, _ src: [UInt8], _ groups: [Int], into out: inout [UInt8]) {
        var t = Substring(template)
        func group(_ i: Int) {
            guard 2 * i + 1 < groups.count, groups[2 * i] >= 0 else { return }
            out += src[groups[2 * i]..<groups[2 * i + 1]]
        }
        while let dollar = t.firstIndex(of: "$") {
            out += t[..<dollar].utf8
            t = t[t.index(after: dollar)...]
            if t.first == "$" { out.append(0x24); t = t.dropFirst(); continue }
            var rest = t
            let brace = rest.first == "{"
            if brace { rest = rest.dropFirst() }
            let name = rest.prefix { $0 == "_" || $0.isLetter || $0.isNumber }
            rest = rest.dropFirst(name.count)
            if name.isEmpty || (brace && rest.first != "}") { out.append(0x24); continue }
            if brace { rest = rest.dropFirst() }
            t = rest
            if name.allSatisfy({ $0.isASCII && $0.isNumber }) {
                if let num = Int(name), name.count < 9 { group(num) }
            } else if let i = groupNames.firstIndex(of: String(name)) {
                group(i)
            }
        }
        out += t.utf8
    }

    /// Go's messages for RE2 syntax errors, including the Perl features ICU would
    /// accept but RE2 rejects (lookaround, backreferences, possessive repetition).
    private static func syntaxProblem(_ pattern: String) -> String? {
        let chars = Array(pattern)
        let n = chars.count
        var depth = 0
        /// Whether each open group captures; Go refuses a parse tree more than 1000
        /// high, which nested capturing groups reach (non-capturing ones collapse).
        var groupCaptures: [Bool] = []
        var captureDepth = 0
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
                    if k < n && chars[k] == ")" {
                        depth -= 1
                    } else {
                        let named = k < n && chars[k] == ">"
                        groupCaptures.append(named)
                        if named { captureDepth += 1 }
                    }
                    i = k + 1
                } else {
                    groupCaptures.append(true)
                    captureDepth += 1
                    i += 1
                }
                if captureDepth >= 1000 { return "expression nests too deeply: `\(pattern)`" }
                continue
            case ")":
                depth -= 1
                if depth < 0 { return "unexpected ): `\(pattern)`" }
                if groupCaptures.popLast() == true { captureDepth -= 1 }
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
