import Foundation

/// sprig's string functions (strings.go and the goutils / xstrings helpers it wraps).
enum SprigStrings {
    static var functions: [TemplateFunction] {
        typealias A = SprigArgs
        func str1(_ name: String, _ f: @escaping @Sendable (String) -> String) -> TemplateFunction {
            TemplateFunction(name, [.string]) { .string(f(try A.string($0, 0))) }
        }
        func str2(_ name: String, _ f: @escaping @Sendable (String, String) -> String) -> TemplateFunction {
            TemplateFunction(name, [.string, .string]) { .string(f(try A.string($0, 0), try A.string($0, 1))) }
        }
        func pred(_ name: String, _ f: @escaping @Sendable (String, String) -> Bool) -> TemplateFunction {
            TemplateFunction(name, [.string, .string]) { .bool(f(try A.string($0, 1), try A.string($0, 0))) }
        }
        func random(_ name: String, _ alphabet: String) -> TemplateFunction {
            TemplateFunction(name, [.int]) { args in
                let n = try A.int(args, 0)
                guard n > 0 else { return .string("") }
                try SprigLimits.check(n, name)
                let chars = Array(alphabet)
                var rng = SystemRandomNumberGenerator()
                return .string(String((0..<n).map { _ in chars[Int.random(in: 0..<chars.count, using: &rng)] }))
            }
        }
        let letters = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz"
        let digits = "0123456789"
        let ascii = String((32..<127).map { Character(Unicode.Scalar(UInt8($0))) })
        return [
            TemplateFunction("abbrev", [.int, .string]) { .string(abbreviate(try A.string($0, 1), offset: 0, width: try A.int($0, 0))) },
            TemplateFunction("abbrevboth", [.int, .int, .string]) { args in
                let left = try A.int(args, 0), right = try A.int(args, 1), s = try A.string(args, 2)
                if right < 4 || (left > 0 && right < 7) { return .string(s) }
                return .string(abbreviate(s, offset: left, width: right))
            },
            TemplateFunction("trunc", [.int, .string]) { .string(trunc(try A.int($0, 0), try A.string($0, 1))) },
            str1("trim", GoStrings.trimSpace),
            str1("upper", GoStrings.upper),
            str1("lower", GoStrings.lower),
            str1("title", GoStrings.title),
            str1("untitle", untitle),
            TemplateFunction("substr", [.int, .int, .string]) { .string(try substr(try A.int($0, 0), try A.int($0, 1), try A.string($0, 2))) },
            TemplateFunction("repeat", [.int, .string]) { .string(try GoStrings.repeated(try A.string($0, 1), try A.int($0, 0))) },
            str2("trimall") { GoStrings.trim($1, cutset: $0) },
            str2("trimAll") { GoStrings.trim($1, cutset: $0) },
            str2("trimSuffix") { GoStrings.trimSuffix($1, $0) },
            str2("trimPrefix") { GoStrings.trimPrefix($1, $0) },
            str1("nospace", deleteWhiteSpace),
            str1("initials", initials),
            random("randAlphaNum", letters + digits),
            random("randAlpha", letters),
            random("randAscii", ascii),
            random("randNumeric", digits),
            str1("swapcase", swapCase),
            str1("shuffle") { s in
                var scalars = Array(s.unicodeScalars)
                scalars.shuffle()
                var view = String.UnicodeScalarView()
                view.append(contentsOf: scalars)
                return String(view)
            },
            str1("snakecase") { XStrings.camelCaseToLowerCase($0, connector: "_") },
            str1("camelcase", XStrings.toCamelCase),
            str1("kebabcase") { XStrings.camelCaseToLowerCase($0, connector: "-") },
            TemplateFunction("wrap", [.int, .string]) { .string(wrap(try A.string($0, 1), try A.int($0, 0), newline: "", wrapLongWords: false)) },
            TemplateFunction("wrapWith", [.int, .string, .string]) {
                .string(wrap(try A.string($0, 2), try A.int($0, 0), newline: try A.string($0, 1), wrapLongWords: true))
            },
            pred("contains", GoStrings.contains),
            pred("hasPrefix", GoStrings.hasPrefix),
            pred("hasSuffix", GoStrings.hasSuffix),
            TemplateFunction("quote", variadic: .any) { args in
                .string(args.filter { if case .null = $0 { return false }; return true }
                    .map { GoFormat.quote($0.sprigString) }.joined(separator: " "))
            },
            TemplateFunction("squote", variadic: .any) { args in
                .string(args.filter { if case .null = $0 { return false }; return true }
                    .map { "'" + $0.goDescription + "'" }.joined(separator: " "))
            },
            TemplateFunction("cat", variadic: .any) { args in
                .string(args.filter { if case .null = $0 { return false }; return true }
                    .map(\.goDescription).joined(separator: " "))
            },
            TemplateFunction("indent", [.int, .string]) { .string(try indent(try A.int($0, 0), try A.string($0, 1))) },
            TemplateFunction("nindent", [.int, .string]) { .string("\n" + (try indent(try A.int($0, 0), try A.string($0, 1)))) },
            TemplateFunction("replace", [.string, .string, .string]) { args in
                let (text, old, new) = (try A.string(args, 2), try A.string(args, 0), try A.string(args, 1))
                // The result can be far larger than the input (`replace "" $long $s`):
                // size it before building it.
                let growth = new.utf8.count - old.utf8.count
                if growth > 0 {
                    let count = old.isEmpty ? text.unicodeScalars.count + 1
                        : GoStrings.indices(GoStrings.bytes(text), GoStrings.bytes(old)).count
                    let (extra, overflow) = count.multipliedReportingOverflow(by: growth)
                    try SprigLimits.check(overflow ? Int.max : text.utf8.count &+ extra, "strings.Replace")
                }
                return .string(GoStrings.replaceAll(text, old, new))
            },
            TemplateFunction("plural", [.string, .string, .int]) { args in
                .string(try A.int(args, 2) == 1 ? try A.string(args, 0) : try A.string(args, 1))
            },
            TemplateFunction("toString", [.any]) { .string(A.any($0, 0).sprigString) },
            TemplateFunction("split", [.string, .string]) { args in
                splitMap(GoStrings.split(try A.string(args, 1), try A.string(args, 0)))
            },
            TemplateFunction("splitList", [.string, .string]) { args in
                [Value].strings(GoStrings.split(try A.string(args, 1), try A.string(args, 0)))
            },
            TemplateFunction("splitn", [.string, .int, .string]) { args in
                splitMap(GoStrings.split(try A.string(args, 2), try A.string(args, 0), try A.int(args, 1)))
            },
            TemplateFunction("toStrings", [.any]) { [Value].strings(strslice(A.any($0, 0))) },
            TemplateFunction("join", [.string, .any]) { args in
                .string(strslice(A.any(args, 1)).joined(separator: try A.string(args, 0)))
            },
            TemplateFunction("sortAlpha", [.any]) { args in
                let v = A.any(args, 0)
                guard v.sliceElements != nil else { return [Value].strings([v.sprigString]) }
                return [Value].strings(strslice(v).sorted(by: GoStrings.less))
            },
        ]
    }

