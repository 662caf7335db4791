import Foundation

/// Go's `time.Time`: an instant (Unix seconds + nanoseconds) in a location.
/// `{{ . }}` prints it as Go's `Time.String()`; templates reach its methods
/// (`.Unix`, `.Format "…"`, `.Year`, …) through ``member(_:)``.
struct GoTime: GoObject, GoJSONMarshaler, Sendable {
    var unix: Int64
    var nanos: Int64
    var location: GoLocation

    init(unix: Int64, nanos: Int64 = 0, location: GoLocation) {
        self.unix = unix + nanos / 1_000_000_000
        self.nanos = nanos % 1_000_000_000
        if self.nanos < 0 { self.nanos += 1_000_000_000; self.unix -= 1 }
        self.location = location
    }

    static func now() -> GoTime {
        let t = Date().timeIntervalSince1970
        let secs = t.rounded(.down)
        return GoTime(unix: Int64(secs), nanos: Int64((t - secs) * 1e9), location: .local)
    }

    /// Go's zero time, January 1, year 1, 00:00:00 UTC.
    static let zero = GoTime(unix: -62_135_596_800, location: .utc)

    var goTypeName: String { "time.Time" }
    var goKind: String { "struct" }
    var goDescription: String { format("2006-01-02 15:04:05.999999999 -0700 MST") }
    var goJSONValue: Value { .string(format("2006-01-02T15:04:05.999999999Z07:00")) }

    func goEquals(_ other: any GoObject) -> Bool? {
        guard let o = other as? GoTime else { return false }
        return unix == o.unix && nanos == o.nanos && location == o.location
    }

    /// Calendar fields in the time's own location.
    struct Civil {
        var year: Int, month: Int, day: Int, hour: Int, minute: Int, second: Int
        var weekday: Int, yearDay: Int, offset: Int, abbreviation: String
    }

    var civil: Civil {
        let (offset, abbreviation) = location.lookup(unix)
        let local = unix + Int64(offset)
        var days = local / 86_400
        var secs = local % 86_400
        if secs < 0 { secs += 86_400; days -= 1 }
        let (y, m, d) = GoTime.civilFromDays(days)
        let weekday = Int(((days % 7) + 11) % 7)
        let yearDay = Int(days - GoTime.daysFromCivil(y, 1, 1)) + 1
        return Civil(year: y, month: m, day: d, hour: Int(secs / 3600), minute: Int(secs / 60 % 60),
                     second: Int(secs % 60), weekday: weekday, yearDay: yearDay, offset: offset, abbreviation: abbreviation)
    }

    /// Days since 1970-01-01 of a proleptic Gregorian date (H. Hinnant's algorithm).
    static func daysFromCivil(_ year: Int, _ month: Int, _ day: Int) -> Int64 {
        let y = Int64(month <= 2 ? year - 1 : year)
        let era = (y >= 0 ? y : y - 399) / 400
        let yoe = y - era * 400
        let mp = Int64((month + 9) % 12)
        let doy = (153 * mp + 2) / 5 + Int64(day) - 1
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy
        return era * 146_097 + doe - 719_468
    }

