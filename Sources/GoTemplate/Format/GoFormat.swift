import Foundation

/// Go's `fmt` printing rules for ``Value``.
///
/// Owned by the template core; sprig functions call these entry points
/// (`toString` is `%v`, `cat` is `fmt.Sprint`, `quote` is `%q`).
public enum GoFormat {
    /// `fmt.Sprint(args...)`: spaces only between operands when neither is a string.
    public static func sprint(_ args: [Value]) -> String {
        var p = GoPrinter()
        p.doPrint(args)
        return p.string
    }

    /// `fmt.Sprintln(args...)`: operands separated by spaces, then a newline.
    public static func sprintln(_ args: [Value]) -> String {
        var p = GoPrinter()
        p.doPrintln(args)
        return p.string
    }

    /// `fmt.Sprintf(format, args...)` with every verb, flag and error form of Go.
    public static func sprintf(_ format: String, _ args: [Value]) -> String {
        var p = GoPrinter()
        p.doPrintf(format, args)
        return p.string
    }

    /// `strconv.Quote` / `%q` of a string.
    public static func quote(_ s: String) -> String {
        GoQuote.quote(s)
    }

    /// `strconv.QuoteToASCII` / `%+q` of a string.
    public static func quoteToASCII(_ s: String) -> String {
        GoQuote.quote(s, asciiOnly: true)
    }

    /// `strconv.FormatFloat(d, fmt, prec, 64)`, e.g. `formatFloat(d, "f", -1)` for sprig's
    /// number-to-string conversions.
    public static func formatFloat(_ d: Double, _ fmt: Character, _ prec: Int) -> String {
        String(decoding: GoFloatFormat.format(d, fmt: fmt.asciiValue ?? 0x67, prec: prec), as: UTF8.self)
    }
}

extension Value {
    /// What Go's `%v` prints for this value (and what `{{ . }}` renders); `<nil>` for
    /// `.null`.
    public var goDescription: String {
        switch self {
        case .string(let s): return s
        case .int(let i): return String(i)
        case .int64(let i): return String(i)
        case .bool(let b): return b ? "true" : "false"
        default:
            var p = GoPrinter()
            p.printArg(self, verb: 0x76)
            return p.string
        }
    }
}

extension GoFormat {
    /// `%v` of a float64: `%g` with the shortest round-tripping digits, in exponent
    /// form when the decimal exponent is < -4 or >= 6 (`1e+06`, but `100000`).
    public static func formatFloatV(_ d: Double) -> String {
        String(decoding: GoFloatFormat.format(d, fmt: 0x67, prec: -1), as: UTF8.self)
    }
}
