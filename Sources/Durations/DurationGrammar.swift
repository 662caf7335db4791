/// The one duration grammar of the project: Go's `time.ParseDuration`, byte for
/// byte, optionally extended with days and weeks.
///
/// Kanister parses every duration with `time.ParseDuration`, so a blueprint that
/// loads here must mean the same thing there: `1h30m`, `1.5h`, `300ms`, `-1.5h`,
/// `1h2m3.5s`, units `ns us µs μs ms s m h`, an optional sign, fractions, and
/// "invalid duration" on anything that overflows an `Int64` of nanoseconds. No
/// whitespace is trimmed, as in Go. Our own fields (phase and action timeouts,
/// retry backoffs, `artifacts prune --older-than`) also take `d` (24h) and `w`
/// (7d), because retention and long freezes are naturally counted in days.
///
/// It lives in a target of its own, with no dependencies, so that blueprints
/// (`BlueprintModel`), templates (`GoTemplate`'s `time.Duration`) and profiles
/// (`ObjectStore`'s timeouts) read durations the same way. Each of them words
/// a ``Failure`` for its own readers: Go's exact messages in templates, hints in
/// blueprint diagnostics.
public enum DurationGrammar {
    /// Which units a field accepts: Go's alone (Kanister's function arguments and
    /// templates) or also days and weeks (our own fields and the CLI).
    public enum Units: Sendable {
        case go
        case withDaysAndWeeks
    }

    /// Why a text is not a duration, in Go's categories; the text itself is the
    /// caller's, so each caller quotes it as its readers need.
    public enum Failure: Error, Sendable, Equatable {
        case empty
        case missingUnit
        /// `daysAndWeeksOnlyInOurFields`: the unit is `d` or `w`, refused only
        /// because the field follows Go.
        case unknownUnit(String, daysAndWeeksOnlyInOurFields: Bool)
        case invalid
        /// Beyond ±2562047h47m16.854775807s, the range of Go's `time.Duration`.
        case outOfRange
    }

    private static let goUnits: [[UInt8]: UInt64] = [
        Array("ns".utf8): 1,
        Array("us".utf8): 1_000,
        Array("µs".utf8): 1_000, // U+00B5 MICRO SIGN
        Array("μs".utf8): 1_000, // U+03BC GREEK SMALL LETTER MU
        Array("ms".utf8): 1_000_000,
        Array("s".utf8): 1_000_000_000,
        Array("m".utf8): 60_000_000_000,
        Array("h".utf8): 3_600_000_000_000,
    ]

    private static let extendedUnits: [[UInt8]: UInt64] = goUnits.merging([
        Array("d".utf8): 86_400_000_000_000,
        Array("w".utf8): 604_800_000_000_000,
    ]) { first, _ in first }

    /// 2^63: the magnitude of `Int64.min`, the largest a negative duration may reach.
    private static let limit: UInt64 = 1 << 63

    /// The duration in nanoseconds, following Go's `time.ParseDuration` step by step.
    public static func nanoseconds(_ text: String, units: Units) throws(Failure) -> Int64 {
        let table = units == .go ? goUnits : extendedUnits
        var s = ArraySlice(text.utf8)
        var negative = false
        if let sign = s.first, sign == UInt8(ascii: "-") || sign == UInt8(ascii: "+") {
            negative = sign == UInt8(ascii: "-")
            s = s.dropFirst()
        }
        if s.elementsEqual("0".utf8) { return 0 }
        if s.isEmpty { throw text.isEmpty ? .empty : .invalid }
        var total: UInt64 = 0
        while let first = s.first {
            guard first == UInt8(ascii: ".") || isDigit(first) else { throw .invalid }
            // The whole part; Go refuses it once it passes 2^63.
            let wholeStart = s.count
            var whole: UInt64 = 0
            while let c = s.first, isDigit(c) {
                guard whole <= limit / 10 else { throw .outOfRange }
                whole = whole * 10 + UInt64(c - UInt8(ascii: "0"))
                guard whole <= limit else { throw .outOfRange }
                s = s.dropFirst()
            }
            let sawWhole = wholeStart != s.count
            // The fraction; Go keeps the digits that fit and ignores the rest.
            var fraction: UInt64 = 0
            var scale: Double = 1
            var sawFraction = false
            if s.first == UInt8(ascii: ".") {
                s = s.dropFirst()
                let fractionStart = s.count
                var overflow = false
                while let c = s.first, isDigit(c) {
                    s = s.dropFirst()
                    if overflow { continue }
                    if fraction > (limit - 1) / 10 { overflow = true; continue }
                    let next = fraction * 10 + UInt64(c - UInt8(ascii: "0"))
                    if next > limit { overflow = true; continue }
                    fraction = next
                    scale *= 10
                }
                sawFraction = fractionStart != s.count
            }
            guard sawWhole || sawFraction else { throw .invalid }
            // The unit: everything up to the next digit or dot.
            let unitBytes = s.prefix { !(isDigit($0) || $0 == UInt8(ascii: ".")) }
            guard !unitBytes.isEmpty else { throw .missingUnit }
            s = s.dropFirst(unitBytes.count)
            guard let unit = table[Array(unitBytes)] else {
                let name = String(decoding: unitBytes, as: UTF8.self)
                throw .unknownUnit(name, daysAndWeeksOnlyInOurFields: units == .go && extendedUnits[Array(unitBytes)] != nil)
            }
            guard whole <= limit / unit else { throw .outOfRange }
            var value = whole * unit
            if fraction > 0 {
                // fraction < scale, so this is below `unit` and converts safely.
                let part = Double(fraction) * (Double(unit) / scale)
                guard part.isFinite, part >= 0, part < Double(unit) + 1 else { throw .outOfRange }
                value += UInt64(part)
                guard value <= limit else { throw .outOfRange }
            }
            let (sum, overflowed) = total.addingReportingOverflow(value)
            guard !overflowed, sum <= limit else { throw .outOfRange }
            total = sum
        }
        if negative {
            return total == limit ? Int64.min : -Int64(total)
        }
        guard total <= UInt64(Int64.max) else { throw .outOfRange }
        return Int64(total)
    }

    private static func isDigit(_ c: UInt8) -> Bool { c >= UInt8(ascii: "0") && c <= UInt8(ascii: "9") }
}
