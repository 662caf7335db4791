/// A numeric constant of the template language, classified as Go's
/// `parse.newNumber` does: the same text can be an int, a uint and a float at once
/// (`3`, `3.0`, `'a'`), and which one applies is decided later by the parameter type.
struct NumberLiteral {
    var isInt = false
    var isUint = false
    var isFloat = false
    var isComplex = false
    var int64: Int64 = 0
    var uint64: UInt64 = 0
    var float64: Double = 0
    var real: Double = 0
    var imag: Double = 0

    struct Failure: Error {
        let message: String
    }

    /// Go's `newNumber` for a number, complex or character-constant token.
    static func parse(_ text: String, kind: TokenKind) throws -> NumberLiteral {
        var n = NumberLiteral()
        switch kind {
        case .charConstant:
            let bytes = Array(text.utf8)
            let value: UInt32
            let next: Int
            do {
                (value, _, next) = try GoQuote.unquoteChar(bytes, 1, quote: 0x27)
            } catch {
                throw Failure(message: "invalid syntax")
            }
            if next != bytes.count - 1 || bytes[next] != 0x27 {
                throw Failure(message: "malformed character constant: \(text)")
            }
            n.int64 = Int64(value)
            n.isInt = true
            n.uint64 = UInt64(value)
            n.isUint = true
            n.float64 = Double(value)
            n.isFloat = true
            return n
        case .complex:
            // "1+2i": a real part followed by a signed imaginary part.
            let bytes = Array(text.utf8)
            var split = -1
            var i = bytes.count - 2
            while i > 0 {
                if (bytes[i] == 0x2B || bytes[i] == 0x2D) && bytes[i - 1] != 0x65 && bytes[i - 1] != 0x45
                    && bytes[i - 1] != 0x70 && bytes[i - 1] != 0x50 {
                    split = i
                    break
                }
                i -= 1
            }
            guard split > 0,
                  let re = parseFloat(String(decoding: bytes[0..<split], as: UTF8.self)),
                  let im = parseFloat(String(decoding: bytes[split..<(bytes.count - 1)], as: UTF8.self))
            else { throw Failure(message: "expected integer") }
            n.isComplex = true
            n.real = re
            n.imag = im
            n.simplifyComplex()
            return n
        default:
            break
        }
        if text.utf8.last == 0x69 { // 'i'
            if let f = parseFloat(String(text.dropLast())) {
                n.isComplex = true
                n.real = 0
                n.imag = f
                n.simplifyComplex()
                return n
            }
        }
        let u = parseUint(text)
        if let u {
            n.isUint = true
            n.uint64 = u
        }
        if let i = parseInt(text) {
            n.isInt = true
            n.int64 = i
            if i == 0 {
                n.isUint = true
                n.uint64 = u ?? 0
            }
        }
        if n.isInt {
            n.isFloat = true
            n.float64 = Double(n.int64)
        } else if n.isUint {
            n.isFloat = true
            n.float64 = Double(n.uint64)
        } else if let f = parseFloat(text) {
            if !text.utf8.contains(where: { $0 == 0x2E || $0 == 0x65 || $0 == 0x45 || $0 == 0x70 || $0 == 0x50 }) {
                throw Failure(message: "integer overflow: \(GoFormat.quote(text))")
            }
            n.isFloat = true
            n.float64 = f
            if let i = exactInt64(f) {
                n.isInt = true
                n.int64 = i
            }
            if let u = exactUInt64(f) {
                n.isUint = true
                n.uint64 = u
            }
        }
        if !n.isInt && !n.isUint && !n.isFloat {
            throw Failure(message: "illegal number syntax: \(GoFormat.quote(text))")
        }
        return n
    }

    private mutating func simplifyComplex() {
        isFloat = imag == 0
        if isFloat {
            float64 = real
            if let i = NumberLiteral.exactInt64(real) {
                isInt = true
                int64 = i
            }
            if let u = NumberLiteral.exactUInt64(real) {
                isUint = true
                uint64 = u
            }
        }
    }

    /// `float64(int64(f)) == f` (Go's conversion saturates on amd64; values outside the
    /// range never compare equal).
    static func exactInt64(_ f: Double) -> Int64? {
        guard f.isFinite, f >= -9.223372036854775808e18, f < 9.223372036854775808e18 else { return nil }
        let i = Int64(f)
        return Double(i) == f ? i : nil
    }

    static func exactUInt64(_ f: Double) -> UInt64? {
        guard f.isFinite, f >= 0, f < 1.8446744073709551616e19 else { return nil }
        let u = UInt64(f)
        return Double(u) == f ? u : nil
    }

    // MARK: - strconv

    private static func lower(_ c: UInt8) -> UInt8 { c | 0x20 }

    /// `strconv.underscoreOK`.
    static func underscoreOK(_ text: [UInt8]) -> Bool {
        var s = text[...]
        var saw: UInt8 = 0x5E // '^'
        if let f = s.first, f == 0x2D || f == 0x2B { s = s.dropFirst() }
        var hex = false
        var i = s.startIndex
        if s.count >= 2 && s[i] == 0x30 {
            let l = lower(s[i + 1])
            if l == 0x62 || l == 0x6F || l == 0x78 {
                i += 2
                saw = 0x30
                hex = l == 0x78
            }
        }
        while i < s.endIndex {
            let c = s[i]
            if (c >= 0x30 && c <= 0x39) || (hex && lower(c) >= 0x61 && lower(c) <= 0x66) {
                saw = 0x30
            } else if c == 0x5F {
                if saw != 0x30 { return false }
                saw = 0x5F
            } else {
                if saw == 0x5F { return false }
                saw = 0x21
            }
            i += 1
        }
        return saw != 0x5F
    }

