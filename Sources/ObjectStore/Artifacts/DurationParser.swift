import Foundation

/// Durations as people type them: `30s`, `5m`, `1h30m`, `7d`, `2w` (Go's
/// `time.ParseDuration` units plus days and weeks, which retention needs).
public enum DurationParser {
    public enum ParseError: Error, CustomStringConvertible, Equatable {
        case invalid(String)
        public var description: String {
            if case let .invalid(text) = self {
                return "invalid duration \"\(text)\": use a number and a unit, e.g. 30s, 5m, 1h30m, 7d (units: ms, s, m, h, d, w)"
            }
            return ""
        }
    }

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
        return .milliseconds(Int64((total * 1000).rounded()))
    }
}