    /// sprig's `strslice`: the string form of each non-nil element of a slice;
    /// a non-slice becomes a one-element list, nil an empty one.
    static func strslice(_ v: Value) -> [String] {
        switch v {
        case .null: return []
        case .list(let items, _):
            return items.compactMap { if case .null = $0 { return nil }; return $0.sprigString }
        case .bytes(let b): return b.map { String($0) }
        default: return [v.sprigString]
        }
    }

    /// sprig's `split`/`splitn` result: a Go `map[string]string` (see ``GoStringMap``).
    static func splitMap(_ parts: [String]) -> Value {
        var m: [String: String] = [:]
        for (i, p) in parts.enumerated() { m["_\(i)"] = p }
        return .object(GoStringMap(m))
    }

    static func trunc(_ c: Int, _ s: String) -> String {
        let b = GoStrings.bytes(s)
        if c < 0 && b.count + c > 0 { return GoStrings.string(b[(b.count + c)...]) }
        if c >= 0 && b.count > c { return GoStrings.string(b[..<c]) }
        return s
    }

    static func substr(_ start: Int, _ end: Int, _ s: String) throws -> String {
        let b = GoStrings.bytes(s)
        func slice(_ lo: Int, _ hi: Int) throws -> String {
            guard lo >= 0, hi <= b.count, lo <= hi else {
                if hi > b.count { throw TemplateFunctionError("runtime error: slice bounds out of range [:\(hi)] with length \(b.count)") }
                throw GoPanic.sliceBounds(lo, hi)
            }
            return GoStrings.string(b[lo..<hi])
        }
        if start < 0 {
            if end < 0 { throw TemplateFunctionError("runtime error: slice bounds out of range [:\(end)]") }
            return try slice(0, end)
        }
        if end < 0 || end > b.count {
            guard start <= b.count else {
                throw TemplateFunctionError("runtime error: slice bounds out of range [\(start):\(b.count)]")
            }
            return try slice(start, b.count)
        }
        return try slice(start, end)
    }