    /// `strconv.ParseUint(s, 0, 64)`.
    static func parseUint(_ text: String) -> UInt64? {
        let s0 = Array(text.utf8)
        guard !s0.isEmpty else { return nil }
        var s = s0[...]
        var base: UInt64 = 10
        if s0[0] == 0x30 {
            if s0.count >= 3 && lower(s0[1]) == 0x62 {
                base = 2
                s = s0[2...]
            } else if s0.count >= 3 && lower(s0[1]) == 0x6F {
                base = 8
                s = s0[2...]
            } else if s0.count >= 3 && lower(s0[1]) == 0x78 {
                base = 16
                s = s0[2...]
            } else {
                base = 8
                s = s0[1...]
            }
        }
        var n: UInt64 = 0
        var underscores = false
        for c in s {
            let d: UInt64
            if c == 0x5F {
                underscores = true
                continue
            } else if c >= 0x30 && c <= 0x39 {
                d = UInt64(c - 0x30)
            } else if lower(c) >= 0x61 && lower(c) <= 0x7A {
                d = UInt64(lower(c) - 0x61 + 10)
            } else {
                return nil
            }
            if d >= base { return nil }
            let (m, o1) = n.multipliedReportingOverflow(by: base)
            if o1 { return nil }
            let (a, o2) = m.addingReportingOverflow(d)
            if o2 { return nil }
            n = a
        }
        if underscores && !underscoreOK(s0) { return nil }
        return n
    }

    /// `strconv.ParseInt(s, 0, 64)`.
    static func parseInt(_ text: String) -> Int64? {
        var s = Substring(text)
        var neg = false
        if s.hasPrefix("+") {
            s = s.dropFirst()
        } else if s.hasPrefix("-") {
            neg = true
            s = s.dropFirst()
        }
        guard let u = parseUint(String(s)) else { return nil }
        let cutoff: UInt64 = 1 << 63
        if !neg && u >= cutoff { return nil }
        if neg && u > cutoff { return nil }
        if neg { return u == cutoff ? Int64.min : -Int64(u) }
        return Int64(u)
    }

    /// `strconv.ParseFloat(s, 64)`, failing on syntax errors and on overflow.
    static func parseFloat(_ text: String) -> Double? {
        let s = Array(text.utf8)
        var i = 0
        guard !s.isEmpty else { return nil }
        var neg = false
        if s[i] == 0x2B {
            i += 1
        } else if s[i] == 0x2D {
            neg = true
            i += 1
        }
        // inf / infinity / nan
        let rest = String(decoding: s[i...], as: UTF8.self).lowercased()
        if rest == "inf" || rest == "infinity" { return nil }
        if rest == "nan" { return nil }
        var hex = false
        if i + 2 < s.count && s[i] == 0x30 && lower(s[i + 1]) == 0x78 {
            hex = true
            i += 2
        }
        var mantissa: [UInt8] = []
        var fraction: [UInt8] = []
        var sawDot = false
        var sawDigits = false
        var underscores = false
        while i < s.count {
            let c = s[i]
            if c == 0x5F {
                underscores = true
            } else if c == 0x2E {
                if sawDot { break }
                sawDot = true
            } else if (c >= 0x30 && c <= 0x39) || (hex && lower(c) >= 0x61 && lower(c) <= 0x66) {
                sawDigits = true
                if sawDot { fraction.append(c) } else { mantissa.append(c) }
            } else {
                break
            }
            i += 1
        }
        guard sawDigits else { return nil }
        var exponent = ""
        let expChar: UInt8 = hex ? 0x70 : 0x65
        if i < s.count && lower(s[i]) == expChar {
            i += 1
            guard i < s.count else { return nil }
            if s[i] == 0x2B {
                i += 1
            } else if s[i] == 0x2D {
                exponent = "-"
                i += 1
            }
            guard i < s.count, s[i] >= 0x30, s[i] <= 0x39 else { return nil }
            while i < s.count && ((s[i] >= 0x30 && s[i] <= 0x39) || s[i] == 0x5F) {
                if s[i] == 0x5F { underscores = true } else { exponent.unicodeScalars.append(Unicode.Scalar(s[i])) }
                i += 1
            }
        } else if hex {
            return nil
        }
        if underscores && !underscoreOK(Array(s[0..<i])) { return nil }
        guard i == s.count else { return nil }
        var normalized = neg ? "-" : ""
        if hex { normalized += "0x" }
        normalized += mantissa.isEmpty ? "0" : String(decoding: mantissa, as: UTF8.self)
        if !fraction.isEmpty { normalized += "." + String(decoding: fraction, as: UTF8.self) }
        if !exponent.isEmpty && exponent != "-" {
            normalized += (hex ? "p" : "e") + exponent
        } else if hex {
            normalized += "p0"
        }
        guard let d = Double(normalized), d.isFinite else { return nil }
        return d
    }
}
