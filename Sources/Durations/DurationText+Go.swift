extension DurationText {
    /// Go's `time.Duration.String()`: `1h2m3.5s`, `1.5ms`, `0s`, exact to the
    /// nanosecond. Templates print durations this way, and so do our messages
    /// about blueprint durations, so a value reads the same in both.
    public static func go(_ nanoseconds: Int64) -> String {
        var u = nanoseconds.magnitude
        var out: String
        /// v/10**prec as ".fff" without trailing zeros, and the integer part.
        func fraction(_ v: UInt64, _ prec: Int) -> (String, UInt64) {
            var digits = ""
            var v = v
            var printed = false
            for _ in 0..<prec {
                let digit = v % 10
                printed = printed || digit != 0
                if printed { digits = String(digit) + digits }
                v /= 10
            }
            return (printed ? "." + digits : "", v)
        }
        if u < 1_000_000_000 {
            if u == 0 { return "0s" }
            let (unit, prec): (String, Int) = u < 1000 ? ("ns", 0) : u < 1_000_000 ? ("µs", 3) : ("ms", 6)
            let (f, i) = fraction(u, prec)
            out = String(i) + f + unit
        } else {
            let (f, secs) = fraction(u, 9)
            u = secs
            out = String(u % 60) + f + "s"
            u /= 60
            if u > 0 {
                out = String(u % 60) + "m" + out
                u /= 60
                if u > 0 { out = String(u) + "h" + out }
            }
        }
        return nanoseconds < 0 ? "-" + out : out
    }
}
