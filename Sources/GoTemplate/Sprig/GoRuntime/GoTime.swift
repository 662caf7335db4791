import Foundation

/// Go's `time.Time`: an instant (Unix seconds + nanoseconds) in a location.
/// `{{ . }}` prints it as Go's `Time.String()`; templates reach its methods
/// (`.Unix`, `.Format "…"`, `.Year`, …) through ``member(_:)``.
struct GoTime: GoObject, GoJSONMarshaler, Sendable {
    var unix: Int64
    var nanos: Int64
    var location: GoLocation

    init(unix: Int64, nanos: Int64 = 0, location: GoLocation) {
        self.unix = unix &+ nanos / 1_000_000_000
        self.nanos = nanos % 1_000_000_000
        if self.nanos < 0 { self.nanos += 1_000_000_000; self.unix = self.unix &- 1 }
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
        let local = unix &+ Int64(offset)
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
        let y = Int64(truncatingIfNeeded: month <= 2 ? year &- 1 : year)
        let era = (y >= 0 ? y : y &- 399) / 400
        let yoe = y &- era &* 400
        let mp = Int64((month + 9) % 12)
        let doy = (153 * mp + 2) / 5 + Int64(day) - 1
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy
        return era &* 146_097 &+ doe &- 719_468
    }

    static func civilFromDays(_ z0: Int64) -> (Int, Int, Int) {
        let z = z0 &+ 719_468
        let era = (z >= 0 ? z : z - 146_096) / 146_097
        let doe = z &- era &* 146_097
        let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365
        let y = yoe &+ era &* 400
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100)
        let mp = (5 * doy + 2) / 153
        let d = doy - (153 * mp + 2) / 5 + 1
        let m = mp < 10 ? mp + 3 : mp - 9
        return (Int(m <= 2 ? y + 1 : y), Int(m), Int(d))
    }

    /// `time.Date(...)` in a location: wall clock → instant.
    static func fromCivil(_ year: Int, _ month: Int, _ day: Int, _ hour: Int, _ minute: Int, _ second: Int,
                          nanos: Int64, location: GoLocation) -> GoTime {
        // Go's time.Date normalises out-of-range fields and wraps on overflow.
        var y = year, m = month &- 1
        y = y &+ m / 12; m %= 12
        if m < 0 { m += 12; y = y &- 1 }
        let days = daysFromCivil(y, m + 1, 1) &+ Int64(truncatingIfNeeded: day &- 1)
        let local = days &* 86_400 &+ Int64(hour) &* 3600 &+ Int64(minute) &* 60 &+ Int64(second)
        var unix = local &- Int64(location.lookup(local).offset)
        let offset2 = location.lookup(unix).offset
        if Int64(offset2) != local &- unix { unix = local &- Int64(offset2) }
        return GoTime(unix: unix, nanos: nanos, location: location)
    }

    func `in`(_ loc: GoLocation) -> GoTime { GoTime(unix: unix, nanos: nanos, location: loc) }

    func adding(_ d: Int64) -> GoTime {
        GoTime(unix: unix &+ d / 1_000_000_000, nanos: nanos + d % 1_000_000_000, location: location)
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
        let me = self
        func int(_ field: @escaping @Sendable (Civil) -> Int) -> GoMember {
            .method(TemplateFunction(name) { _ in .int(field(me.civil)) })
        }
        func time(_ t: GoTime) -> GoMember { .method(TemplateFunction(name) { _ in .object(t) }) }
        switch name {
        case "Unix": return .method(TemplateFunction(name) { _ in .int64(me.unix) })
        case "UnixNano": return .method(TemplateFunction(name) { _ in .int64(me.unix &* 1_000_000_000 &+ me.nanos) })
        case "UnixMilli": return .method(TemplateFunction(name) { _ in .int64(me.unix &* 1000 &+ me.nanos / 1_000_000) })
        case "UnixMicro": return .method(TemplateFunction(name) { _ in .int64(me.unix &* 1_000_000 &+ me.nanos / 1000) })
        case "Year": return int(\.year)
        case "Month": return .method(TemplateFunction(name) { _ in .object(GoEnum.month(me.civil.month)) })
        case "Day": return int(\.day)
        case "Hour": return int(\.hour)
        case "Minute": return int(\.minute)
        case "Second": return int(\.second)
        case "Nanosecond": return .method(TemplateFunction(name) { _ in .int(Int(me.nanos)) })
        case "YearDay": return int(\.yearDay)
        case "Weekday": return .method(TemplateFunction(name) { _ in .object(GoEnum.weekday(me.civil.weekday)) })
        case "String": return .method(TemplateFunction(name) { _ in .string(me.goDescription) })
        case "IsZero": return .method(TemplateFunction(name) { _ in .bool(me.unix == GoTime.zero.unix && me.nanos == 0) })
        case "UTC": return time(self.in(.utc))
        case "Local": return time(self.in(.local))
        case "Format":
            return .method(TemplateFunction(name, [.string]) { .string(me.format(try SprigArgs.string($0, 0))) })
        case "AddDate":
            return .method(TemplateFunction(name, [.int, .int, .int]) { args in
                let c = me.civil
                return .object(GoTime.fromCivil(c.year &+ (try SprigArgs.int(args, 0)), c.month &+ (try SprigArgs.int(args, 1)),
                                                c.day &+ (try SprigArgs.int(args, 2)), c.hour, c.minute, c.second,
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
