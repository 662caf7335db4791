import Foundation

/// Go's `fmt` printing rules for ``Value``.
///
/// Owned by the template core; sprig functions call these entry points
/// (`toString` is `%v`, `cat` is `fmt.Sprint`, `quote` is `%q`).
public enum GoFormat {
    /// `fmt.Sprint(args...)`: spaces only between operands when neither is a string.
    public static func sprint(_ args: [Value]) -> String {
        var out = ""
        var previousWasString = false
        for (i, arg) in args.enumerated() {
            let isString: Bool
            if case .string = arg { isString = true } else { isString = false }
            if i > 0 && !isString && !previousWasString { out += " " }
            out += arg.goDescription
            previousWasString = isString
        }
        return out
    }

    /// `strconv.Quote` / `%q` of a string.
    public static func quote(_ s: String) -> String {
        var out = "\""
        for scalar in s.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\t": out += "\\t"
            case "\r": out += "\\r"
            default:
                if scalar.value < 0x20 || scalar.value == 0x7f {
                    out += String(format: "\\x%02x", scalar.value)
                } else {
                    out.unicodeScalars.append(scalar)
                }
            }
        }
        return out + "\""
    }
}

extension Value {
    /// What Go's `%v` prints for this value (and what `{{ . }}` renders).
    public var goDescription: String {
        switch self {
        case .null: return "<nil>"
        case .bool(let b): return b ? "true" : "false"
        case .int(let i): return String(i)
        case .int64(let i): return String(i)
        case .float64(let d): return GoFormat.formatFloatV(d)
        case .string(let s): return s
        case .bytes(let b): return "[" + b.map(String.init).joined(separator: " ") + "]"
        case .list(let items, _): return "[" + items.map(\.goDescription).joined(separator: " ") + "]"
        case .map(let m):
            return "map[" + m.keys.sorted().map { "\($0):\(m[$0]!.goDescription)" }.joined(separator: " ") + "]"
        case .object(let o): return o.goDescription
        }
    }
}

extension GoFormat {
    /// `%v` of a float64: shortest representation, exponent form when the exponent is
    /// < -4 or >= 21 (Go's `%v` rule, with precision 21 for the shortest form).
    public static func formatFloatV(_ d: Double) -> String {
        if d.isNaN { return "NaN" }
        if d.isInfinite { return d < 0 ? "-Inf" : "+Inf" }
        if d == d.rounded(), abs(d) < 1e21 { return String(format: "%.0f", d) }
        return "\(d)"
    }
}