    static func civilFromDays(_ z0: Int64) -> (Int, Int, Int) {
        let z = z0 + 719_468
        let era = (z >= 0 ? z : z - 146_096) / 146_097
        let doe = z - era * 146_097
        let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365
        let y = yoe + era * 400
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100)
        let mp = (5 * doy + 2) / 153
        let d = doy - (153 * mp + 2) / 5 + 1
        let m = mp < 10 ? mp + 3 : mp - 9
        return (Int(m <= 2 ? y + 1 : y), Int(m), Int(d))
    }

    /// `time.Date(...)` in a location: wall clock → instant.
    static func fromCivil(_ year: Int, _ month: Int, _ day: Int, _ hour: Int, _ minute: Int, _ second: Int,
                          nanos: Int64, location: GoLocation) -> GoTime {
        var y = year, m = month - 1
        y += m / 12; m %= 12
        if m < 0 { m += 12; y -= 1 }
        let local = daysFromCivil(y, m + 1, 1) * 86_400 + Int64(day - 1) * 86_400
            + Int64(hour) * 3600 + Int64(minute) * 60 + Int64(second)
        var unix = local - Int64(location.lookup(local).offset)
        let offset2 = location.lookup(unix).offset
        if Int64(offset2) != local - unix { unix = local - Int64(offset2) }
        return GoTime(unix: unix, nanos: nanos, location: location)
    }

    func `in`(_ loc: GoLocation) -> GoTime { GoTime(unix: unix, nanos: nanos, location: loc) }

    func adding(_ d: Int64) -> GoTime {
        GoTime(unix: unix + d / 1_000_000_000, nanos: nanos + d % 1_000_000_000, location: location)
    }

    /// Nanoseconds from `other` to self, saturating like Go's `Sub`.
    func sub(_ other: GoTime) -> Int64 {
        let secs = unix - other.unix
        let ns = nanos - other.nanos
        let (m, o) = secs.multipliedReportingOverflow(by: 1_000_000_000)
        if o { return secs > 0 ? Int64.max : Int64.min }
        let (r, o2) = m.addingReportingOverflow(ns)
        if o2 { return secs > 0 ? Int64.max : Int64.min }
        return r
    }

    func member(_ name: String) -> GoMember? {
        let c = civil
        func int(_ v: Int) -> GoMember { .method(TemplateFunction(name) { _ in .int(v) }) }
        func time(_ t: GoTime) -> GoMember { .method(TemplateFunction(name) { _ in .object(t) }) }
        let me = self
        switch name {
        case "Unix": return .method(TemplateFunction(name) { _ in .int64(me.unix) })
        case "UnixNano": return .method(TemplateFunction(name) { _ in .int64(me.unix &* 1_000_000_000 &+ me.nanos) })
        case "UnixMilli": return .method(TemplateFunction(name) { _ in .int64(me.unix * 1000 + me.nanos / 1_000_000) })
        case "UnixMicro": return .method(TemplateFunction(name) { _ in .int64(me.unix * 1_000_000 + me.nanos / 1000) })
        case "Year": return int(c.year)
        case "Month": return .method(TemplateFunction(name) { _ in .object(GoEnum.month(c.month)) })
        case "Day": return int(c.day)
        case "Hour": return int(c.hour)
        case "Minute": return int(c.minute)
        case "Second": return int(c.second)
        case "Nanosecond": return int(Int(nanos))
        case "YearDay": return int(c.yearDay)
        case "Weekday": return .method(TemplateFunction(name) { _ in .object(GoEnum.weekday(c.weekday)) })
        case "String": return .method(TemplateFunction(name) { _ in .string(me.goDescription) })
        case "IsZero": return .method(TemplateFunction(name) { _ in .bool(me.unix == GoTime.zero.unix && me.nanos == 0) })
        case "UTC": return time(self.in(.utc))
        case "Local": return time(self.in(.local))
        case "Format":
            return .method(TemplateFunction(name, [.string]) { .string(me.format(try SprigArgs.string($0, 0))) })
        case "AddDate":
            return .method(TemplateFunction(name, [.int, .int, .int]) { args in
                let c = me.civil
                return .object(GoTime.fromCivil(c.year + (try SprigArgs.int(args, 0)), c.month + (try SprigArgs.int(args, 1)),
                                                c.day + (try SprigArgs.int(args, 2)), c.hour, c.minute, c.second,
                                                nanos: me.nanos, location: me.location))
            })
        case "Add":
            return .method(TemplateFunction(name, [.object(typeName: "time.Duration")]) { args in
                .object(me.adding(GoDuration.nanoseconds(of: SprigArgs.any(args, 0))))
            })
        case "Sub":
            return .method(TemplateFunction(name, [.object(typeName: "time.Time")]) { args in
                guard case .object(let o) = SprigArgs.any(args, 0), let t = o as? GoTime else {
                    throw TemplateFunctionError("wrong type for value; expected time.Time")
                }
                return .object(GoDuration(me.sub(t)))
            })
        case "Before", "After", "Equal":
            return .method(TemplateFunction(name, [.object(typeName: "time.Time")]) { args in
                guard case .object(let o) = SprigArgs.any(args, 0), let t = o as? GoTime else {
                    throw TemplateFunctionError("wrong type for value; expected time.Time")
                }
                let d = me.sub(t)
                return .bool(name == "Before" ? d < 0 : name == "After" ? d > 0 : d == 0)
            })
        default: return nil
        }
    }
}

/// `time.Month` and `time.Weekday`: ints that print as English names.
struct GoEnum: GoObject, Sendable {
    let goTypeName: String
    let value: Int
    let goDescription: String
    var goKind: String { "int" }

