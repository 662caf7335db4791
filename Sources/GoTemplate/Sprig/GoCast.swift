import Foundation

/// spf13/cast's `ToInt64` / `ToInt` / `ToFloat64` as sprig v3.2.3 calls them:
/// unconvertible values become 0 instead of failing, strings go through Go's
/// `strconv` parsers (base prefixes, `12.0` trimmed to `12`, but `" 7"` fails).
enum GoCast {
    static func toInt64(_ v: Value) -> Int64 {
        switch v {
        case .null: return 0
        case .bool(let b): return b ? 1 : 0
        case .int(let i): return Int64(i)
        case .int64(let i): return i
        case .float64(let d): return goFloatToInt64(d)
        case .string(let s): return GoStrconv.parseInt(trimZeroDecimal(s)) ?? 0
        case .bytes, .list, .map, .object: return 0
        }
    }

    static func toInt(_ v: Value) -> Int { Int(toInt64(v)) }

    static func toFloat64(_ v: Value) -> Double {
        switch v {
        case .null: return 0
        case .bool(let b): return b ? 1 : 0
        case .int(let i): return Double(i)
        case .int64(let i): return Double(i)
        case .float64(let d): return d
        case .string(let s): return GoStrconv.parseFloat(s) ?? 0
        case .bytes, .list, .map, .object: return 0
        }
    }

    /// Go's `int64(f)` on amd64: NaN and out-of-range values become MinInt64.
    static func goFloatToInt64(_ d: Double) -> Int64 {
        guard d.isFinite, d >= -9.223372036854775808e18, d < 9.223372036854775808e18 else {
            return Int64.min
        }
        return Int64(d)
    }

    /// cast's `trimZeroDecimal`: "12.000" → "12", "12.5" unchanged.
    static func trimZeroDecimal(_ s: String) -> String {
        var foundZero = false
        let bytes = Array(s.utf8)
        var i = bytes.count
        while i > 0 {
            switch bytes[i - 1] {
            case UInt8(ascii: "."):
                if foundZero { return String(decoding: bytes[..<(i - 1)], as: UTF8.self) }
                return s
            case UInt8(ascii: "0"):
                foundZero = true
            default:
                return s
            }
            i -= 1
        }
        return s
    }
}

/// The parts of Go's `strconv` that sprig's conversions depend on.
enum GoStrconv {
    /// `strconv.ParseInt(s, 0, 64)`: optional sign, `0x`/`0o`/`0b`/leading-`0`
    /// prefixes, `_` separators; nil on syntax or range errors.
    static func parseInt(_ s: String) -> Int64? {
        var chars = Array(s.utf8)
        guard !chars.isEmpty else { return nil }
        var negative = false
        if chars[0] == UInt8(ascii: "+") || chars[0] == UInt8(ascii: "-") {
            negative = chars[0] == UInt8(ascii: "-")
            chars.removeFirst()
        }
        guard let magnitude = parseUnsigned(chars) else { return nil }
        if negative {
            if magnitude > UInt64(Int64.max) + 1 { return nil }
            return magnitude == UInt64(Int64.max) + 1 ? Int64.min : -Int64(magnitude)
        }
        return magnitude > UInt64(Int64.max) ? nil : Int64(magnitude)
    }

