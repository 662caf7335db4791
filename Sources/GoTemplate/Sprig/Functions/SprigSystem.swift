import Foundation

/// sprig's path, filepath, OS, network and URL functions.
enum SprigSystem {
    static var functions: [TemplateFunction] {
        typealias A = SprigArgs
        func path(_ names: [String], _ f: @escaping @Sendable (String) -> String) -> [TemplateFunction] {
            names.map { name in TemplateFunction(name, [.string]) { .string(f(try A.string($0, 0))) } }
        }
        var fns: [TemplateFunction] = []
        fns += path(["base", "osBase"], GoPath.base)
        fns += path(["dir", "osDir"], GoPath.dir)
        fns += path(["clean", "osClean"], GoPath.clean)
        fns += path(["ext", "osExt"], GoPath.ext)
        fns += ["isAbs", "osIsAbs"].map { name in
            TemplateFunction(name, [.string]) { .bool(GoStrings.hasPrefix(try A.string($0, 0), "/")) }
        }
        fns += [
            TemplateFunction("env", [.string]) { .string(ProcessInfo.processInfo.environment[try A.string($0, 0)] ?? "") },
            TemplateFunction("expandenv", [.string]) { args in
                let env = ProcessInfo.processInfo.environment
                return .string(expand(try A.string(args, 0)) { env[$0] ?? "" })
            },
            // Rendering never performs network lookups; Go would return a random address.
            TemplateFunction("getHostByName", [.string]) { args in
                throw TemplateFunctionError("getHostByName \(try A.string(args, 0)): DNS lookups are disabled in templates")
            },
            TemplateFunction("urlParse", [.string]) { args in
                let s = try A.string(args, 0)
                do {
                    let u = try GoURL.parse(s)
                    return .map([
                        "scheme": .string(u.scheme), "host": .string(u.host), "hostname": .string(u.hostname),
                        "path": .string(u.path), "query": .string(u.rawQuery), "opaque": .string(u.opaque),
                        "fragment": .string(u.fragment), "userinfo": .string(u.userinfo ?? ""),
                    ])
                } catch let e as GoURL.ParseError {
                    throw TemplateFunctionError("unable to parse url: parse \(GoFormat.quote(s)): \(e.message)")
                }
            },
            TemplateFunction("urlJoin", [.map]) { args in
                let d = try A.map(args, 0)
                func field(_ k: String) throws -> String {
                    guard let v = d[k] else { return "" }
                    guard case .string(let s) = v else {
                        throw TemplateFunctionError("unable to parse \(k) key, must be of type string, but \(v.goKindName) found")
                    }
                    return s
                }
                var u = GoURL()
                u.scheme = try field("scheme"); u.host = try field("host"); u.path = try field("path")
                u.rawQuery = try field("query"); u.opaque = try field("opaque"); u.fragment = try field("fragment")
                let userinfo = try field("userinfo")
                if !userinfo.isEmpty {
                    do {
                        u.userinfo = try GoURL.parse("proto://\(userinfo)@host").userinfo
                    } catch let e as GoURL.ParseError {
                        throw TemplateFunctionError(
                            "unable to parse userinfo in dict: parse \(GoFormat.quote("proto://\(userinfo)@host")): \(e.message)")
                    }
                }
                return .string(u.string)
            },
        ]
        return fns
    }

    /// `os.Expand`: `$NAME`, `${NAME}` and the shell's one-character specials.
    static func expand(_ s: String, _ mapping: (String) -> String) -> String {
        let b = GoStrings.bytes(s)
        var out: [UInt8] = []
        var i = 0
        var j = 0
        var touched = false
        func isSpecial(_ c: UInt8) -> Bool { "*#$@!?-0123456789".utf8.contains(c) }
        func isAlnum(_ c: UInt8) -> Bool {
            c == UInt8(ascii: "_") || (c >= 0x30 && c <= 0x39) || (c | 0x20 >= 0x61 && c | 0x20 <= 0x7A)
        }
        while j < b.count {
            if b[j] == UInt8(ascii: "$") && j + 1 < b.count {
                touched = true
                out += b[i..<j]
                let rest = Array(b[(j + 1)...])
                var name = ""
                var w = 0
                if rest[0] == UInt8(ascii: "{") {
                    if rest.count > 2 && isSpecial(rest[1]) && rest[2] == UInt8(ascii: "}") {
                        name = GoStrings.string(rest[1..<2]); w = 3
                    } else if let close = rest.firstIndex(of: UInt8(ascii: "}")) {
                        if close == 1 { w = 2 } else { name = GoStrings.string(rest[1..<close]); w = close + 1 }
                    } else {
                        w = 1
                    }
                } else if isSpecial(rest[0]) {
                    name = GoStrings.string(rest[0..<1]); w = 1
                } else {
                    while w < rest.count && isAlnum(rest[w]) { w += 1 }
                    name = GoStrings.string(rest[0..<w])
                }
                if name.isEmpty && w > 0 {
                } else if name.isEmpty {
                    out.append(b[j])
                } else {
                    out += GoStrings.bytes(mapping(name))
                }
                j += w
                i = j + 1
            }
            j += 1
        }
        if !touched { return s }
        return GoStrings.string(out + b[min(i, b.count)...])
    }
}
