import Foundation

/// Go's reference-time layouts ("2006-01-02T15:04:05Z07:00"): the chunking of
/// `nextStdChunk`, `Time.Format` and `time.ParseInLocation`.
enum GoTimeLayout {
    enum Std: Equatable {
        case longMonth, month, numMonth, zeroMonth
        case longWeekDay, weekDay
        case day, underDay, zeroDay, underYearDay, zeroYearDay
        case hour, hour12, zeroHour12
        case minute, zeroMinute, second, zeroSecond
        case longYear, year
        case pm, lowerPM
        case tz
        case iso8601TZ, iso8601SecondsTZ, iso8601ShortTZ, iso8601ColonTZ, iso8601ColonSecondsTZ
        case numTZ, numSecondsTZ, numShortTZ, numColonTZ, numColonSecondsTZ
        /// Fractional seconds: digits, trailing zeros kept (0) or trimmed (9), separator.
        case frac(digits: Int, keepZeros: Bool, separator: UInt8)
    }

    enum Chunk { case literal([UInt8]), std(Std, [UInt8]) }

    /// Splits a layout into literals and standard elements.
    static func chunks(_ layout: String) -> [Chunk] {
        let l = Array(layout.utf8)
        var out: [Chunk] = []
        var literalStart = 0
        var i = 0
        func has(_ s: String, at p: Int) -> Bool {
            let u = Array(s.utf8)
            return p + u.count <= l.count && Array(l[p..<(p + u.count)]) == u
        }
        func lowerAt(_ p: Int) -> Bool { p < l.count && l[p] >= 0x61 && l[p] <= 0x7A }
        func digitAt(_ p: Int) -> Bool { p < l.count && l[p] >= 0x30 && l[p] <= 0x39 }
        while i < l.count {
            var found: (Std, Int)?
            var skipPrefix = 0
            switch l[i] {
            case UInt8(ascii: "J"):
                if has("January", at: i) { found = (.longMonth, 7) } else if has("Jan", at: i) && !lowerAt(i + 3) { found = (.month, 3) }
            case UInt8(ascii: "M"):
                if has("Monday", at: i) { found = (.longWeekDay, 6) }
                else if has("Mon", at: i) && !lowerAt(i + 3) { found = (.weekDay, 3) }
                else if has("MST", at: i) { found = (.tz, 3) }
            case UInt8(ascii: "0"):
                if i + 1 < l.count && l[i + 1] >= 0x31 && l[i + 1] <= 0x36 {
                    found = ([.zeroMonth, .zeroDay, .zeroHour12, .zeroMinute, .zeroSecond, .year][Int(l[i + 1] - 0x31)], 2)
                } else if has("002", at: i) { found = (.zeroYearDay, 3) }
            case UInt8(ascii: "1"):
                found = has("15", at: i) ? (.hour, 2) : (.numMonth, 1)
            case UInt8(ascii: "2"):
                found = has("2006", at: i) ? (.longYear, 4) : (.day, 1)
            case UInt8(ascii: "_"):
                if has("_2", at: i) {
                    if has("_2006", at: i) { found = (.longYear, 4); skipPrefix = 1 } else { found = (.underDay, 2) }
                } else if has("__2", at: i) { found = (.underYearDay, 3) }
            case UInt8(ascii: "3"): found = (.hour12, 1)
            case UInt8(ascii: "4"): found = (.minute, 1)
            case UInt8(ascii: "5"): found = (.second, 1)
            case UInt8(ascii: "P"): if has("PM", at: i) { found = (.pm, 2) }
            case UInt8(ascii: "p"): if has("pm", at: i) { found = (.lowerPM, 2) }
            case UInt8(ascii: "-"):
                if has("-070000", at: i) { found = (.numSecondsTZ, 7) }
                else if has("-07:00:00", at: i) { found = (.numColonSecondsTZ, 9) }
                else if has("-0700", at: i) { found = (.numTZ, 5) }
                else if has("-07:00", at: i) { found = (.numColonTZ, 6) }
                else if has("-07", at: i) { found = (.numShortTZ, 3) }
            case UInt8(ascii: "Z"):
                if has("Z070000", at: i) { found = (.iso8601SecondsTZ, 7) }
                else if has("Z07:00:00", at: i) { found = (.iso8601ColonSecondsTZ, 9) }
                else if has("Z0700", at: i) { found = (.iso8601TZ, 5) }
                else if has("Z07:00", at: i) { found = (.iso8601ColonTZ, 6) }
                else if has("Z07", at: i) { found = (.iso8601ShortTZ, 3) }
            case UInt8(ascii: "."), UInt8(ascii: ","):
                if i + 1 < l.count && (l[i + 1] == UInt8(ascii: "0") || l[i + 1] == UInt8(ascii: "9")) {
                    let ch = l[i + 1]
                    var j = i + 1
                    while j < l.count && l[j] == ch { j += 1 }
                    if !digitAt(j) {
                        found = (.frac(digits: j - i - 1, keepZeros: ch == UInt8(ascii: "0"), separator: l[i]), j - i)
                    }
                }
            default: break
            }
            if let (std, len) = found {
                let start = i + skipPrefix
                if start > literalStart { out.append(.literal(Array(l[literalStart..<start]))) }
                out.append(.std(std, Array(l[start..<(start + len)])))
                i = start + len
                literalStart = i
            } else {
                i += 1
            }
        }
        if literalStart < l.count { out.append(.literal(Array(l[literalStart...]))) }
        return out
    }

