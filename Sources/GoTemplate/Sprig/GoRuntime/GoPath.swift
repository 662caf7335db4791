import Foundation

/// Go's `path` package (slash-separated, lexical).
enum GoPath {
    static func clean(_ path: String) -> String {
        if path.isEmpty { return "." }
        let rooted = path.hasPrefix("/")
        var parts: [Substring] = []
        for seg in path.split(separator: "/", omittingEmptySubsequences: true) {
            if seg == "." { continue }
            if seg == ".." {
                if let last = parts.last, last != ".." {
                    parts.removeLast()
                } else if !rooted {
                    parts.append(seg)
                }
                continue
            }
            parts.append(seg)
        }
        let joined = parts.joined(separator: "/")
        if rooted { return "/" + joined }
        return joined.isEmpty ? "." : joined
    }

    static func base(_ path: String) -> String {
        if path.isEmpty { return "." }
        var p = Substring(path)
        while p.count > 1 && p.hasSuffix("/") { p = p.dropLast() }
        if p == "/" { return "/" }
        if let i = p.lastIndex(of: "/") { p = p[p.index(after: i)...] }
        return p.isEmpty ? "/" : String(p)
    }

    static func dir(_ path: String) -> String {
        let dirPart: Substring
        if let i = path.lastIndex(of: "/") { dirPart = path[...i] } else { dirPart = "" }
        return clean(String(dirPart))
    }

    static func ext(_ path: String) -> String {
        let b = GoStrings.bytes(path)
        var i = b.count - 1
        while i >= 0 && b[i] != UInt8(ascii: "/") {
            if b[i] == UInt8(ascii: ".") { return GoStrings.string(b[i...]) }
            i -= 1
        }
        return ""
    }
}
