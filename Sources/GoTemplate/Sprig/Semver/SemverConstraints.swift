import Foundation

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
    private static let constraintRegex = try? GoRegexp.compile(#"^\s*("# + ops + #")\s*("# + cv + #")\s*$"#)
    private static let rangeRegex = try? GoRegexp.compile(#"\s*("# + cv + #")\s+-\s+("# + cv + #")\s*"#)
    private static let findRegex = try? GoRegexp.compile("(" + ops + #")\s*("# + cv + ")")
    private static let validRegex = try? GoRegexp.compile(
        #"^(\s*("# + ops + #")\s*("# + cv + #")\s*)((?:\s+|,\s*)("# + ops + #")\s*("# + cv + #")\s*)*$"#)

    static func parse(_ text: String) throws -> SemverConstraints {
        var c = text
        for m in rangeRegex?.findAllSubmatches(c, -1) ?? [] {
            let whole = m[0], a = m[1], b = m[11]
            if let r = c.range(of: whole) { c.replaceSubrange(r, with: ">= \(a), <= \(b)") }
        }
        var groups: [[Constraint]] = []
        for orPart in GoStrings.split(c, "||") {
            guard validRegex?.matches(orPart) == true else { throw SemverVersion.Invalid(message: "improper constraint: \(orPart)") }
            var pieces = findRegex?.findAllStrings(orPart, -1) ?? []
            if pieces.isEmpty { pieces = [orPart] }
            groups.append(try pieces.map(parseOne))
        }
        return SemverConstraints(groups: groups)
    }

    private static func isX(_ s: String) -> Bool { s == "x" || s == "X" || s == "*" }

    private static func parseOne(_ c: String) throws -> Constraint {
        guard let m = constraintRegex?.findAllSubmatches(c, 1).first else { throw SemverVersion.Invalid(message: "improper constraint: \(c)") }
        func g(_ i: Int) -> String { i < m.count ? m[i] : "" }
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