    /// Every line gets the pad, so the result is sized (lines × spaces) before building.
    static func indent(_ spaces: Int, _ v: String) throws -> String {
        if spaces > 0 {
            let lines = v.utf8.reduce(1) { $1 == 0x0A ? $0 + 1 : $0 }
            let (padding, overflow) = lines.multipliedReportingOverflow(by: spaces)
            try SprigLimits.check(overflow ? Int.max : v.utf8.count &+ padding, "indent")
        }
        let pad = try GoStrings.repeated(" ", spaces)
        return pad + GoStrings.replaceAll(v, "\n", "\n" + pad)
    }

    /// goutils `AbbreviateFull` (byte offsets), with sprig's width checks before it.
    static func abbreviate(_ s: String, offset: Int, width: Int) -> String {
        if s.isEmpty || width < 4 { return s.isEmpty ? "" : s }
        let b = GoStrings.bytes(s)
        if b.count <= width { return s }
        var offset = min(offset, b.count)
        if b.count - offset < width - 3 { offset = b.count - (width - 3) }
        if offset <= 4 { return GoStrings.string(b[0..<(width - 3)]) + "..." }
        if width < 7 { return "" }
        if offset + width - 3 < b.count {
            return "..." + abbreviate(GoStrings.string(b[offset...]), offset: 0, width: width - 3)
        }
        return "..." + GoStrings.string(b[(b.count - (width - 3))...])
    }

    static func untitle(_ s: String) -> String {
        var next = true
        return GoStrings.mapScalars(s) { c in
            if GoStrings.isSpace(c) { next = true; return c }
            if next { next = false; return GoStrings.toLower(c) }
            return c
        }
    }

    static func swapCase(_ s: String) -> String {
        var whitespace = true
        return GoStrings.mapScalars(s) { c in
            if GoStrings.isUpper(c) || GoStrings.isTitle(c) {
                whitespace = false
                return GoStrings.toLower(c)
            }
            if GoStrings.isLower(c) {
                if whitespace { whitespace = false; return GoStrings.toTitle(c) }
                return GoStrings.toUpper(c)
            }
            whitespace = GoStrings.isSpace(c)
            return c
        }
    }

    /// goutils `DeleteWhiteSpace`, which walks bytes as runes.
    static func deleteWhiteSpace(_ s: String) -> String {
        let runes = GoStrings.bytesAsRunes(s)
        let kept = runes.filter { !GoStrings.isSpace($0) }
        if kept.count == runes.count { return s }
        var view = String.UnicodeScalarView()
        view.append(contentsOf: kept)
        return String(view)
    }

    /// goutils `Initials`, which walks bytes as runes.
    static func initials(_ s: String) -> String {
        var view = String.UnicodeScalarView()
        var lastWasGap = true
        for c in GoStrings.bytesAsRunes(s) {
            if GoStrings.isSpace(c) {
                lastWasGap = true
            } else if lastWasGap {
                view.append(c)
                lastWasGap = false
            }
        }
        return String(view)
    }

    /// goutils `WrapCustom` (byte offsets, words split on ' ').
    static func wrap(_ s: String, _ length: Int, newline: String, wrapLongWords: Bool) -> String {
        if s.isEmpty { return "" }
        let nl = GoStrings.bytes(newline.isEmpty ? "\n" : newline)
        let width = max(length, 1)
        let b = GoStrings.bytes(s)
        var offset = 0
        var out: [UInt8] = []
        let space = UInt8(ascii: " ")
        while b.count - offset > width {
            if b[offset] == space { offset += 1; continue }
            let end = min(width + offset + 1, b.count)
            if let idx = b[offset..<end].lastIndex(of: space), idx >= offset {
                out += b[offset..<idx]; out += nl
                offset = idx + 1
            } else if wrapLongWords {
                out += b[offset..<(offset + width)]; out += nl
                offset += width
            } else {
                let end2 = width + offset
                if let idx = b[end2...].firstIndex(of: space) {
                    out += b[offset..<idx]; out += nl
                    offset = idx + 1
                } else {
                    out += b[offset...]
                    offset = b.count
                }
            }
        }
        out += b[offset...]
        return GoStrings.string(out)
    }
}
