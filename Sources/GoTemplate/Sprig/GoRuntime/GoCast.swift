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
