#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#elseif canImport(Musl)
import Musl
#endif

/// Go's `strconv.AppendFloat` for float64, which `fmt` builds every float verb on.
///
/// Digits come from two exact sources: the shortest round-tripping digits (Swift's
/// `description`, the same closest-shortest digits Go's Ryu produces), and C's
/// correctly rounded `%.*e` for a fixed number of digits. Go's own layout rules
/// (`formatDigits`, `fmtE`, `fmtF`) are then applied to those digits.
enum GoFloatFormat {
    /// Decimal digits `0.d1d2d3… × 10^dp` (Go's `decimalSlice`), trailing zeros trimmed.
    struct Digits {
        var d: [UInt8]
        var dp: Int
        var nd: Int { d.count }
    }

    /// The shortest digits that round-trip (`ryuFtoaShortest`). `v` must be finite.
    static func shortestDigits(_ v: Double) -> Digits {
        if v == 0 { return Digits(d: [], dp: 0) }
        let text = abs(v).description
        var digits: [UInt8] = []
        var pointIndex: Int?
        var exp = 0
        var iter = text.utf8.makeIterator()
        var count = 0
        while let c = iter.next() {
            if c == 0x2E {
                pointIndex = count
            } else if c == 0x65 || c == 0x45 {
                var e = ""
                while let x = iter.next() { e.unicodeScalars.append(Unicode.Scalar(x)) }
                exp = Int(e) ?? 0
                break
            } else {
                digits.append(c)
                count += 1
            }
        }
        var dp = (pointIndex ?? count) + exp
        // Strip leading zeros (e.g. "0.001"), adjusting the decimal point.
        var lead = 0
        while lead < digits.count && digits[lead] == 0x30 { lead += 1 }
        digits.removeFirst(lead)
        dp -= lead
        while let last = digits.last, last == 0x30 { digits.removeLast() }
        return Digits(d: digits, dp: dp)
    }

    /// C's `snprintf` with one double argument.
    static func cFormat(_ format: String, _ precision: Int32, _ v: Double) -> String {
        var buffer = [CChar](repeating: 0, count: 512)
        let n = withVaList([precision, v]) { args in
            buffer.withUnsafeMutableBufferPointer { vsnprintf($0.baseAddress, 512, format, args) }
        }
        if n >= 512 {
            var big = [CChar](repeating: 0, count: Int(n) + 1)
            _ = withVaList([precision, v]) { args in
                big.withUnsafeMutableBufferPointer { vsnprintf($0.baseAddress, Int(n) + 1, format, args) }
            }
            return text(big)
        }
        return text(buffer)
    }

    /// The NUL-terminated C string in `chars` (snprintf output is ASCII).
    private static func text(_ chars: [CChar]) -> String {
        let end = chars.firstIndex(of: 0) ?? chars.count
        return String(decoding: chars[..<end].map { UInt8(bitPattern: $0) }, as: UTF8.self)
    }

    /// `count` significant digits, correctly rounded (`ryuFtoaFixed64` / `bigFtoa`).
    static func fixedDigits(_ v: Double, count: Int) -> Digits {
        if v == 0 { return Digits(d: [], dp: 0) }
        let text = cFormat("%.*e", Int32(max(count - 1, 0)), abs(v))
        var digits: [UInt8] = []
        var exp = 0
        var iter = text.utf8.makeIterator()
        while let c = iter.next() {
            if c == 0x2E { continue }
            if c == 0x65 {
                var e = ""
                while let x = iter.next() { e.unicodeScalars.append(Unicode.Scalar(x)) }
                exp = Int(e) ?? 0
                break
            }
            digits.append(c)
        }
        while let last = digits.last, last == 0x30 { digits.removeLast() }
        return Digits(d: digits, dp: exp + 1)
    }

