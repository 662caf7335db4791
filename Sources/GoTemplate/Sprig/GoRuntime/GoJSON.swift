import Foundation

/// Go's `encoding/json` as sprig uses it: `Marshal` (sorted map keys, struct
/// fields in declaration order, HTML-safe
/// escaping, Go float formatting), `MarshalIndent`, an encoder without HTML
/// escaping, and `Unmarshal` into `interface{}` (numbers become float64).
public enum GoJSON {
    struct EncodingError: Error { let message: String }

    static func encode(_ v: Value, escapeHTML: Bool = true, indent: String? = nil) throws -> String {
        var out = ""
        try write(v, into: &out, escapeHTML: escapeHTML, indent: indent, level: 0)
        return out
    }

    private static func write(_ v: Value, into out: inout String, escapeHTML: Bool, indent: String?, level: Int) throws {
        func newline(_ level: Int) {
            guard let indent else { return }
            out += "\n" + String(repeating: indent, count: level)
        }
        switch v {
        case .null: out += "null"
        case .bool(let b): out += b ? "true" : "false"
        case .int(let i): out += String(i)
        case .int64(let i): out += String(i)
        case .float64(let d): out += try formatFloat(d)
        case .string(let s): out += quote(s, escapeHTML: escapeHTML)
        case .bytes(let b): out += "\"" + Data(b).base64EncodedString() + "\""
        case .list(let items, _):
            if items.isEmpty { out += "[]"; return }
            out += "["
            for (i, item) in items.enumerated() {
                if i > 0 { out += "," }
                newline(level + 1)
                try write(item, into: &out, escapeHTML: escapeHTML, indent: indent, level: level + 1)
            }
            newline(level)
            out += "]"
        case .map(let m):
            if m.isEmpty { out += "{}"; return }
            out += "{"
            for (i, key) in m.keys.sorted(by: GoStrings.less).enumerated() {
                if i > 0 { out += "," }
                newline(level + 1)
                out += quote(key, escapeHTML: escapeHTML)
                out += indent == nil ? ":" : ": "
                try write(m[key]!, into: &out, escapeHTML: escapeHTML, indent: indent, level: level + 1)
            }
            newline(level)
            out += "}"
        case .object(let s as GoStruct):
            let fields = s.jsonFields
            if fields.isEmpty { out += "{}"; return }
            out += "{"
            for (i, (key, value)) in fields.enumerated() {
                if i > 0 { out += "," }
                newline(level + 1)
                out += quote(key, escapeHTML: escapeHTML)
                out += indent == nil ? ":" : ": "
                try write(value, into: &out, escapeHTML: escapeHTML, indent: indent, level: level + 1)
            }
            newline(level)
            out += "}"
        case .object(let o):
            if let m = o as? GoJSONMarshaler {
                try write(m.goJSONValue, into: &out, escapeHTML: escapeHTML, indent: indent, level: level)
            } else {
                out += "{}"
            }
        }
    }

    /// Go's float encoding: shortest 'f' form, exponent form outside [1e-6, 1e21).
    static func formatFloat(_ d: Double) throws -> String {
        guard d.isFinite else {
            throw EncodingError(message: "json: unsupported value: \(GoFormat.formatFloatV(d))")
        }
        if d == 0 { return d.sign == .minus ? "-0" : "0" }
        let a = abs(d)
        if a < 1e-6 || a >= 1e21 {
            // Swift's description is the shortest round-trip form; normalise to Go's e±XX.
            var s = "\(d)"
            if !s.contains("e") { s = String(format: "%e", d) }
            let parts = s.split(separator: "e", maxSplits: 1)
            var mantissa = String(parts[0])
            if mantissa.hasSuffix(".0") { mantissa.removeLast(2) }
            var exp = String(parts[1])
            var sign = "+"
            if exp.hasPrefix("-") { sign = "-"; exp.removeFirst() } else if exp.hasPrefix("+") { exp.removeFirst() }
            while exp.count > 1 && exp.hasPrefix("0") { exp.removeFirst() }
            if exp.count < 2 && sign == "+" { exp = "0" + exp }
            return mantissa + "e" + sign + exp
        }
        return GoFloat.shortestDecimal(d)
    }

