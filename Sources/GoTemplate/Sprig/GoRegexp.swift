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

    private static let posixClasses: [String: String] = [
        "alnum": "0-9A-Za-z", "alpha": "A-Za-z", "ascii": "\\x00-\\x7F", "blank": "\\t ",
        "cntrl": "\\x00-\\x1F\\x7F", "digit": "0-9", "graph": "!-~", "lower": "a-z",
        "print": " -~", "punct": "!-/:-@\\[-`{-~", "space": "\\t\\n\\v\\f\\r ", "upper": "A-Z",
        "word": "0-9A-Za-z_", "xdigit": "0-9A-Fa-f",
    ]

    static func translate(_ pattern: String) -> (String, [String]) {
        let chars = Array(pattern)
        var out = ""
        var names = [""]
        var i = 0
        var inClass = false
        let multiline = pattern.range(of: #"\(\?[a-zA-Z]*m"#, options: .regularExpression) != nil
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
                        if let body = posixClasses[name], !negated {
                            out += body
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
            default: break
            }
            out.append(c)
            i += 1
        }
        return (out, names)
    }

    /// Go's messages for the syntax errors templates commonly hit.
    private static func syntaxProblem(_ pattern: String) -> String? {
        let chars = Array(pattern)
        var depth = 0
        var i = 0
        var classStart: Int?
        var atStart = true
        while i < chars.count {
            let c = chars[i]
            if c == "\\" { i += 2; atStart = false; continue }
            if let start = classStart {
                if c == "]" && i > start + 1 && !(i == start + 2 && chars[start + 1] == "^") { classStart = nil }
                i += 1
                continue
            }
            switch c {
            case "[": classStart = i
            case "(":
                depth += 1
                atStart = true
                i += 1
                if i < chars.count && chars[i] == "?" {
                    // Skip a group's flags or name: (?i) (?: (?P<name>
                    while i < chars.count && chars[i] != ":" && chars[i] != ")" && chars[i] != ">" { i += 1 }
                    if i < chars.count && chars[i] == ")" { depth -= 1 }
                    i += 1
                }
                continue
            case ")":
                depth -= 1
                if depth < 0 { return "unexpected ): `\(pattern)`" }
            case "*", "+", "?":
                if atStart { return "missing argument to repetition operator: `\(c)`" }
            case "|": atStart = true; i += 1; continue
            default: break
            }
            atStart = false
            i += 1
        }
        if let start = classStart { return "missing closing ]: `\(String(chars[start...]))`" }
        if depth > 0 { return "missing closing ): `\(pattern)`" }
        return nil
    }
}

/// Compiled patterns by source text, shared by all renders.
private final class RegexCache: @unchecked Sendable {
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

/// sprig's regex.go. The plain variants use `regexp.MustCompile`, whose panic
/// text Go reports as `regexp: Compile(...)`; must* variants return the error.
enum SprigRegex {
    static var functions: [TemplateFunction] {
        typealias A = SprigArgs
        @Sendable func compile(_ pattern: String, must: Bool) throws -> GoRegexp {
            do { return try GoRegexp.compile(pattern) } catch let e as GoRegexp.CompileError {
                if must { throw TemplateFunctionError(e.message) }
                let canBackquote = !pattern.contains("`") && !pattern.unicodeScalars.contains { ($0.value < 0x20 && $0 != "\t") || $0.value == 0x7F }
                let quoted = canBackquote ? "`" + pattern + "`" : GoFormat.quote(pattern)
                throw TemplateFunctionError("regexp: Compile(\(quoted)): \(e.message)")
            }
        }
        var fns: [TemplateFunction] = [
            TemplateFunction("regexMatch", [.string, .string]) { args in
                guard let re = try? GoRegexp.compile(try A.string(args, 0)) else { return .bool(false) }
                return .bool(re.matches(try A.string(args, 1)))
            },
            TemplateFunction("mustRegexMatch", [.string, .string]) { args in
                .bool(try compile(try A.string(args, 0), must: true).matches(try A.string(args, 1)))
            },
            TemplateFunction("regexQuoteMeta", [.string]) { args in
                var out = ""
                for c in try A.string(args, 0).unicodeScalars {
                    if #"\.+*?()|[]{}^$"#.unicodeScalars.contains(c) { out += "\\" }
                    out.unicodeScalars.append(c)
                }
                return .string(out)
            },
        ]
        for (name, must) in [("regexFindAll", false), ("mustRegexFindAll", true)] {
            fns.append(TemplateFunction(name, [.string, .string, .int]) { args in
                let re = try compile(try A.string(args, 0), must: must)
                return [Value].strings(re.findAllStrings(try A.string(args, 1), try A.int(args, 2)))
            })
        }
        for (name, must) in [("regexFind", false), ("mustRegexFind", true)] {
            fns.append(TemplateFunction(name, [.string, .string]) { args in
                .string(try compile(try A.string(args, 0), must: must).find(try A.string(args, 1)))
            })
        }
        for (name, must, literal) in [("regexReplaceAll", false, false), ("mustRegexReplaceAll", true, false),
                                      ("regexReplaceAllLiteral", false, true), ("mustRegexReplaceAllLiteral", true, true)] {
            fns.append(TemplateFunction(name, [.string, .string, .string]) { args in
                let re = try compile(try A.string(args, 0), must: must)
                return .string(re.replaceAll(try A.string(args, 1), try A.string(args, 2), literal: literal))
            })
        }
        for (name, must) in [("regexSplit", false), ("mustRegexSplit", true)] {
            fns.append(TemplateFunction(name, [.string, .string, .int]) { args in
                let re = try compile(try A.string(args, 0), must: must)
                return [Value].strings(re.split(try A.string(args, 1), try A.int(args, 2)))
            })
        }
        return fns
    }
}