    /// `strconv.FormatFloat(v, fmt, prec, 64)`.
    static func format(_ v: Double, fmt: UInt8, prec: Int) -> [UInt8] {
        if v.isNaN { return Array("NaN".utf8) }
        if v.isInfinite { return Array((v < 0 ? "-Inf" : "+Inf").utf8) }
        let neg = v.sign == .minus
        switch fmt {
        case 0x62: return formatB(v)
        case 0x78, 0x58: return formatX(v, prec: prec, upper: fmt == 0x58)
        default: break
        }
        var prec = prec
        let shortest = prec < 0
        var digs: Digits
        if shortest {
            digs = shortestDigits(v)
            switch fmt {
            case 0x65, 0x45: prec = max(digs.nd - 1, 0)
            case 0x66: prec = max(digs.nd - digs.dp, 0)
            case 0x67, 0x47: prec = digs.nd
            default: break
            }
        } else if fmt == 0x66 {
            var out: [UInt8] = neg ? [0x2D] : []
            out.append(contentsOf: cFormat("%.*f", Int32(prec), abs(v)).utf8)
            return out
        } else {
            var digits = prec
            switch fmt {
            case 0x65, 0x45: digits += 1
            case 0x67, 0x47:
                if prec == 0 { prec = 1 }
                digits = prec
            default: digits = 1
            }
            digs = fixedDigits(v, count: digits)
        }
        return formatDigits(shortest: shortest, neg: neg, digs: digs, prec: prec, fmt: fmt)
    }

    private static func formatDigits(shortest: Bool, neg: Bool, digs: Digits, prec: Int, fmt: UInt8) -> [UInt8] {
        var prec = prec
        switch fmt {
        case 0x65, 0x45:
            return fmtE(neg: neg, d: digs, prec: prec, fmt: fmt)
        case 0x66:
            return fmtF(neg: neg, d: digs, prec: prec)
        case 0x67, 0x47:
            var eprec = prec
            if eprec > digs.nd && digs.nd >= digs.dp { eprec = digs.nd }
            if shortest { eprec = 6 }
            let exp = digs.dp - 1
            if exp < -4 || exp >= eprec {
                if prec > digs.nd { prec = digs.nd }
                return fmtE(neg: neg, d: digs, prec: prec - 1, fmt: fmt + 0x65 - 0x67)
            }
            if prec > digs.dp { prec = digs.nd }
            return fmtF(neg: neg, d: digs, prec: max(prec - digs.dp, 0))
        default:
            return [0x25, fmt]
        }
    }

    private static func fmtE(neg: Bool, d: Digits, prec: Int, fmt: UInt8) -> [UInt8] {
        var dst: [UInt8] = []
        if neg { dst.append(0x2D) }
        dst.append(d.nd != 0 ? d.d[0] : 0x30)
        if prec > 0 {
            dst.append(0x2E)
            var i = 1
            let m = min(d.nd, prec + 1)
            if i < m {
                dst.append(contentsOf: d.d[i..<m])
                i = m
            }
            while i <= prec {
                dst.append(0x30)
                i += 1
            }
        }
        dst.append(fmt)
        var exp = d.dp - 1
        if d.nd == 0 { exp = 0 }
        if exp < 0 {
            dst.append(0x2D)
            exp = -exp
        } else {
            dst.append(0x2B)
        }
        if exp < 10 {
            dst.append(0x30)
            dst.append(UInt8(exp) + 0x30)
        } else if exp < 100 {
            dst.append(UInt8(exp / 10) + 0x30)
            dst.append(UInt8(exp % 10) + 0x30)
        } else {
            dst.append(UInt8(exp / 100) + 0x30)
            dst.append(UInt8((exp / 10) % 10) + 0x30)
            dst.append(UInt8(exp % 10) + 0x30)
        }
        return dst
    }