    private static func pad(_ v: Int, _ width: Int, _ fill: Character = "0") -> String {
        let s = String(abs(v))
        let padded = s.count >= width ? s : String(repeating: fill, count: width - s.count) + s
        return v < 0 ? "-" + padded : padded
    }

    static func format(_ t: GoTime, _ layout: String) -> String {
        let c = t.civil
        var out = ""
        for chunk in chunks(layout) {
            switch chunk {
            case .literal(let b): out += GoStrings.string(b)
            case .std(let std, _):
                switch std {
                case .year: out += pad(((c.year % 100) + 100) % 100, 2)
                case .longYear: out += pad(c.year, 4)
                case .month: out += String(GoEnum.monthNames[c.month - 1].prefix(3))
                case .longMonth: out += GoEnum.monthNames[c.month - 1]
                case .numMonth: out += String(c.month)
                case .zeroMonth: out += pad(c.month, 2)
                case .weekDay: out += String(GoEnum.dayNames[c.weekday].prefix(3))
                case .longWeekDay: out += GoEnum.dayNames[c.weekday]
                case .day: out += String(c.day)
                case .underDay: out += pad(c.day, 2, " ")
                case .zeroDay: out += pad(c.day, 2)
                case .underYearDay: out += pad(c.yearDay, 3, " ")
                case .zeroYearDay: out += pad(c.yearDay, 3)
                case .hour: out += pad(c.hour, 2)
                case .hour12: out += String(c.hour % 12 == 0 ? 12 : c.hour % 12)
                case .zeroHour12: out += pad(c.hour % 12 == 0 ? 12 : c.hour % 12, 2)
                case .minute: out += String(c.minute)
                case .zeroMinute: out += pad(c.minute, 2)
                case .second: out += String(c.second)
                case .zeroSecond: out += pad(c.second, 2)
                case .pm: out += c.hour >= 12 ? "PM" : "AM"
                case .lowerPM: out += c.hour >= 12 ? "pm" : "am"
                case .tz:
                    if !c.abbreviation.isEmpty {
                        out += c.abbreviation
                    } else {
                        let z = c.offset / 60
                        out += (z < 0 ? "-" : "+") + pad(abs(z) / 60, 2) + pad(abs(z) % 60, 2)
                    }
                case .iso8601TZ, .iso8601SecondsTZ, .iso8601ShortTZ, .iso8601ColonTZ, .iso8601ColonSecondsTZ,
                     .numTZ, .numSecondsTZ, .numShortTZ, .numColonTZ, .numColonSecondsTZ:
                    let iso = [.iso8601TZ, .iso8601SecondsTZ, .iso8601ShortTZ, .iso8601ColonTZ, .iso8601ColonSecondsTZ].contains(std)
                    if iso && c.offset == 0 { out += "Z"; break }
                    let zone = c.offset / 60
                    let abszone = abs(zone)
                    out += (zone < 0 ? "-" : "+") + pad(abszone / 60, 2)
                    let colon = [.iso8601ColonTZ, .numColonTZ, .iso8601ColonSecondsTZ, .numColonSecondsTZ].contains(std)
                    if std != .iso8601ShortTZ && std != .numShortTZ {
                        out += (colon ? ":" : "") + pad(abszone % 60, 2)
                    }
                    if [.iso8601SecondsTZ, .numSecondsTZ, .numColonSecondsTZ, .iso8601ColonSecondsTZ].contains(std) {
                        out += (colon ? ":" : "") + pad(abs(c.offset) % 60, 2)
                    }
                case .frac(let digits, let keepZeros, let separator):
                    var s = pad(Int(t.nanos), 9)
                    s = String(s.prefix(digits))
                    if !keepZeros {
                        while s.hasSuffix("0") { s.removeLast() }
                        if s.isEmpty { break }
                    }
                    out += String(Character(Unicode.Scalar(separator))) + s
                }
            }
        }
        return out
    }

