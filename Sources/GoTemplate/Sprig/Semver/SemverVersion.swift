import Foundation

/// Masterminds/semver v3 as sprig's `semver` and `semverCompare` use it.
struct SemverVersion: GoObject, GoJSONMarshaler, Sendable {
    let major: UInt64, minor: UInt64, patch: UInt64
    let pre: String, metadata: String, original: String

    struct Invalid: Error { let message: String }

    /// A constant pattern; nil only if it failed to compile, which parsing reports.
    private static let versionRegex = try? GoRegexp.compile(
        #"^v?([0-9]+)(\.[0-9]+)?(\.[0-9]+)?(-([0-9A-Za-z\-]+(\.[0-9A-Za-z\-]+)*))?(\+([0-9A-Za-z\-]+(\.[0-9A-Za-z\-]+)*))?$"#)

    /// `semver.NewVersion` (lenient: "v" prefix, missing minor/patch).
    static func parse(_ v: String) throws -> SemverVersion {
        guard let m = versionRegex?.findAllSubmatches(v, 1).first else { throw Invalid(message: "Invalid Semantic Version") }
        func g(_ i: Int) -> String { i < m.count ? m[i] : "" }
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