    /// `strconv.ParseUint(s, 0, 64)` without a sign.
    static func parseUnsigned(_ input: [UInt8]) -> UInt64? {
        guard !input.isEmpty else { return nil }
        var chars = input
        var base: UInt64 = 10
        if chars[0] == UInt8(ascii: "0") {
            if chars.count >= 3 {
                switch chars[1] | 0x20 {
                case UInt8(ascii: "x"): base = 16; chars.removeFirst(2)
                case UInt8(ascii: "o"): base = 8; chars.removeFirst(2)
                case UInt8(ascii: "b"): base = 2; chars.removeFirst(2)
                default: base = 8; chars.removeFirst(1)
                }
            } else if chars.count == 2 {
                let c = chars[1] | 0x20
                if c == UInt8(ascii: "x") || c == UInt8(ascii: "o") || c == UInt8(ascii: "b") { return nil }
                base = 8
                chars.removeFirst(1)
            } else {
                return 0
            }
        }
        if chars.contains(UInt8(ascii: "_")) {
            guard underscoreOK(input) else { return nil }
            chars.removeAll { $0 == UInt8(ascii: "_") }
        }
        guard !chars.isEmpty else { return nil }
        var value: UInt64 = 0
        for c in chars {
            let digit: UInt64
            switch c {
            case UInt8(ascii: "0")...UInt8(ascii: "9"): digit = UInt64(c - UInt8(ascii: "0"))
            case UInt8(ascii: "a")...UInt8(ascii: "z"): digit = UInt64(c - UInt8(ascii: "a") + 10)
            case UInt8(ascii: "A")...UInt8(ascii: "Z"): digit = UInt64(c - UInt8(ascii: "A") + 10)
            default: return nil
            }
            guard digit < base else { return nil }
            let (m, o1) = value.multipliedReportingOverflow(by: base)
            let (a, o2) = m.addingReportingOverflow(digit)
            if o1 || o2 { return nil }
            value = a
        }
        return value
    }

    /// Go's rule: `_` only between digits or after a base prefix.
    private static func underscoreOK(_ s: [UInt8]) -> Bool {
        var saw: Character = "^"
        var i = 0
        var chars = s
        if let f = chars.first, f == UInt8(ascii: "-") || f == UInt8(ascii: "+") { chars.removeFirst() }
        var hex = false
        if chars.count >= 2, chars[0] == UInt8(ascii: "0") {
            let c = chars[1] | 0x20
            if c == UInt8(ascii: "b") || c == UInt8(ascii: "o") || c == UInt8(ascii: "x") {
                i = 2
                saw = "0"
                hex = c == UInt8(ascii: "x")
            }
        }
        while i < chars.count {
            let c = chars[i]
            let lower = c | 0x20
            if (c >= UInt8(ascii: "0") && c <= UInt8(ascii: "9"))
                || (hex && lower >= UInt8(ascii: "a") && lower <= UInt8(ascii: "f")) {
                saw = "0"
            } else if c == UInt8(ascii: "_") {
                if saw != "0" { return false }
                saw = "_"
            } else {
                if saw == "_" { return false }
                saw = "!"
            }
            i += 1
        }
        return saw != "_"
    }

    /// `strconv.ParseFloat(s, 64)`; nil on syntax errors and on overflow
    /// (Go returns ±Inf with ErrRange there, which cast turns into 0).
    static func parseFloat(_ s: String) -> Double? {
        guard !s.isEmpty else { return nil }
        let lower = s.lowercased()
        var body = Substring(lower)
        if body.first == "+" || body.first == "-" { body = body.dropFirst() }
        switch body {
        case "inf", "infinity": return s.hasPrefix("-") ? -.infinity : .infinity
        case "nan": return .nan
        default: break
        }
        guard body.allSatisfy({ "0123456789abcdefxp._+-".contains($0) }) else { return nil }
        var text = lower
        if body.hasPrefix("0x") {
            guard body.contains("p") else { return nil }
        } else if body.contains("p") || body.contains("x") {
            return nil
        }
        if text.contains("_") {
            // Go accepts `_` only between digits (or after a base prefix).
            let chars = Array(text)
            for (i, c) in chars.enumerated() where c == "_" {
                let before = i > 0 ? chars[i - 1] : " ", after = i + 1 < chars.count ? chars[i + 1] : " "
                guard before.isHexDigit || before == "x", after.isHexDigit else { return nil }
            }
            text.removeAll { $0 == "_" }
        }
        guard let d = Double(text) else { return nil }
        return d.isInfinite ? nil : d
    }
}
