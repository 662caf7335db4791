/// Go's `strconv` quoting and unquoting rules, which `%q`, sprig's `quote`, and the
/// template parser's string literals depend on.
enum GoQuote {
    private static let lowerHex: [UInt8] = Array("0123456789abcdef".utf8)

    /// `unicode.IsPrint` / `strconv.IsPrint`: letters, marks, numbers, punctuation,
    /// symbols and the ASCII space.
    static func isPrint(_ s: Unicode.Scalar) -> Bool {
        let v = s.value
        if v < 0x80 { return v >= 0x20 && v < 0x7F }
        switch s.properties.generalCategory {
        case .uppercaseLetter, .lowercaseLetter, .titlecaseLetter, .modifierLetter, .otherLetter,
             .nonspacingMark, .spacingMark, .enclosingMark,
             .decimalNumber, .letterNumber, .otherNumber,
             .connectorPunctuation, .dashPunctuation, .openPunctuation, .closePunctuation,
             .initialPunctuation, .finalPunctuation, .otherPunctuation,
             .mathSymbol, .currencySymbol, .modifierSymbol, .otherSymbol:
            return true
        default:
            return false
        }
    }

    /// Appends the escaped form of `r` (Go's `appendEscapedRune`).
    static func appendEscaped(_ r: Unicode.Scalar, quote: UInt8, asciiOnly: Bool, to out: inout [UInt8]) {
        let v = r.value
        if v == UInt32(quote) || v == 0x5C {
            out.append(0x5C)
            out.append(UInt8(v))
            return
        }
        if asciiOnly {
            if v < 0x80 && isPrint(r) {
                out.append(UInt8(v))
                return
            }
        } else if isPrint(r) {
            out.append(contentsOf: String(Character(r)).utf8)
            return
        }
        switch v {
        case 0x07: out.append(contentsOf: [0x5C, 0x61])
        case 0x08: out.append(contentsOf: [0x5C, 0x62])
        case 0x0C: out.append(contentsOf: [0x5C, 0x66])
        case 0x0A: out.append(contentsOf: [0x5C, 0x6E])
        case 0x0D: out.append(contentsOf: [0x5C, 0x72])
        case 0x09: out.append(contentsOf: [0x5C, 0x74])
        case 0x0B: out.append(contentsOf: [0x5C, 0x76])
        default:
            if v < 0x20 || v == 0x7F {
                out.append(contentsOf: [0x5C, 0x78, lowerHex[Int(v >> 4)], lowerHex[Int(v & 0xF)]])
            } else if v < 0x10000 {
                out.append(contentsOf: [0x5C, 0x75])
                for s in stride(from: 12, through: 0, by: -4) { out.append(lowerHex[Int((v >> UInt32(s)) & 0xF)]) }
            } else {
                out.append(contentsOf: [0x5C, 0x55])
                for s in stride(from: 28, through: 0, by: -4) { out.append(lowerHex[Int((v >> UInt32(s)) & 0xF)]) }
            }
        }
    }

    /// `strconv.Quote` (or `QuoteToASCII` when `asciiOnly`).
    static func quote(_ s: String, asciiOnly: Bool = false) -> String {
        var out: [UInt8] = [0x22]
        out.reserveCapacity(s.utf8.count + 2)
        for r in s.unicodeScalars { appendEscaped(r, quote: 0x22, asciiOnly: asciiOnly, to: &out) }
        out.append(0x22)
        return String(decoding: out, as: UTF8.self)
    }

    /// `strconv.QuoteRune` (or `QuoteRuneToASCII`).
    static func quoteRune(_ value: Int64, asciiOnly: Bool = false) -> String {
        var r = Unicode.Scalar(0xFFFD)!
        if value >= 0, value <= 0x10FFFF, let s = Unicode.Scalar(UInt32(value)) { r = s }
        var out: [UInt8] = [0x27]
        appendEscaped(r, quote: 0x27, asciiOnly: asciiOnly, to: &out)
        out.append(0x27)
        return String(decoding: out, as: UTF8.self)
    }

    /// `strconv.CanBackquote`.
    static func canBackquote(_ s: String) -> Bool {
        for r in s.unicodeScalars {
            let v = r.value
            if v == 0xFEFF { return false }
            if v < 0x80 {
                if (v < 0x20 && v != 0x09) || v == 0x60 || v == 0x7F { return false }
            }
        }
        return true
    }

    struct SyntaxError: Error {}

    private static func unhex(_ c: UInt8) -> UInt32? {
        switch c {
        case 0x30...0x39: return UInt32(c - 0x30)
        case 0x61...0x66: return UInt32(c - 0x61 + 10)
        case 0x41...0x46: return UInt32(c - 0x41 + 10)
        default: return nil
        }
    }

