import Foundation

/// Masterminds/semver v3 as sprig's `semver` and `semverCompare` use it.
struct SemverVersion: GoObject, GoJSONMarshaler, Sendable {
    let major: UInt64, minor: UInt64, patch: UInt64
    let pre: String, metadata: String, original: String

    struct Invalid: Error { let message: String }

    private static let versionRegex = try! GoRegexp.compile(
        #"^v?([0-9]+)(\.[0-9]+)?(\.[0-9]+)?(-([0-9A-Za-z\-]+(\.[0-9A-Za-z\-]+)*))?(\+([0-9A-Za-z\-]+(\.[0-9A-Za-z\-]+)*))?$"#)

    /// `semver.NewVersion` (lenient: "v" prefix, missing minor/patch).
    static func parse(_ v: String) throws -> SemverVersion {
        let ns = v as NSString
        guard let m = versionRegex.findAll(ns, 1).first else { throw Invalid(message: "Invalid Semantic Version") }
        func g(_ i: Int) -> String { m[i].location == NSNotFound ? "" : ns.substring(with: m[i]) }
        func num(_ s: String) throws -> UInt64 {
            guard let n = UInt64(s) else {
                throw Invalid(message: "Error parsing version segment: strconv.ParseUint: parsing \(GoFormat.quote(s)): value out of range")
            }
            return n
        }
        let pre = g(5), meta = g(8)
        let version = SemverVersion(major: try num(g(1)), minor: g(2).isEmpty ? 0 : try num(String(g(2).dropFirst())),
                                    patch: g(3).isEmpty ? 0 : try num(String(g(3).dropFirst())),
                                    pre: pre, metadata: meta, original: v)
        if !pre.isEmpty {
            for part in pre.split(separator: ".", omittingEmptySubsequences: false)
            where part.allSatisfy({ $0.isASCII && $0.isNumber }) && part.count > 1 && part.hasPrefix("0") {
                throw Invalid(message: "Version segment starts with 0")
            }
        }
        return version
    }

    var string: String {
        var s = "\(major).\(minor).\(patch)"
        if !pre.isEmpty { s += "-" + pre }
        if !metadata.isEmpty { s += "+" + metadata }
        return s
    }

    var goTypeName: String { "*semver.Version" }
    var goKind: String { "ptr" }
    var goDescription: String { string }
    var goJSONValue: Value { .string(string) }

    func goEquals(_ other: any GoObject) -> Bool? { nil }

    func compare(_ o: SemverVersion) -> Int {
        for (a, b) in [(major, o.major), (minor, o.minor), (patch, o.patch)] where a != b { return a < b ? -1 : 1 }
        if pre.isEmpty && o.pre.isEmpty { return 0 }
        if pre.isEmpty { return 1 }
        if o.pre.isEmpty { return -1 }
        return SemverVersion.comparePrerelease(pre, o.pre)
    }

    static func comparePrerelease(_ v: String, _ o: String) -> Int {
        let sp = v.split(separator: ".", omittingEmptySubsequences: false).map(String.init)
        let op = o.split(separator: ".", omittingEmptySubsequences: false).map(String.init)
        for i in 0..<max(sp.count, op.count) {
            let s = i < sp.count ? sp[i] : "", t = i < op.count ? op[i] : ""
            if s == t { continue }
            if s.isEmpty { return -1 }
            if t.isEmpty { return 1 }
            switch (UInt64(s), UInt64(t)) {
            case let (a?, b?): return a > b ? 1 : -1
            case (nil, nil): return GoStrings.less(t, s) ? 1 : -1
            case (nil, _?): return 1
            case (_?, nil): return -1
            }
        }
        return 0
    }

    func member(_ name: String) -> GoMember? {
        let me = self
        func method(_ v: Value) -> GoMember { .method(TemplateFunction(name) { _ in v }) }
        switch name {
        case "Major": return method(.int64(Int64(bitPattern: major)))
        case "Minor": return method(.int64(Int64(bitPattern: minor)))
        case "Patch": return method(.int64(Int64(bitPattern: patch)))
        case "Prerelease": return method(.string(pre))
        case "Metadata": return method(.string(metadata))
        case "Original": return method(.string(original))
        case "String": return method(.string(string))
        case "Compare", "LessThan", "GreaterThan", "Equal":
            return .method(TemplateFunction(name, [.object(typeName: "*semver.Version")]) { args in
                guard case .object(let o) = SprigArgs.any(args, 0), let other = o as? SemverVersion else {
                    throw TemplateFunctionError("wrong type for value; expected *semver.Version")
                }
                let c = me.compare(other)
                switch name {
                case "Compare": return .int(c)
                case "LessThan": return .bool(c < 0)
                case "GreaterThan": return .bool(c > 0)
                default: return .bool(c == 0)
                }
            })
        default: return nil
        }
    }
}

/// Masterminds/semver v3 constraints (`>= 1.2, < 2`, `^1.2`, `~1.2.x`, `1 - 2`, `||`).
struct SemverConstraints {
    struct Constraint {
        let version: SemverVersion
        let orig: String
        let op: String
        let minorDirty: Bool, patchDirty: Bool, dirty: Bool
    }

    let groups: [[Constraint]]