    static let monthNames = ["January", "February", "March", "April", "May", "June", "July",
                             "August", "September", "October", "November", "December"]
    static let dayNames = ["Sunday", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday"]

    static func month(_ m: Int) -> GoEnum { GoEnum(goTypeName: "time.Month", value: m, goDescription: monthNames[m - 1]) }
    static func weekday(_ d: Int) -> GoEnum { GoEnum(goTypeName: "time.Weekday", value: d, goDescription: dayNames[d]) }

    func member(_ name: String) -> GoMember? {
        name == "String" ? .method(TemplateFunction(name) { [goDescription] _ in .string(goDescription) }) : nil
    }

    func goEquals(_ other: any GoObject) -> Bool? {
        guard let o = other as? GoEnum else { return false }
        return o.goTypeName == goTypeName && o.value == value
    }
}

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
    static func format(_ d: Int64) -> String {
        let neg = d < 0
        var u = d == Int64.min ? UInt64(1) << 63 : UInt64(abs(d))
        var out: String
        /// v/10**prec as ".fff" without trailing zeros, and the integer part.
        func frac(_ v: UInt64, _ prec: Int) -> (String, UInt64) {
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
            let (f, i) = frac(u, prec)
            out = String(i) + f + unit
        } else {
            let (f, secs) = frac(u, 9)
            u = secs
            out = String(u % 60) + f + "s"
            u /= 60
            if u > 0 {
                out = String(u % 60) + "m" + out
                u /= 60
                if u > 0 { out = String(u) + "h" + out }
            }
        }
        return neg ? "-" + out : out
    }

    struct ParseError: Error { let message: String }

    /// `time.ParseDuration`.
    static func parse(_ s: String) throws -> Int64 {
        let orig = s
        var b = Array(s.utf8)[...]
        func invalid() -> ParseError { ParseError(message: "time: invalid duration " + GoFormat.quote(orig)) }
        var neg = false
        if let c = b.first, c == UInt8(ascii: "-") || c == UInt8(ascii: "+") {
            neg = c == UInt8(ascii: "-")
            b = b.dropFirst()
        }
        if b.elementsEqual("0".utf8) { return 0 }
        if b.isEmpty { throw invalid() }
        var total: UInt64 = 0
        let units: [(String, UInt64)] = [("ns", 1), ("us", 1000), ("µs", 1000), ("μs", 1000), ("ms", 1_000_000),
                                         ("s", 1_000_000_000), ("m", 60_000_000_000), ("h", 3_600_000_000_000)]
        while !b.isEmpty {
            guard let c = b.first, c == UInt8(ascii: ".") || (c >= 0x30 && c <= 0x39) else { throw invalid() }
            var v: UInt64 = 0
            let pl = b.count
            while let c = b.first, c >= 0x30, c <= 0x39 {
                let (m, o1) = v.multipliedReportingOverflow(by: 10)
                let (a, o2) = m.addingReportingOverflow(UInt64(c - 0x30))
                if o1 || o2 || a > 1 << 63 { throw invalid() }
                v = a
                b = b.dropFirst()
            }
            let pre = pl != b.count
            var f: UInt64 = 0, scale: Double = 1
            var post = false
            if b.first == UInt8(ascii: ".") {
                b = b.dropFirst()
                let start = b.count
                var overflow = false
                while let c = b.first, c >= 0x30, c <= 0x39 {
                    if !overflow {
                        if f > (1 << 63 - 1) / 10 { overflow = true } else { f = f * 10 + UInt64(c - 0x30); scale *= 10 }
                    }
                    b = b.dropFirst()
                }
                post = start != b.count
            }
            if !pre && !post { throw invalid() }
            var unitLen = 0
            for c in b {
                if c == UInt8(ascii: ".") || (c >= 0x30 && c <= 0x39) { break }
                unitLen += 1
            }
            if unitLen == 0 { throw ParseError(message: "time: missing unit in duration " + GoFormat.quote(orig)) }
            let unitText = String(decoding: b.prefix(unitLen), as: UTF8.self)
            b = b.dropFirst(unitLen)
            guard let unit = units.first(where: { $0.0 == unitText })?.1 else {
                throw ParseError(message: "time: unknown unit " + GoFormat.quote(unitText) + " in duration " + GoFormat.quote(orig))
            }
            let (vm, o) = v.multipliedReportingOverflow(by: unit)
            if o || vm > 1 << 63 { throw invalid() }
            v = vm
            if f > 0 {
                v += UInt64(Double(f) * (Double(unit) / scale))
                if v > 1 << 63 { throw invalid() }
            }
            total += v
            if total > 1 << 63 { throw invalid() }
        }
        if neg { return total == 1 << 63 ? Int64.min : -Int64(total) }
        if total > UInt64(Int64.max) { throw invalid() }
        return Int64(total)
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