    struct ParseError: Error { let message: String }

    /// `time.ParseInLocation(layout, value, loc)`.
    static func parse(_ layout: String, _ value: String, in loc: GoLocation) throws -> GoTime {
        let v = Array(value.utf8)
        var p = 0
        func fail(_ valueElem: [UInt8], _ layoutElem: [UInt8], _ extra: String = "") -> ParseError {
            ParseError(message: "parsing time " + GoFormat.quote(value) + " as " + GoFormat.quote(layout)
                + ": cannot parse " + GoFormat.quote(GoStrings.string(valueElem)) + " as " + GoFormat.quote(GoStrings.string(layoutElem)) + extra)
        }
        func rangeError(_ what: String) -> ParseError {
            ParseError(message: "parsing time " + GoFormat.quote(value) + ": " + what + " out of range")
        }
        var year = 0, month = -1, day = -1, yday = -1, hour = 0, minute = 0, second = 0
        var nanos: Int64 = 0
        var pmSet = false, amSet = false
        var zoneOffset: Int?
        var zoneName: String?
        func getnum(_ fixed: Bool, _ maxDigits: Int = 2) -> Int? {
            guard p < v.count, v[p] >= 0x30, v[p] <= 0x39 else { return nil }
            var n = 0, k = 0
            while p + k < v.count, k < maxDigits, v[p + k] >= 0x30, v[p + k] <= 0x39 { n = n * 10 + Int(v[p + k] - 0x30); k += 1 }
            if fixed && k < maxDigits { return nil }
            p += k
            return n
        }
        func lookupName(_ names: [String]) -> Int? {
            for (i, n) in names.enumerated() {
                let u = Array(n.utf8)
                if p + u.count <= v.count && Array(v[p..<(p + u.count)]).map({ $0 | 0x20 }) == u.map({ $0 | 0x20 }) {
                    p += u.count
                    return i
                }
            }
            return nil
        }
        let chunkList = chunks(layout)
        for (ci, chunk) in chunkList.enumerated() {
            switch chunk {
            case .literal(let lit):
                // Go's `skip`: a space in the layout matches any run of spaces (even none
                // at the end of the value); everything else must match byte for byte.
                var lp = 0
                let space = UInt8(ascii: " ")
                while lp < lit.count {
                    if lit[lp] == space {
                        if p < v.count && v[p] != space { throw fail(Array(v[p...]), lit) }
                        while lp < lit.count && lit[lp] == space { lp += 1 }
                        while p < v.count && v[p] == space { p += 1 }
                        continue
                    }
                    guard p < v.count, v[p] == lit[lp] else { throw fail(Array(v[min(p, v.count)...]), lit) }
                    p += 1; lp += 1
                }
            case .std(let std, let elem):
                let start = p
                let rest = { Array(v[start...]) }
                switch std {
                case .year:
                    guard p + 2 <= v.count, let y = getnum(true) else { throw fail(rest(), elem) }
                    year = y >= 69 ? y + 1900 : y + 2000
                case .longYear:
                    guard p + 4 <= v.count, v[p..<(p + 4)].allSatisfy({ $0 >= 0x30 && $0 <= 0x39 }), let y = getnum(true, 4) else {
                        throw fail(rest(), elem)
                    }
                    year = y
                case .month:
                    guard let m = lookupName(GoEnum.monthNames.map { String($0.prefix(3)) }) else { throw fail(rest(), elem) }
                    month = m + 1
                case .longMonth:
                    guard let m = lookupName(GoEnum.monthNames) else { throw fail(rest(), elem) }
                    month = m + 1
                case .numMonth, .zeroMonth:
                    guard let m = getnum(std == .zeroMonth) else { throw fail(rest(), elem) }
                    if m <= 0 || m > 12 { throw rangeError("month") }
                    month = m
                case .weekDay:
                    guard lookupName(GoEnum.dayNames.map { String($0.prefix(3)) }) != nil else { throw fail(rest(), elem) }
                case .longWeekDay:
                    guard lookupName(GoEnum.dayNames) != nil else { throw fail(rest(), elem) }
                case .day, .underDay, .zeroDay:
                    if std == .underDay && p < v.count && v[p] == UInt8(ascii: " ") { p += 1 }
                    guard let d = getnum(std == .zeroDay) else { throw fail(rest(), elem) }
                    day = d
                case .underYearDay, .zeroYearDay:
                    if std == .underYearDay { while p < v.count && v[p] == UInt8(ascii: " ") && p - start < 2 { p += 1 } }
                    guard let d = getnum(std == .zeroYearDay, 3) else { throw fail(rest(), elem) }
                    yday = d
                case .hour:
                    guard let h = getnum(false) else { throw fail(rest(), elem) }
                    if h >= 24 { throw rangeError("hour") }
                    hour = h
                case .hour12, .zeroHour12:
                    guard let h = getnum(std == .zeroHour12) else { throw fail(rest(), elem) }
                    if h > 12 { throw rangeError("hour") }
                    hour = h
                case .minute, .zeroMinute:
                    guard let m = getnum(std == .zeroMinute) else { throw fail(rest(), elem) }
                    if m >= 60 { throw rangeError("minute") }
                    minute = m
                case .second, .zeroSecond:
                    guard let s = getnum(std == .zeroSecond) else { throw fail(rest(), elem) }
                    if s >= 60 { throw rangeError("second") }
                    second = s
                    // A fractional second in the value is accepted after seconds even when
                    // the layout has none, unless the layout itself continues with one.
                    let nextIsFrac: Bool = {
                        if ci + 1 < chunkList.count, case .std(.frac, _) = chunkList[ci + 1] { return true }
                        return false
                    }()
                    if !nextIsFrac, p + 1 < v.count, v[p] == UInt8(ascii: ".") || v[p] == UInt8(ascii: ","),
                       v[p + 1] >= 0x30, v[p + 1] <= 0x39 {
                        p += 1
                        var digits = 0
                        var ns: Int64 = 0
                        while p < v.count, v[p] >= 0x30, v[p] <= 0x39 {
                            if digits < 9 { ns = ns * 10 + Int64(v[p] - 0x30); digits += 1 }
                            p += 1
                        }
                        while digits < 9 { ns *= 10; digits += 1 }
                        nanos = ns
                    }
                case .pm, .lowerPM:
                    guard p + 2 <= v.count else { throw fail(rest(), elem) }
                    let s = GoStrings.string(v[p..<(p + 2)])
                    let (pm, am) = std == .pm ? ("PM", "AM") : ("pm", "am")
                    if s == pm { pmSet = true } else if s == am { amSet = true } else { throw fail(rest(), elem) }
                    p += 2
                case .frac(let digits, let keepZeros, _):
                    if keepZeros {
                        guard p + 1 + digits <= v.count, v[p] == UInt8(ascii: ".") || v[p] == UInt8(ascii: ",") else {
                            throw fail(rest(), elem)
                        }
                        p += 1
                        var ns: Int64 = 0
                        for k in 0..<digits {
                            let c = v[p + k]
                            guard c >= 0x30, c <= 0x39 else { throw fail(rest(), elem) }
                            ns = ns * 10 + Int64(c - 0x30)
                        }
                        p += digits
                        for _ in digits..<9 { ns *= 10 }
                        nanos = ns
                    } else {
                        guard p + 1 < v.count, v[p] == UInt8(ascii: ".") || v[p] == UInt8(ascii: ","),
                              v[p + 1] >= 0x30, v[p + 1] <= 0x39 else { break }
                        p += 1
                        var count = 0
                        var ns: Int64 = 0
                        while p < v.count, v[p] >= 0x30, v[p] <= 0x39 {
                            if count < 9 { ns = ns * 10 + Int64(v[p] - 0x30) }
                            count += 1
                            p += 1
                        }
                        for _ in min(count, 9)..<9 { ns *= 10 }
                        nanos = ns
                    }
                case .iso8601TZ, .iso8601SecondsTZ, .iso8601ShortTZ, .iso8601ColonTZ, .iso8601ColonSecondsTZ,
                     .numTZ, .numSecondsTZ, .numShortTZ, .numColonTZ, .numColonSecondsTZ:
                    let iso = [.iso8601TZ, .iso8601SecondsTZ, .iso8601ShortTZ, .iso8601ColonTZ, .iso8601ColonSecondsTZ].contains(std)
                    if iso && p < v.count && v[p] == UInt8(ascii: "Z") {
                        p += 1
                        zoneOffset = 0
                        zoneName = "UTC"
                        break
                    }
                    let colon = [.iso8601ColonTZ, .numColonTZ, .iso8601ColonSecondsTZ, .numColonSecondsTZ].contains(std)
                    let short = std == .iso8601ShortTZ || std == .numShortTZ
                    let secs = [.iso8601SecondsTZ, .numSecondsTZ, .numColonSecondsTZ, .iso8601ColonSecondsTZ].contains(std)
                    guard p < v.count, v[p] == UInt8(ascii: "+") || v[p] == UInt8(ascii: "-") else { throw fail(rest(), elem) }
                    let sign = v[p] == UInt8(ascii: "-") ? -1 : 1
                    p += 1
                    guard let hh = getnum(true) else { throw fail(rest(), elem) }
                    var mm = 0, ss = 0
                    if !short {
                        if colon { guard p < v.count, v[p] == UInt8(ascii: ":") else { throw fail(rest(), elem) }; p += 1 }
                        guard let m = getnum(true) else { throw fail(rest(), elem) }
                        mm = m
                    }
                    if secs {
                        if colon { guard p < v.count, v[p] == UInt8(ascii: ":") else { throw fail(rest(), elem) }; p += 1 }
                        guard let s = getnum(true) else { throw fail(rest(), elem) }
                        ss = s
                    }
                    if hh > 24 || mm >= 60 || ss >= 60 { throw rangeError("time zone offset") }
                    zoneOffset = sign * (hh * 3600 + mm * 60 + ss)
                case .tz:
                    if p + 3 <= v.count && GoStrings.string(v[p..<(p + 3)]) == "UTC" {
                        p += 3
                        zoneName = "UTC"
                        zoneOffset = 0
                        break
                    }
                    var k = p
                    while k < v.count, v[k] >= 0x41, v[k] <= 0x5A { k += 1 }
                    guard k - p >= 3 else { throw fail(rest(), elem) }
                    zoneName = GoStrings.string(v[p..<k])
                    p = k
                }
            }
        }
        if p < v.count {
            throw ParseError(message: "parsing time " + GoFormat.quote(value) + ": extra text: " + GoFormat.quote(GoStrings.string(v[p...])))
        }
        if pmSet && hour < 12 { hour += 12 } else if amSet && hour == 12 { hour = 0 }
        if yday >= 0 {
            var d = 0, m = 0
            let leap = year % 4 == 0 && (year % 100 != 0 || year % 400 == 0)
            if yday < 1 || yday > (leap ? 366 : 365) { throw rangeError("day-of-year") }
            let lengths = [31, leap ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31]
            var left = yday
            while m < 12 && left > lengths[m] { left -= lengths[m]; m += 1 }
            d = left
            if month >= 0 && month != m + 1 { throw rangeError("day-of-year") }
            month = m + 1
            if day >= 0 && day != d { throw rangeError("day-of-year") }
            day = d
        } else {
            if month < 0 { month = 1 }
            if day < 0 { day = 1 }
        }
        let leap = year % 4 == 0 && (year % 100 != 0 || year % 400 == 0)
        let monthDays = [31, leap ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][month - 1]
        if day < 1 || day > monthDays { throw rangeError("day") }

        if let zoneOffset {
            let utcTime = GoTime.fromCivil(year, month, day, hour, minute, second, nanos: nanos, location: .utc)
            let t = GoTime(unix: utcTime.unix - Int64(zoneOffset), nanos: nanos, location: .utc)
            if zoneOffset == 0 && zoneName == "UTC" { return t }
            if loc.lookup(t.unix).offset == zoneOffset && loc != .utc { return t.in(loc) }
            return t.in(.fixed(zoneName ?? "", zoneOffset))
        }
        if let zoneName {
            let t = GoTime.fromCivil(year, month, day, hour, minute, second, nanos: nanos, location: .utc)
            let (offset, abbreviation) = loc.lookup(t.unix)
            if abbreviation == zoneName {
                return GoTime(unix: t.unix - Int64(offset), nanos: nanos, location: loc)
            }
            if zoneName == "GMT" { return t.in(.fixed("GMT", 0)) }
            return t.in(.fixed(zoneName, 0))
        }
        return GoTime.fromCivil(year, month, day, hour, minute, second, nanos: nanos, location: loc)
    }
}

extension GoTime {
    func format(_ layout: String) -> String { GoTimeLayout.format(self, layout) }
}
