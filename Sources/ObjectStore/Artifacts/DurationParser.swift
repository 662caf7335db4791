import Foundation

/// Durations as people type them: `30s`, `5m`, `1h30m`, `7d`, `2w` (Go's
/// `time.ParseDuration` units plus days and weeks, which retention needs).
public enum DurationParser {
    public enum ParseError: Error, CustomStringConvertible, Equatable {
        case invalid(String)
        case tooLong(String)
        public var description: String {
            switch self {
            case let .invalid(text):
                return "invalid duration \"\(text)\": use a number and a unit, e.g. 30s, 5m, 1h30m, 7d (units: ms, s, m, h, d, w)"
            case let .tooLong(text):
                return "duration \"\(text)\" is too long: at most \(DurationParser.maximumDays) days (about 100 years)"
            }
        }
    }

    /// Longer durations have no use (retention, timeouts) and would overflow
    /// the integer nanoseconds that clocks and NIO work in.
    public static let maximumDays = 36_525

    public static func parse(_ text: String) throws -> Duration {
        let units: [(String, Double)] = [("ms", 0.001), ("s", 1), ("m", 60), ("h", 3600), ("d", 86400), ("w", 604800)]
        var rest = Substring(text.trimmingCharacters(in: .whitespaces))
        guard !rest.isEmpty else { throw ParseError.invalid(text) }
        if rest == "0" { return .zero }
        var total = 0.0
        while !rest.isEmpty {
            let number = rest.prefix { $0.isNumber || $0 == "." }
            guard !number.isEmpty, let value = Double(number) else { throw ParseError.invalid(text) }
            rest = rest.dropFirst(number.count)
            let unitText = rest.prefix { $0.isLetter }
            guard let unit = units.first(where: { $0.0 == unitText }) else { throw ParseError.invalid(text) }
            rest = rest.dropFirst(unitText.count)
            total += value * unit.1
        }
        guard total.isFinite, total <= Double(maximumDays) * 86_400 else { throw ParseError.tooLong(text) }
        return .milliseconds(Int64((total * 1000).rounded()))
    }
}
