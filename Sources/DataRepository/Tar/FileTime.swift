/// A file's time to the nanosecond, as PAX carries it (`1700000000.123456789`):
/// a Double would round it, and a restore must give the time back exactly.
public struct FileTime: Sendable, Codable, Hashable, Comparable {
    public var seconds: Int64
    /// 0 ..< 1,000,000,000, also for times before 1970 (seconds is then the floor).
    public var nanoseconds: Int32

    public init(seconds: Int64, nanoseconds: Int32 = 0) {
        self.seconds = seconds
        self.nanoseconds = nanoseconds
    }

    /// PAX's decimal form: an optional sign, digits, an optional fraction (beyond 9 digits cut).
    public init?(decimal text: String) {
        var rest = Substring(text)
        let negative = rest.hasPrefix("-")
        if negative { rest = rest.dropFirst() }
        let parts = rest.split(separator: ".", maxSplits: 1, omittingEmptySubsequences: false)
        guard let whole = parts.first, !whole.isEmpty, whole.allSatisfy(\.isASCIIDigitCharacter), let value = Int64(whole) else { return nil }
        var fraction: Int32 = 0
        if parts.count == 2 {
            let digits = parts[1]
            guard digits.allSatisfy(\.isASCIIDigitCharacter) else { return nil }
            let nine = String(digits.prefix(9)).padding(toLength: 9, withPad: "0", startingAt: 0)
            fraction = Int32(nine) ?? 0
        }
        if negative {
            seconds = -value - (fraction > 0 ? 1 : 0)
            nanoseconds = fraction > 0 ? 1_000_000_000 - fraction : 0
        } else {
            seconds = value
            nanoseconds = fraction
        }
    }

    /// Seconds with the fraction only when there is one (`1700000000`, `1700000000.5`).
    public var decimal: String {
        guard nanoseconds != 0 else { return String(seconds) }
        var whole = seconds, fraction = nanoseconds
        var sign = ""
        if seconds < 0 {
            sign = "-"
            whole = -(seconds + 1)
            fraction = 1_000_000_000 - nanoseconds
        }
        var digits = String(fraction)
        digits = String(repeating: "0", count: 9 - digits.count) + digits
        while digits.hasSuffix("0") { digits.removeLast() }
        return "\(sign)\(whole).\(digits)"
    }

    public static func < (a: FileTime, b: FileTime) -> Bool {
        (a.seconds, a.nanoseconds) < (b.seconds, b.nanoseconds)
    }
}

extension Character {
    var isASCIIDigitCharacter: Bool { isASCII && isNumber }
}
