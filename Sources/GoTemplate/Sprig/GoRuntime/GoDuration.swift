import Foundation

/// Go's `time.Duration` (int64 nanoseconds) with its `String()` form.
struct GoDuration: GoObject, GoJSONMarshaler, Sendable {
    let nanoseconds: Int64
    init(_ ns: Int64) { nanoseconds = ns }

    var goTypeName: String { "time.Duration" }
    var goKind: String { "int64" }
    var goDescription: String { GoDuration.format(nanoseconds) }
    var goJSONValue: Value { .int64(nanoseconds) }

    func member(_ name: String) -> GoMember? {
        let ns = nanoseconds
        switch name {
        case "String": return .method(TemplateFunction(name) { _ in .string(GoDuration.format(ns)) })
        case "Seconds": return .method(TemplateFunction(name) { _ in .float64(Double(ns / 1_000_000_000) + Double(ns % 1_000_000_000) / 1e9) })
        case "Minutes": return .method(TemplateFunction(name) { _ in .float64(Double(ns / 60_000_000_000) + Double(ns % 60_000_000_000) / 6e10) })
        case "Hours": return .method(TemplateFunction(name) { _ in .float64(Double(ns / 3_600_000_000_000) + Double(ns % 3_600_000_000_000) / 3.6e12) })
        case "Nanoseconds": return .method(TemplateFunction(name) { _ in .int64(ns) })
        case "Milliseconds": return .method(TemplateFunction(name) { _ in .int64(ns / 1_000_000) })
        default: return nil
        }
    }

    func goEquals(_ other: any GoObject) -> Bool? {
        (other as? GoDuration).map { $0.nanoseconds == nanoseconds } ?? false
    }

    static func nanoseconds(of v: Value) -> Int64 {
        if case .object(let o) = v, let d = o as? GoDuration { return d.nanoseconds }
        return GoCast.toInt64(v)
    }

    /// `Duration.String()`: "1h2m3.5s", "1.5ms", "0s".
    static func format(_ d: Int64) -> String {
        let neg = d < 0
        var u = d == Int64.min ? UInt64(1) << 63 : UInt64(abs(d))
        var out: String
        /// v/10**prec as ".fff" without trailing zeros, and the integer part.
        func frac(_ v: UInt64, _ prec: Int) -> (String, UInt64) {
            var digits = ""
            var v = v
            var printed = false
            for _ in 0..<prec {
                let digit = v % 10
                printed = printed || digit != 0
                if printed { digits = String(digit) + digits }
                v /= 10
            }
            return (printed ? "." + digits : "", v)
        }
        if u < 1_000_000_000 {
            if u == 0 { return "0s" }
            let (unit, prec): (String, Int) = u < 1000 ? ("ns", 0) : u < 1_000_000 ? ("µs", 3) : ("ms", 6)
            let (f, i) = frac(u, prec)
            out = String(i) + f + unit
        } else {
            let (f, secs) = frac(u, 9)
            u = secs
            out = String(u % 60) + f + "s"
            u /= 60
            if u > 0 {
                out = String(u % 60) + "m" + out
                u /= 60
                if u > 0 { out = String(u) + "h" + out }
            }
        }
        return neg ? "-" + out : out
    }

    struct ParseError: Error { let message: String }

    /// `time.ParseDuration`.
    static func parse(_ s: String) throws -> Int64 {
        let orig = s
        var b = Array(s.utf8)[...]
        func invalid() -> ParseError { ParseError(message: "time: invalid duration " + GoFormat.quote(orig)) }
        var neg = false
        if let c = b.first, c == UInt8(ascii: "-") || c == UInt8(ascii: "+") {
            neg = c == UInt8(ascii: "-")
            b = b.dropFirst()
        }
        if b.elementsEqual("0".utf8) { return 0 }
        if b.isEmpty { throw invalid() }
        var total: UInt64 = 0
        let units: [(String, UInt64)] = [("ns", 1), ("us", 1000), ("µs", 1000), ("μs", 1000), ("ms", 1_000_000),
                                         ("s", 1_000_000_000), ("m", 60_000_000_000), ("h", 3_600_000_000_000)]
        while !b.isEmpty {
            guard let c = b.first, c == UInt8(ascii: ".") || (c >= 0x30 && c <= 0x39) else { throw invalid() }
            var v: UInt64 = 0
            let pl = b.count
            while let c = b.first, c >= 0x30, c <= 0x39 {
                let (m, o1) = v.multipliedReportingOverflow(by: 10)
                let (a, o2) = m.addingReportingOverflow(UInt64(c - 0x30))
                if o1 || o2 || a > 1 << 63 { throw invalid() }
                v = a
                b = b.dropFirst()
            }
            let pre = pl != b.count
            var f: UInt64 = 0, scale: Double = 1
            var post = false
            if b.first == UInt8(ascii: ".") {
                b = b.dropFirst()
                let start = b.count
                var overflow = false
                while let c = b.first, c >= 0x30, c <= 0x39 {
                    if !overflow {
                        if f > (1 << 63 - 1) / 10 { overflow = true } else { f = f * 10 + UInt64(c - 0x30); scale *= 10 }
                    }
                    b = b.dropFirst()
                }
                post = start != b.count
            }
            if !pre && !post { throw invalid() }
            var unitLen = 0
            for c in b {
                if c == UInt8(ascii: ".") || (c >= 0x30 && c <= 0x39) { break }
                unitLen += 1
            }
            if unitLen == 0 { throw ParseError(message: "time: missing unit in duration " + GoFormat.quote(orig)) }
            let unitText = String(decoding: b.prefix(unitLen), as: UTF8.self)
            b = b.dropFirst(unitLen)
            guard let unit = units.first(where: { $0.0 == unitText })?.1 else {
                throw ParseError(message: "time: unknown unit " + GoFormat.quote(unitText) + " in duration " + GoFormat.quote(orig))
            }
            let (vm, o) = v.multipliedReportingOverflow(by: unit)
            if o || vm > 1 << 63 { throw invalid() }
            v = vm
            if f > 0 {
                let fraction = Double(f) * (Double(unit) / scale)
                guard fraction < 0x1p63 else { throw invalid() }
                let (sum, over) = v.addingReportingOverflow(UInt64(fraction))
                if over || sum > 1 << 63 { throw invalid() }
                v = sum
            }
            // Two terms of 2^63 each would wrap a UInt64: Go reports the overflow.
            let (sum, over) = total.addingReportingOverflow(v)
            if over || sum > 1 << 63 { throw invalid() }
            total = sum
        }
        if neg { return total == 1 << 63 ? Int64.min : -Int64(total) }
        if total > UInt64(Int64.max) { throw invalid() }
        return Int64(total)
    }

    /// `Duration.Round(m)`: halves away from zero.
    static func round(_ d: Int64, _ m: Int64) -> Int64 {
        guard m > 0 else { return d }
        var r = d % m
        if d < 0 {
            r = -r
            if r + r < m { return d + r }
            let (v, o) = d.subtractingReportingOverflow(m - r)
            return o ? Int64.min : v
        }
        if r + r < m { return d - r }
        let (v, o) = d.addingReportingOverflow(m - r)
        return o ? Int64.max : v
    }
}