    private static func fmtF(neg: Bool, d: Digits, prec: Int) -> [UInt8] {
        var dst: [UInt8] = []
        if neg { dst.append(0x2D) }
        if d.dp > 0 {
            var m = min(d.nd, d.dp)
            dst.append(contentsOf: d.d[0..<m])
            while m < d.dp {
                dst.append(0x30)
                m += 1
            }
        } else {
            dst.append(0x30)
        }
        if prec > 0 {
            dst.append(0x2E)
            for i in 1...prec {
                let j = d.dp + i - 1
                dst.append(j >= 0 && j < d.nd ? d.d[j] : 0x30)
            }
        }
        return dst
    }

    /// `%b`: decimal mantissa and binary exponent, `-ddddp±ddd`.
    private static func formatB(_ v: Double) -> [UInt8] {
        let bits = v.bitPattern
        var exp = Int((bits >> 52) & 0x7FF)
        var mant = bits & ((1 << 52) - 1)
        if exp == 0 {
            exp += 1
        } else {
            mant |= 1 << 52
        }
        exp += -1023 - 52
        var s = v.sign == .minus ? "-" : ""
        s += String(mant) + "p" + (exp >= 0 ? "+" : "-") + String(abs(exp))
        return Array(s.utf8)
    }

    /// `%x`: hexadecimal mantissa and binary exponent, `-0x1.23abcp+20`.
    private static func formatX(_ v: Double, prec: Int, upper: Bool) -> [UInt8] {
        let bits = v.bitPattern
        var exp = Int((bits >> 52) & 0x7FF)
        var mant = bits & ((1 << 52) - 1)
        if exp == 0 {
            exp += 1
        } else {
            mant |= 1 << 52
        }
        exp += -1023
        var mantbits = 52
        if mant == 0 { exp = 0 }
        // Shift digits so the leading 1 (if any) is at bit 1<<60.
        mant <<= UInt64(60 - mantbits)
        while mant != 0 && mant & (1 << 60) == 0 {
            mant <<= 1
            exp -= 1
        }
        mantbits = 60
        if prec >= 0 && prec < 15 {
            let shift = UInt64(prec * 4)
            let extra = (mant << shift) & ((1 << 60) - 1)
            mant >>= UInt64(60 - Int(shift))
            if extra | (mant & 1) > 1 << 59 {
                mant += 1
            }
            mant <<= UInt64(60 - Int(shift))
            if mant & (1 << 61) != 0 {
                mant >>= 1
                exp += 1
            }
        }
        let hex: [UInt8] = Array((upper ? "0123456789ABCDEF" : "0123456789abcdef").utf8)
        var dst: [UInt8] = []
        if v.sign == .minus { dst.append(0x2D) }
        dst.append(0x30)
        dst.append(upper ? 0x58 : 0x78)
        dst.append(0x30 + UInt8((mant >> 60) & 1))
        mant <<= 4
        if prec < 0 && mant != 0 {
            dst.append(0x2E)
            while mant != 0 {
                dst.append(hex[Int((mant >> 60) & 15)])
                mant <<= 4
            }
        } else if prec > 0 {
            dst.append(0x2E)
            for _ in 0..<prec {
                dst.append(hex[Int((mant >> 60) & 15)])
                mant <<= 4
            }
        }
        dst.append(upper ? 0x50 : 0x70)
        if exp < 0 {
            dst.append(0x2D)
            exp = -exp
        } else {
            dst.append(0x2B)
        }
        if exp < 100 {
            dst.append(UInt8(exp / 10) + 0x30)
            dst.append(UInt8(exp % 10) + 0x30)
        } else if exp < 1000 {
            dst.append(UInt8(exp / 100) + 0x30)
            dst.append(UInt8((exp / 10) % 10) + 0x30)
            dst.append(UInt8(exp % 10) + 0x30)
        } else {
            dst.append(UInt8(exp / 1000) + 0x30)
            dst.append(UInt8((exp / 100) % 10) + 0x30)
            dst.append(UInt8((exp / 10) % 10) + 0x30)
            dst.append(UInt8(exp % 10) + 0x30)
        }
        return dst
    }
}
