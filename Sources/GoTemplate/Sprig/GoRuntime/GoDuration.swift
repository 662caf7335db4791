import Durations

/// Go's `time.Duration` (int64 nanoseconds) with its `String()` form.
struct GoDuration: GoObject, GoJSONMarshaler, Sendable {
    let nanoseconds: Int64
    init(_ ns: Int64) { nanoseconds = ns }

    var goTypeName: String { "time.Duration" }
    var goKind: String { "int64" }
    var goDescription: String { GoDuration.format(nanoseconds) }
    var goJSONValue: Value { .int64(nanoseconds) }

    func member(_ name: String) -> GoMember? {
        let ns = nanoseconds
        switch name {
        case "String": return .method(TemplateFunction(name) { _ in .string(GoDuration.format(ns)) })
        case "Seconds": return .method(TemplateFunction(name) { _ in .float64(Double(ns / 1_000_000_000) + Double(ns % 1_000_000_000) / 1e9) })
        case "Minutes": return .method(TemplateFunction(name) { _ in .float64(Double(ns / 60_000_000_000) + Double(ns % 60_000_000_000) / 6e10) })
        case "Hours": return .method(TemplateFunction(name) { _ in .float64(Double(ns / 3_600_000_000_000) + Double(ns % 3_600_000_000_000) / 3.6e12) })
        case "Nanoseconds": return .method(TemplateFunction(name) { _ in .int64(ns) })
        case "Milliseconds": return .method(TemplateFunction(name) { _ in .int64(ns / 1_000_000) })
        default: return nil
        }
    }

    func goEquals(_ other: any GoObject) -> Bool? {
        (other as? GoDuration).map { $0.nanoseconds == nanoseconds } ?? false
    }

    static func nanoseconds(of v: Value) -> Int64 {
        if case .object(let o) = v, let d = o as? GoDuration { return d.nanoseconds }
        return GoCast.toInt64(v)
    }

    /// `Duration.String()`: "1h2m3.5s", "1.5ms", "0s".
    static func format(_ d: Int64) -> String { DurationText.go(d) }

    struct ParseError: Error { let message: String }

    /// `time.ParseDuration`, through the project's one grammar, worded as Go words it.
    static func parse(_ s: String) throws -> Int64 {
        do {
            return try DurationGrammar.nanoseconds(s, units: .go)
        } catch {
            switch error {
            case .missingUnit:
                throw ParseError(message: "time: missing unit in duration " + GoFormat.quote(s))
            case let .unknownUnit(unit, _):
                throw ParseError(message: "time: unknown unit " + GoFormat.quote(unit) + " in duration " + GoFormat.quote(s))
            case .empty, .invalid, .outOfRange:
                throw ParseError(message: "time: invalid duration " + GoFormat.quote(s))
            }
        }
    }

    /// `Duration.Round(m)`: halves away from zero.
    static func round(_ d: Int64, _ m: Int64) -> Int64 {
        guard m > 0 else { return d }
        var r = d % m
        if d < 0 {
            r = -r
            if r + r < m { return d + r }
            let (v, o) = d.subtractingReportingOverflow(m - r)
            return o ? Int64.min : v
        }
        if r + r < m { return d - r }
        let (v, o) = d.addingReportingOverflow(m - r)
        return o ? Int64.max : v
    }
}