    /// A string as Go's `encoding/json` writes it (`\u00XX` for control
    /// characters, `\u2028`/`\u2029`, and `<`, `>`, `&` when `escapeHTML`): the one
    /// JSON string quoter, also used by `blueprint template --batch`.
    public static func quote(_ s: String, escapeHTML: Bool) -> String {
        var out = "\""
        for scalar in s.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            case "\u{08}": out += "\\b"
            case "\u{0C}": out += "\\f"
            case "<", ">", "&":
                if escapeHTML { out += String(format: "\\u%04x", scalar.value) } else { out.unicodeScalars.append(scalar) }
            case "\u{2028}": out += "\\u2028"
            case "\u{2029}": out += "\\u2029"
            default:
                if scalar.value < 0x20 {
                    out += String(format: "\\u%04x", scalar.value)
                } else {
                    out.unicodeScalars.append(scalar)
                }
            }
        }
        return out + "\""
    }

    // MARK: Decoding

    struct DecodingError: Error { let message: String }

    /// `json.Unmarshal(data, &interface{})`.
    static func decode(_ text: String) throws -> Value {
        let (v, typeError) = try decodeLenient(text)
        if let typeError { throw typeError }
        return v
    }

    /// Like Go, a number that does not fit float64 is a type error found after the
    /// syntax check: decoding continues with nil there, and the error is returned too.
    static func decodeLenient(_ text: String) throws -> (Value, DecodingError?) {
        var p = Parser(bytes: Array(text.utf8))
        p.skipSpace()
        if p.i == p.bytes.count { throw DecodingError(message: "unexpected end of JSON input") }
        let v = try p.value()
        p.skipSpace()
        if p.i < p.bytes.count {
            throw DecodingError(message: "invalid character \(p.describe(p.bytes[p.i])) after top-level value")
        }
        return (v, p.typeError)
    }

    private struct Parser {
        let bytes: [UInt8]
        var i = 0
        var typeError: DecodingError?

        mutating func skipSpace() {
            while i < bytes.count, [0x20, 0x09, 0x0A, 0x0D].contains(bytes[i]) { i += 1 }
        }

        func describe(_ c: UInt8) -> String {
            switch c {
            case UInt8(ascii: "'"): return "'\\''"
            case UInt8(ascii: "\""): return "'\"'"
            default:
                if c < 0x20 { return String(format: "'\\x%02x'", c) }
                if c >= 0x80 {
                    let s = GoStrings.string(bytes[i..<min(i + GoStrings.runeLength(bytes, i), bytes.count)])
                    return "'\(s)'"
                }
                return "'\(Character(Unicode.Scalar(c)))'"
            }
        }

        func eof() -> DecodingError { DecodingError(message: "unexpected end of JSON input") }

        /// An open array or object while parsing; the parser keeps its own stack so
        /// deeply nested input cannot exhaust the thread's stack.
        enum Frame {
            case array([Value])
            case object([String: Value], key: String)
        }

        mutating func value() throws -> Value {
            var stack: [Frame] = []
            while true {
                skipSpace()
                guard i < bytes.count else { throw eof() }
                var v: Value
                let c = bytes[i]
                switch c {
                case UInt8(ascii: "["):
                    i += 1
                    skipSpace()
                    if i < bytes.count, bytes[i] == UInt8(ascii: "]") {
                        i += 1
                        if stack.count >= TemplateLimits.maxValueDepth { throw TemplateLimitError.depth("the JSON document") }
                        v = .list([])
                    } else {
                        try push(&stack, .array([]))
                        continue
                    }
                case UInt8(ascii: "{"):
                    i += 1
                    skipSpace()
                    if i < bytes.count, bytes[i] == UInt8(ascii: "}") {
                        i += 1
                        if stack.count >= TemplateLimits.maxValueDepth { throw TemplateLimitError.depth("the JSON document") }
                        v = .map([:])
                    } else {
                        try push(&stack, .object([:], key: try key()))
                        continue
                    }
                case UInt8(ascii: "\""): v = .string(try string())
                case UInt8(ascii: "t"): v = try literal("true", .bool(true))
                case UInt8(ascii: "f"): v = try literal("false", .bool(false))
                case UInt8(ascii: "n"): v = try literal("null", .null)
                case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"): v = try number()
                default:
                    throw DecodingError(message: "invalid character \(describe(c)) looking for beginning of value")
                }
                // Attach the finished value to the open containers, closing those that end here.
                closing: while true {
                    guard let top = stack.popLast() else { return v }
                    skipSpace()
                    switch top {
                    case .array(var items):
                        items.append(v)
                        guard i < bytes.count else { throw eof() }
                        if bytes[i] == UInt8(ascii: ",") {
                            i += 1
                            stack.append(.array(items))
                            break closing
                        }
                        guard bytes[i] == UInt8(ascii: "]") else {
                            throw DecodingError(message: "invalid character \(describe(bytes[i])) after array element")
                        }
                        i += 1
                        v = .list(items)
                    case .object(var m, let k):
                        m[k] = v
                        guard i < bytes.count else { throw eof() }
                        if bytes[i] == UInt8(ascii: ",") {
                            i += 1
                            stack.append(.object(m, key: try key()))
                            break closing
                        }
                        guard bytes[i] == UInt8(ascii: "}") else {
                            throw DecodingError(message: "invalid character \(describe(bytes[i])) after object key:value pair")
                        }
                        i += 1
                        v = .map(m)
                    }
                }
            }
        }

        /// Go's decoder refuses nesting deeper than 10000; values here stop at
        /// ``TemplateLimits/maxValueDepth``, with an error `fromJson` does not swallow.
        private func push(_ stack: inout [Frame], _ frame: Frame) throws {
            if stack.count >= TemplateLimits.maxValueDepth { throw TemplateLimitError.depth("the JSON document") }
            stack.append(frame)
        }

        /// An object key and its colon.
        mutating func key() throws -> String {
            skipSpace()
            guard i < bytes.count else { throw eof() }
            guard bytes[i] == UInt8(ascii: "\"") else {
                throw DecodingError(message: "invalid character \(describe(bytes[i])) looking for beginning of object key string")
            }
            let k = try string()
            skipSpace()
            guard i < bytes.count else { throw eof() }
            guard bytes[i] == UInt8(ascii: ":") else {
                throw DecodingError(message: "invalid character \(describe(bytes[i])) after object key")
            }
            i += 1
            return k
        }

        mutating func literal(_ word: String, _ v: Value) throws -> Value {
            for expected in word.utf8 {
                guard i < bytes.count else {
                    throw DecodingError(message: "invalid character ' ' in literal \(word) (expecting '\(Character(Unicode.Scalar(expected)))')")
                }
                guard bytes[i] == expected else {
                    throw DecodingError(message: "invalid character \(describe(bytes[i])) in literal \(word) (expecting '\(Character(Unicode.Scalar(expected)))')")
                }
                i += 1
            }
            return v
        }

        mutating func number() throws -> Value {
            let start = i
            if bytes[i] == UInt8(ascii: "-") { i += 1 }
            func digits() { while i < bytes.count, bytes[i] >= 0x30, bytes[i] <= 0x39 { i += 1 } }
            guard i < bytes.count else { throw DecodingError(message: "invalid character ' ' in numeric literal") }
            guard bytes[i] >= 0x30 && bytes[i] <= 0x39 else {
                throw DecodingError(message: "invalid character \(describe(bytes[i])) in numeric literal")
            }
            if bytes[i] == 0x30 { i += 1 } else { digits() }
            if i < bytes.count, bytes[i] == UInt8(ascii: ".") {
                i += 1
                guard i < bytes.count else {
                    throw DecodingError(message: "invalid character ' ' after decimal point in numeric literal")
                }
                guard bytes[i] >= 0x30 && bytes[i] <= 0x39 else {
                    throw DecodingError(message: "invalid character \(describe(bytes[i])) after decimal point in numeric literal")
                }
                digits()
            }
            if i < bytes.count, bytes[i] | 0x20 == UInt8(ascii: "e") {
                i += 1
                if i < bytes.count, bytes[i] == UInt8(ascii: "+") || bytes[i] == UInt8(ascii: "-") { i += 1 }
                guard i < bytes.count else {
                    throw DecodingError(message: "invalid character ' ' in exponent of numeric literal")
                }
                guard bytes[i] >= 0x30 && bytes[i] <= 0x39 else {
                    throw DecodingError(message: "invalid character \(describe(bytes[i])) in exponent of numeric literal")
                }
                digits()
            }
            let text = GoStrings.string(bytes[start..<i])
            guard let d = Double(text), d.isFinite else {
                if typeError == nil {
                    typeError = DecodingError(message: "json: cannot unmarshal number \(text) into Go value of type float64")
                }
                return .null
            }
            return .float64(d)
        }

        mutating func string() throws -> String {
            i += 1
            var out: [UInt8] = []
            while true {
                guard i < bytes.count else { throw eof() }
                let c = bytes[i]
                if c == UInt8(ascii: "\"") { i += 1; break }
                if c < 0x20 {
                    throw DecodingError(message: "invalid character \(describe(c)) in string literal")
                }
                if c != UInt8(ascii: "\\") { out.append(c); i += 1; continue }
                i += 1
                guard i < bytes.count else { throw eof() }
                let e = bytes[i]
                i += 1
                switch e {
                case UInt8(ascii: "\""), UInt8(ascii: "\\"), UInt8(ascii: "/"): out.append(e)
                case UInt8(ascii: "b"): out.append(0x08)
                case UInt8(ascii: "f"): out.append(0x0C)
                case UInt8(ascii: "n"): out.append(0x0A)
                case UInt8(ascii: "r"): out.append(0x0D)
                case UInt8(ascii: "t"): out.append(0x09)
                case UInt8(ascii: "u"):
                    var code = try hex4()
                    if (0xD800..<0xDC00).contains(code), i + 1 < bytes.count,
                       bytes[i] == UInt8(ascii: "\\"), bytes[i + 1] == UInt8(ascii: "u") {
                        let save = i
                        i += 2
                        let low = try hex4()
                        if (0xDC00..<0xE000).contains(low) {
                            code = 0x10000 + ((code - 0xD800) << 10) + (low - 0xDC00)
                        } else {
                            i = save
                        }
                    }
                    let scalar = Unicode.Scalar(code) ?? "\u{FFFD}"
                    out.append(contentsOf: Array(String(scalar).utf8))
                default:
                    i -= 1
                    throw DecodingError(message: "invalid character \(describe(e)) in string escape code")
                }
            }
            return GoStrings.string(out)
        }

        mutating func hex4() throws -> UInt32 {
            var v: UInt32 = 0
            for _ in 0..<4 {
                guard i < bytes.count else { throw eof() }
                guard let d = hexDigit(bytes[i]) else {
                    throw DecodingError(message: "invalid character \(describe(bytes[i])) in \\u hexadecimal character escape")
                }
                v = v * 16 + d
                i += 1
            }
            return v
        }

        func hexDigit(_ c: UInt8) -> UInt32? {
            switch c {
            case 0x30...0x39: return UInt32(c - 0x30)
            case 0x61...0x66: return UInt32(c - 0x61 + 10)
            case 0x41...0x46: return UInt32(c - 0x41 + 10)
            default: return nil
            }
        }

    }
}
