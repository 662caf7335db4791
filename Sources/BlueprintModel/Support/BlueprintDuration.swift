import Durations

/// A duration written with units, in Go's `time.ParseDuration` grammar (`30s`,
/// `5m`, `1h30m`, `1.5h`, `250ms`, `-1.5h`), plus `d` and `w` in our own fields;
/// see `DurationGrammar` (target `Durations`) for why there is exactly one grammar.
///
/// A bare number is rejected on purpose: `timeout: 30` could mean seconds or
/// minutes, and guessing wrong on a production freeze is worse than an error.
public struct BlueprintDuration: Sendable, Hashable, Codable, CustomStringConvertible {
    public var nanoseconds: Int64

    public init(nanoseconds: Int64) { self.nanoseconds = nanoseconds }

    /// Saturates at the representable range (about ±292 years) and maps NaN to
    /// zero, so a computed value can never trap; user input goes through ``parse(_:units:)``.
    public init(seconds: Double) {
        let ns = seconds * 1e9
        if ns.isNaN {
            self.nanoseconds = 0
        } else if ns >= 9.223372036854775e18 {
            self.nanoseconds = .max
        } else if ns <= -9.223372036854775e18 {
            self.nanoseconds = .min
        } else {
            self.nanoseconds = Int64(ns)
        }
    }

    public var seconds: Double { Double(nanoseconds) / 1e9 }

    public var swiftDuration: Duration { .nanoseconds(nanoseconds) }

    public var isPositive: Bool { nanoseconds > 0 }

    /// Which units a field accepts: Go's alone (Kanister's function arguments) or
    /// also days and weeks (our own fields and the CLI).
    public typealias Units = DurationGrammar.Units

    /// Why a text is not a duration; worded as Go words it (`invalid duration`,
    /// `missing unit`, `unknown unit`) so messages match Kanister's.
    public enum ParseError: Error, Sendable, Equatable, CustomStringConvertible {
        case empty
        case missingUnit(String)
        case unknownUnit(String, unit: String, daysAndWeeksOnlyInOurFields: Bool = false)
        case invalid(String)
        /// Beyond ±2562047h47m16.854775807s, the range of Go's `time.Duration`.
        case outOfRange(String)

        public var description: String {
            switch self {
            case .empty: return "invalid duration \"\": empty duration"
            case .missingUnit(let text):
                return "duration \"\(DisplayText.escaped(text))\" has no unit"
            case .unknownUnit(let text, let unit, _):
                return "duration \"\(DisplayText.escaped(text))\" has unknown unit \"\(DisplayText.escaped(unit))\""
            case .invalid(let text):
                return "invalid duration \"\(DisplayText.escaped(text))\""
            case .outOfRange(let text):
                return "invalid duration \"\(DisplayText.escaped(text))\": longer than the longest duration, 2562047h47m16.854775807s (about 292 years)"
            }
        }

        /// How to fix it, for diagnostics.
        public var hint: String {
            switch self {
            case .missingUnit(let text): return "write it with a unit, e.g. \"\(DisplayText.escaped(text))s\" or \"\(DisplayText.escaped(text))m\" (units: ns, us, ms, s, m, h; d and w in timeouts and retries)"
            case .unknownUnit(_, _, true):
                return "days (d) and weeks (w) are accepted in timeouts, retries and the CLI; function arguments follow Kanister (Go) and take ns, us, ms, s, m, h: write 48h for 2d"
            case .outOfRange: return "use a shorter duration"
            default: return "use a number followed by a unit, e.g. \"30s\", \"5m\", \"1h30m\" or \"1.5h\" (units: ns, us, ms, s, m, h; d and w in timeouts and retries)"
            }
        }

        /// The grammar's failure, told with the text it was about.
        init(_ failure: DurationGrammar.Failure, text: String) {
            switch failure {
            case .empty: self = .empty
            case .missingUnit: self = .missingUnit(text)
            case let .unknownUnit(unit, daysAndWeeks): self = .unknownUnit(text, unit: unit, daysAndWeeksOnlyInOurFields: daysAndWeeks)
            case .invalid: self = .invalid(text)
            case .outOfRange: self = .outOfRange(text)
            }
        }
    }

    /// Parses `text` in Go's grammar; `units` says whether `d` and `w` are accepted.
    public static func parse(_ text: String, units: Units = .withDaysAndWeeks) throws(ParseError) -> BlueprintDuration {
        do {
            return BlueprintDuration(nanoseconds: try DurationGrammar.nanoseconds(text, units: units))
        } catch {
            throw ParseError(error, text: text)
        }
    }

    /// Go's `time.Duration.String()` form (`1h30m0s`), for messages and status.
    public var description: String { DurationText.go(nanoseconds) }
}
