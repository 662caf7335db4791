import Foundation

/// The parts of Go's `net/url` that sprig's `urlParse` / `urlJoin` expose.
struct GoURL {
    struct ParseError: Error { let message: String }

    var scheme = ""
    var opaque = ""
    /// `User.String()`: escaped username, `:password` when one was given.
    var userinfo: String?
    var host = ""
    var path = ""
    var rawQuery = ""
    var fragment = ""

    /// `Hostname()`: the host without port and IPv6 brackets.
    var hostname: String {
        if host.hasPrefix("[") {
            if let close = host.firstIndex(of: "]") { return String(host[host.index(after: host.startIndex)..<close]) }
            return String(host.dropFirst())
        }
        if let colon = host.lastIndex(of: ":") { return String(host[..<colon]) }
        return host
    }

    /// `url.Parse`.
    static func parse(_ raw: String) throws -> GoURL {
        var u = GoURL()
        var rest = raw
        if let hash = rest.firstIndex(of: "#") {
            u.fragment = try unescape(String(rest[rest.index(after: hash)...]), mode: .fragment)
            rest = String(rest[..<hash])
        }
        if rest.unicodeScalars.contains(where: { $0.value < 0x20 || $0.value == 0x7F }) {
            throw ParseError(message: "net/url: invalid control character in URL")
        }
        if rest.isEmpty { return u }
        if rest == "*" { u.path = "*"; return u }
        (u.scheme, rest) = try splitScheme(rest)
        u.scheme = u.scheme.lowercased()
        if rest.hasSuffix("?") && rest.filter({ $0 == "?" }).count == 1 {
            rest.removeLast()
        } else if let q = rest.firstIndex(of: "?") {
            u.rawQuery = String(rest[rest.index(after: q)...])
            rest = String(rest[..<q])
        }
        if !rest.hasPrefix("/") {
            if !u.scheme.isEmpty {
                u.opaque = rest
                return u
            }
            if let colon = rest.firstIndex(of: ":"), !rest[..<colon].contains("/") {
                throw ParseError(message: "first path segment in URL cannot contain colon")
            }
        }
        if (!u.scheme.isEmpty || !rest.hasPrefix("///")) && rest.hasPrefix("//") {
            let afterSlashes = rest.dropFirst(2)
            let authority: Substring
            if let slash = afterSlashes.firstIndex(of: "/") {
                authority = afterSlashes[..<slash]
                rest = String(afterSlashes[slash...])
            } else {
                authority = afterSlashes
                rest = ""
            }
            var hostPart = authority
            if let at = authority.lastIndex(of: "@") {
                let info = authority[..<at]
                let allowed = "-._:~!$&'()*+,;=%@"
                guard info.unicodeScalars.allSatisfy({ ($0.isASCII && ($0.properties.isAlphabetic || ("0"..."9").contains($0))) || allowed.unicodeScalars.contains($0) }) else {
                    throw ParseError(message: "net/url: invalid userinfo")
                }
                hostPart = authority[authority.index(after: at)...]
                if let colon = info.firstIndex(of: ":") {
                    let user = try unescape(String(info[..<colon]), mode: .userinfo)
                    let pass = try unescape(String(info[info.index(after: colon)...]), mode: .userinfo)
                    u.userinfo = escape(user, mode: .userinfo) + ":" + escape(pass, mode: .userinfo)
                } else {
                    u.userinfo = escape(try unescape(String(info), mode: .userinfo), mode: .userinfo)
                }
            }
            u.host = try unescape(String(hostPart), mode: .host)
        }
        u.path = try unescape(rest, mode: .path)
        return u
    }

    private static func splitScheme(_ raw: String) throws -> (String, String) {
        for (i, c) in raw.unicodeScalars.enumerated() {
            switch c {
            case "a"..."z", "A"..."Z": continue
            case "0"..."9", "+", "-", ".":
                if i == 0 { return ("", raw) }
            case ":":
                if i == 0 { throw ParseError(message: "missing protocol scheme") }
                let idx = raw.unicodeScalars.index(raw.unicodeScalars.startIndex, offsetBy: i)
                return (String(raw.unicodeScalars[..<idx]), String(raw.unicodeScalars[raw.unicodeScalars.index(after: idx)...]))
            default:
                return ("", raw)
            }
        }
        return ("", raw)
    }

    enum Mode { case path, host, userinfo, fragment, query }

    static func unescape(_ s: String, mode: Mode) throws -> String {
        let b = GoStrings.bytes(s)
        guard b.contains(UInt8(ascii: "%")) else { return s }
        var out: [UInt8] = []
        var i = 0
        while i < b.count {
            if b[i] == UInt8(ascii: "%") {
                guard i + 2 < b.count, let h = hexValue(b[i + 1]), let l = hexValue(b[i + 2]) else {
                    let end = min(i + 3, b.count)
                    throw ParseError(message: "invalid URL escape \(GoFormat.quote(GoStrings.string(b[i..<end])))")
                }
                out.append(h << 4 | l)
                i += 3
            } else {
                out.append(b[i])
                i += 1
            }
        }
        return GoStrings.string(out)
    }

    private static func hexValue(_ c: UInt8) -> UInt8? {
        switch c {
        case 0x30...0x39: return c - 0x30
        case 0x61...0x66: return c - 0x61 + 10
        case 0x41...0x46: return c - 0x41 + 10
        default: return nil
        }
    }

    /// Go's `shouldEscape` per component.
    static func escape(_ s: String, mode: Mode) -> String {
        var out = ""
        for c in s.utf8 {
            if shouldKeep(c, mode) {
                out.unicodeScalars.append(Unicode.Scalar(c))
            } else {
                out += String(format: "%%%02X", c)
            }
        }
        return out
    }

    private static func shouldKeep(_ c: UInt8, _ mode: Mode) -> Bool {
        switch c {
        case 0x30...0x39, 0x41...0x5A, 0x61...0x7A, UInt8(ascii: "-"), UInt8(ascii: "_"), UInt8(ascii: "."), UInt8(ascii: "~"):
            return true
        default: break
        }
        if mode == .host && c >= 0x80 { return true }
        let ch = Character(Unicode.Scalar(c))
        switch mode {
        case .host:
            return "!$&'()*+,;=:[]<>\"".contains(ch)
        case .path:
            return "$&+,/:;=@".contains(ch)
        case .userinfo:
            return "$&+,;=!'()*".contains(ch)
        case .fragment:
            return "$&+,/:;=?@!()*".contains(ch)
        case .query:
            return false
        }
    }

    /// `URL.String()`.
    var string: String {
        var out = ""
        if !scheme.isEmpty { out += scheme + ":" }
        if !opaque.isEmpty {
            out += opaque
        } else {
            if !scheme.isEmpty || !host.isEmpty || userinfo != nil {
                if !host.isEmpty || !path.isEmpty || userinfo != nil { out += "//" }
                if let userinfo { out += userinfo + "@" }
                if !host.isEmpty { out += GoURL.escape(host, mode: .host) }
            }
            let p = GoURL.escape(path, mode: .path)
            if !p.isEmpty && !p.hasPrefix("/") && !host.isEmpty { out += "/" }
            if out.isEmpty, let seg = p.split(separator: "/", omittingEmptySubsequences: false).first, seg.contains(":") {
                out += "./"
            }
            out += p
        }
        if !rawQuery.isEmpty { out += "?" + rawQuery }
        if !fragment.isEmpty { out += "#" + GoURL.escape(fragment, mode: .fragment) }
        return out
    }
}