    private static let cv = #"v?([0-9|x|X|\*]+)(\.[0-9|x|X|\*]+)?(\.[0-9|x|X|\*]+)?(-([0-9A-Za-z\-]+(\.[0-9A-Za-z\-]+)*))?(\+([0-9A-Za-z\-]+(\.[0-9A-Za-z\-]+)*))?"#
    private static let ops = #"=||!=|>|<|>=|=>|<=|=<|~|~>|\^"#
    private static let constraintRegex = try! GoRegexp.compile(#"^\s*("# + ops + #")\s*("# + cv + #")\s*$"#)
    private static let rangeRegex = try! GoRegexp.compile(#"\s*("# + cv + #")\s+-\s+("# + cv + #")\s*"#)
    private static let findRegex = try! GoRegexp.compile("(" + ops + #")\s*("# + cv + ")")
    private static let validRegex = try! GoRegexp.compile(
        #"^(\s*("# + ops + #")\s*("# + cv + #")\s*)((?:\s+|,\s*)("# + ops + #")\s*("# + cv + #")\s*)*$"#)

    static func parse(_ text: String) throws -> SemverConstraints {
        var c = text
        let ns = c as NSString
        for m in rangeRegex.findAll(ns, -1) {
            let whole = ns.substring(with: m[0]), a = ns.substring(with: m[1]), b = ns.substring(with: m[11])
            if let r = c.range(of: whole) { c.replaceSubrange(r, with: ">= \(a), <= \(b)") }
        }
        var groups: [[Constraint]] = []
        for orPart in GoStrings.split(c, "||") {
            guard validRegex.matches(orPart) else { throw SemverVersion.Invalid(message: "improper constraint: \(orPart)") }
            var pieces = findRegex.findAllStrings(orPart, -1)
            if pieces.isEmpty { pieces = [orPart] }
            groups.append(try pieces.map(parseOne))
        }
        return SemverConstraints(groups: groups)
    }

    private static func isX(_ s: String) -> Bool { s == "x" || s == "X" || s == "*" }

    private static func parseOne(_ c: String) throws -> Constraint {
        let ns = c as NSString
        guard let m = constraintRegex.findAll(ns, 1).first else { throw SemverVersion.Invalid(message: "improper constraint: \(c)") }
        func g(_ i: Int) -> String { m[i].location == NSNotFound ? "" : ns.substring(with: m[i]) }
        var ver = g(2)
        var minorDirty = false, patchDirty = false, dirty = false
        if isX(g(3)) || g(3).isEmpty {
            ver = "0.0.0" + g(7); dirty = true
        } else if isX(String(g(4).dropFirst())) || g(4).isEmpty {
            minorDirty = true; dirty = true
            ver = g(3) + ".0.0" + g(7)
        } else if isX(String(g(5).dropFirst())) || g(5).isEmpty {
            dirty = true; patchDirty = true
            ver = g(3) + g(4) + ".0" + g(7)
        }
        guard let v = try? SemverVersion.parse(ver) else { throw SemverVersion.Invalid(message: "constraint Parser Error") }
        return Constraint(version: v, orig: g(2), op: g(1), minorDirty: minorDirty, patchDirty: patchDirty, dirty: dirty)
    }

    func check(_ v: SemverVersion) -> Bool {
        groups.contains { $0.allSatisfy { SemverConstraints.check(v, $0) } }
    }

    private static func check(_ v: SemverVersion, _ c: Constraint) -> Bool {
        let cv = c.version
        if !v.pre.isEmpty && cv.pre.isEmpty { return false }
        switch c.op {
        case "", "=":
            return c.dirty ? tilde(v, c) : v.compare(cv) == 0
        case "!=":
            if c.dirty {
                if cv.major != v.major { return true }
                if cv.minor != v.minor && !c.minorDirty { return true }
                if c.minorDirty { return false }
                if cv.patch != v.patch && !c.patchDirty { return true }
                if c.patchDirty {
                    if !v.pre.isEmpty || !cv.pre.isEmpty { return SemverVersion.comparePrerelease(v.pre, cv.pre) != 0 }
                    return false
                }
            }
            return v.compare(cv) != 0
        case ">":
            if !c.dirty { return v.compare(cv) == 1 }
            if v.major > cv.major { return true }
            if v.major < cv.major || c.minorDirty { return false }
            if c.patchDirty { return v.minor > cv.minor }
            return v.compare(cv) == 1
        case "<": return v.compare(cv) < 0
        case ">=", "=>": return v.compare(cv) >= 0
        case "<=", "=<":
            if !c.dirty { return v.compare(cv) <= 0 }
            if v.major > cv.major { return false }
            if v.major == cv.major && v.minor > cv.minor && !c.minorDirty { return false }
            return true
        case "~", "~>": return tilde(v, c)
        case "^":
            if v.compare(cv) < 0 { return false }
            if cv.major > 0 || c.minorDirty { return v.major == cv.major }
            if v.major > 0 { return false }
            if cv.minor > 0 || c.patchDirty { return v.minor == cv.minor }
            if v.minor > 0 { return false }
            return cv.patch == v.patch
        default: return false
        }
    }

    private static func tilde(_ v: SemverVersion, _ c: Constraint) -> Bool {
        let cv = c.version
        if v.compare(cv) < 0 { return false }
        if cv.major == 0 && cv.minor == 0 && cv.patch == 0 && !c.minorDirty && !c.patchDirty { return true }
        if v.major != cv.major { return false }
        if v.minor != cv.minor && !c.minorDirty { return false }
        return true
    }
}

enum SprigSemver {
    static var functions: [TemplateFunction] {
        [
            TemplateFunction("semver", [.string]) { args in
                do { return .object(try SemverVersion.parse(try SprigArgs.string(args, 0))) } catch let e as SemverVersion.Invalid {
                    throw TemplateFunctionError(e.message)
                }
            },
            TemplateFunction("semverCompare", [.string, .string]) { args in
                do {
                    let c = try SemverConstraints.parse(try SprigArgs.string(args, 0))
                    let v = try SemverVersion.parse(try SprigArgs.string(args, 1))
                    return .bool(c.check(v))
                } catch let e as SemverVersion.Invalid {
                    throw TemplateFunctionError(e.message)
                }
            },
        ]
    }
}
