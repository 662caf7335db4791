/// Go's `html`, `js` and `urlquery` template functions; public so the engine's
/// redactor masks a secret in exactly the forms these functions produce.
public enum Escapers {
    /// Go's `evalArgs`: a lone string as is, otherwise `fmt.Sprint` of the arguments
    /// with nil shown as `<no value>`.
    static func evalArgs(_ args: [Value]) -> String {
        if args.count == 1, case .string(let s) = args[0] { return s }
        return GoFormat.sprint(args.map { v in
            if case .null = v { return .string("<no value>") }
            return v
        })
    }

    /// `template.HTMLEscapeString`.
    public static func html(_ s: String) -> String {
        var out: [UInt8] = []
        out.reserveCapacity(s.utf8.count)
        for c in s.utf8 {
            switch c {
            case 0: out.append(contentsOf: [0xEF, 0xBF, 0xBD])
            case 0x22: out.append(contentsOf: "&#34;".utf8)
            case 0x27: out.append(contentsOf: "&#39;".utf8)
            case 0x26: out.append(contentsOf: "&amp;".utf8)
            case 0x3C: out.append(contentsOf: "&lt;".utf8)
            case 0x3E: out.append(contentsOf: "&gt;".utf8)
            default: out.append(c)
            }
        }
        return String(decoding: out, as: UTF8.self)
    }

    private static let hex: [UInt8] = Array("0123456789ABCDEF".utf8)

    /// `template.JSEscapeString`.
    public static func js(_ s: String) -> String {
        var out: [UInt8] = []
        out.reserveCapacity(s.utf8.count)
        for r in s.unicodeScalars {
            let v = r.value
            if v < 0x80 {
                switch v {
                case 0x5C: out.append(contentsOf: [0x5C, 0x5C])
                case 0x27: out.append(contentsOf: [0x5C, 0x27])
                case 0x22: out.append(contentsOf: [0x5C, 0x22])
                case 0x3C: out.append(contentsOf: "\\u003C".utf8)
                case 0x3E: out.append(contentsOf: "\\u003E".utf8)
                case 0x26: out.append(contentsOf: "\\u0026".utf8)
                case 0x3D: out.append(contentsOf: "\\u003D".utf8)
                default:
                    if v < 0x20 {
                        out.append(contentsOf: "\\u00".utf8)
                        out.append(hex[Int(v >> 4)])
                        out.append(hex[Int(v & 0xF)])
                    } else {
                        out.append(UInt8(v))
                    }
                }
            } else if GoQuote.isPrint(r) {
                out.append(contentsOf: String(Character(r)).utf8)
            } else {
                var h = String(v, radix: 16, uppercase: true)
                while h.count < 4 { h = "0" + h }
                out.append(contentsOf: ("\\u" + h).utf8)
            }
        }
        return String(decoding: out, as: UTF8.self)
    }

    /// `url.QueryEscape`.
    public static func queryEscape(_ s: String) -> String {
        var out: [UInt8] = []
        out.reserveCapacity(s.utf8.count)
        for c in s.utf8 {
            switch c {
            case 0x41...0x5A, 0x61...0x7A, 0x30...0x39, 0x2D, 0x5F, 0x2E, 0x7E:
                out.append(c)
            case 0x20:
                out.append(0x2B)
            default:
                out.append(0x25)
                out.append(hex[Int(c >> 4)])
                out.append(hex[Int(c & 0xF)])
            }
        }
        return String(decoding: out, as: UTF8.self)
    }
}