    /// `strconv.UnquoteChar` over bytes from `i`: the value, whether it is a multibyte
    /// rune (rather than a raw byte), and the index after it.
    static func unquoteChar(_ s: [UInt8], _ i: Int, quote: UInt8) throws -> (value: UInt32, multibyte: Bool, next: Int) {
        guard i < s.count else { throw SyntaxError() }
        let c = s[i]
        if c == quote && (quote == 0x27 || quote == 0x22) { throw SyntaxError() }
        if c >= 0x80 {
            let (r, w) = decodeRune(s, i)
            return (r, true, i + w)
        }
        if c != 0x5C { return (UInt32(c), false, i + 1) }
        guard i + 1 < s.count else { throw SyntaxError() }
        let e = s[i + 1]
        var j = i + 2
        var value: UInt32
        var multibyte = false
        switch e {
        case 0x61: value = 0x07
        case 0x62: value = 0x08
        case 0x66: value = 0x0C
        case 0x6E: value = 0x0A
        case 0x72: value = 0x0D
        case 0x74: value = 0x09
        case 0x76: value = 0x0B
        case 0x78, 0x75, 0x55:
            let n = e == 0x78 ? 2 : (e == 0x75 ? 4 : 8)
            guard j + n <= s.count else { throw SyntaxError() }
            var v: UInt32 = 0
            for k in 0..<n {
                guard let x = unhex(s[j + k]) else { throw SyntaxError() }
                v = v << 4 | x
            }
            j += n
            if e == 0x78 {
                value = v
                break
            }
            if v > 0x10FFFF || (v >= 0xD800 && v <= 0xDFFF) { throw SyntaxError() }
            value = v
            multibyte = true
        case 0x30...0x37:
            var v = UInt32(e - 0x30)
            guard j + 2 <= s.count else { throw SyntaxError() }
            for k in 0..<2 {
                let x = Int(s[j + k]) - 0x30
                if x < 0 || x > 7 { throw SyntaxError() }
                v = (v << 3) | UInt32(x)
            }
            j += 2
            if v > 255 { throw SyntaxError() }
            value = v
        case 0x5C: value = 0x5C
        case 0x27, 0x22:
            if e != quote { throw SyntaxError() }
            value = UInt32(e)
        default:
            throw SyntaxError()
        }
        return (value, multibyte, j)
    }

    static func decodeRune(_ s: [UInt8], _ i: Int) -> (UInt32, Int) {
        let b0 = s[i]
        if b0 < 0x80 { return (UInt32(b0), 1) }
        func cont(_ j: Int) -> UInt32? {
            guard j < s.count, s[j] & 0xC0 == 0x80 else { return nil }
            return UInt32(s[j] & 0x3F)
        }
        if b0 >= 0xC2 && b0 <= 0xDF, let c1 = cont(i + 1) { return ((UInt32(b0 & 0x1F) << 6) | c1, 2) }
        if b0 >= 0xE0 && b0 <= 0xEF, let c1 = cont(i + 1), let c2 = cont(i + 2) {
            let r = (UInt32(b0 & 0x0F) << 12) | (c1 << 6) | c2
            if r >= 0x800 && !(r >= 0xD800 && r <= 0xDFFF) { return (r, 3) }
        }
        if b0 >= 0xF0 && b0 <= 0xF4, let c1 = cont(i + 1), let c2 = cont(i + 2), let c3 = cont(i + 3) {
            let r = (UInt32(b0 & 0x07) << 18) | (c1 << 12) | (c2 << 6) | c3
            if r >= 0x10000 && r <= 0x10FFFF { return (r, 4) }
        }
        return (0xFFFD, 1)
    }

    private static func appendRune(_ r: UInt32, to out: inout [UInt8]) {
        if let s = Unicode.Scalar(r) {
            out.append(contentsOf: String(Character(s)).utf8)
        } else {
            out.append(contentsOf: [0xEF, 0xBF, 0xBD])
        }
    }

    /// `strconv.Unquote` of a Go string literal (`"..."`, `` `...` `` or `'.'`).
    static func unquote(_ literal: String) throws -> String {
        let s = Array(literal.utf8)
        guard s.count >= 2 else { throw SyntaxError() }
        let q = s[0]
        guard s[s.count - 1] == q else { throw SyntaxError() }
        switch q {
        case 0x60:
            let body = s[1..<(s.count - 1)]
            if body.contains(0x60) { throw SyntaxError() }
            return String(decoding: body.filter { $0 != 0x0D }, as: UTF8.self)
        case 0x22, 0x27:
            var out: [UInt8] = []
            out.reserveCapacity(s.count)
            var i = 1
            let last = s.count - 1
            while i < last {
                if s[i] == 0x0A { throw SyntaxError() }
                let (r, multibyte, next) = try unquoteChar(s, i, quote: q)
                if r < 0x80 || !multibyte {
                    out.append(UInt8(truncatingIfNeeded: r))
                } else {
                    appendRune(r, to: &out)
                }
                i = next
                if q == 0x27 { break }
            }
            guard i == last else { throw SyntaxError() }
            return String(decoding: out, as: UTF8.self)
        default:
            throw SyntaxError()
        }
    }
}
