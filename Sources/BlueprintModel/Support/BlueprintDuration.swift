/// A duration written with units, as Go's `time.ParseDuration` accepts it
/// (`30s`, `5m`, `1h30m`, `1.5h`, `250ms`), plus `d` for days.
///
/// A bare number is rejected on purpose: `timeout: 30` could mean seconds or
/// minutes, and guessing wrong on a production freeze is worse than an error.
public struct BlueprintDuration: Sendable, Hashable, Codable, CustomStringConvertible {
    public var nanoseconds: Int64

    public init(nanoseconds: Int64) { self.nanoseconds = nanoseconds }

    public init(seconds: Double) { self.nanoseconds = Int64(seconds * 1e9) }

    public var seconds: Double { Double(nanoseconds) / 1e9 }

    public var swiftDuration: Duration { .nanoseconds(nanoseconds) }

    public enum ParseError: Error, Sendable, Equatable, CustomStringConvertible {
        case empty
        case missingUnit(String)
        case unknownUnit(String, unit: String)
        case invalid(String)

        public var description: String {
            switch self {
            case .empty: return "empty duration"
            case .missingUnit(let text):
                return "duration \"\(text)\" has no unit"
            case .unknownUnit(let text, let unit):
                return "duration \"\(text)\" has unknown unit \"\(unit)\""
            case .invalid(let text):
                return "invalid duration \"\(text)\""
            }
        }

        /// How to fix it, for diagnostics.
        public var hint: String {
            switch self {
            case .missingUnit(let text): return "write it with a unit, e.g. \"\(text)s\" or \"\(text)m\" (units: ms, s, m, h, d)"
            default: return "use a number followed by a unit, e.g. \"30s\", \"5m\" or \"1h30m\" (units: ns, us, ms, s, m, h, d)"
            }
        }
    }

    private static let units: [String: Double] = [
        "ns": 1, "us": 1e3, "µs": 1e3, "μs": 1e3, "ms": 1e6, "s": 1e9, "m": 60e9, "h": 3600e9, "d": 86400e9,
    ]

    public static func parse(_ text: String) throws(ParseError) -> BlueprintDuration {
        let trimmed = text.trimmingCharacters(in: .whitespaces)
        guard !trimmed.isEmpty else { throw .empty }
        var chars = Substring(trimmed)
        var negative = false
        if chars.first == "-" || chars.first == "+" {
            negative = chars.first == "-"
            chars = chars.dropFirst()
        }
        if chars == "0" { return BlueprintDuration(nanoseconds: 0) }
        var total = 0.0
        var sawComponent = false
        while !chars.isEmpty {
            let number = chars.prefix { $0.isNumber || $0 == "." }
            guard !number.isEmpty, let value = Double(number) else { throw .invalid(text) }
            chars = chars.dropFirst(number.count)
            let unit = chars.prefix { !($0.isNumber || $0 == ".") }
            guard !unit.isEmpty else { throw .missingUnit(text) }
            guard let scale = units[String(unit)] else { throw .unknownUnit(text, unit: String(unit)) }
            chars = chars.dropFirst(unit.count)
            total += value * scale
            sawComponent = true
        }
        guard sawComponent, total <= Double(Int64.max) else { throw .invalid(text) }
        return BlueprintDuration(nanoseconds: Int64(negative ? -total : total))
    }

    /// Go's `time.Duration.String()` form (`1h30m0s`), for messages and status.
    public var description: String {
        if nanoseconds == 0 { return "0s" }
        var ns = nanoseconds.magnitude
        var text = nanoseconds < 0 ? "-" : ""
        if ns < 1_000_000_000 {
            if ns < 1_000 { return text + "\(ns)ns" }
            if ns < 1_000_000 { return text + Self.trim(Double(ns) / 1e3) + "µs" }
            return text + Self.trim(Double(ns) / 1e6) + "ms"
        }
        let hours = ns / 3_600_000_000_000
        ns %= 3_600_000_000_000
        let minutes = ns / 60_000_000_000
        ns %= 60_000_000_000
        if hours > 0 { text += "\(hours)h" }
        if hours > 0 || minutes > 0 { text += "\(minutes)m" }
        return text + Self.trim(Double(ns) / 1e9) + "s"
    }

    private static func trim(_ value: Double) -> String {
        var s = String(format: "%.9f", value)
        while s.hasSuffix("0") { s.removeLast() }
        if s.hasSuffix(".") { s.removeLast() }
        return s
    }
}

import Foundation
