import Foundation

/// sprig's date.go: `now`, `date`, `dateInZone`, `toDate`, `dateModify`, `ago`,
/// `duration`, `durationRound`, `unixEpoch`, `htmlDate`… Dates are ``GoTime``
/// objects (`time.Time`).
enum SprigDates {
    static let timeType = ParameterType.object(typeName: "time.Time")

    static var functions: [TemplateFunction] {
        typealias A = SprigArgs
        var fns: [TemplateFunction] = [
            TemplateFunction("now") { _ in .object(GoTime.now()) },
            TemplateFunction("date", [.string, .any]) { args in
                .string(dateInZone(try A.string(args, 0), A.any(args, 1), "Local"))
            },
            TemplateFunction("htmlDate", [.any]) { .string(dateInZone("2006-01-02", A.any($0, 0), "Local")) },
            TemplateFunction("htmlDateInZone", [.any, .string]) { args in
                .string(dateInZone("2006-01-02", A.any(args, 0), try A.string(args, 1)))
            },
            TemplateFunction("toDate", [.string, .string]) { args in
                let t = try? GoTimeLayout.parse(try A.string(args, 0), try A.string(args, 1), in: .local)
                return .object(t ?? GoTime.zero)
            },
            TemplateFunction("mustToDate", [.string, .string]) { args in
                do {
                    return .object(try GoTimeLayout.parse(try A.string(args, 0), try A.string(args, 1), in: .local))
                } catch let e as GoTimeLayout.ParseError {
                    throw TemplateFunctionError(e.message)
                }
            },
            TemplateFunction("unixEpoch", [timeType]) { args in
                .string(String(try time(args, 0).unix))
            },
            TemplateFunction("ago", [.any]) { args in
                let t = anyTime(A.any(args, 0), dateInZoneRules: false)
                return .string(GoDuration.format(GoDuration.round(GoTime.now().sub(t), 1_000_000_000)))
            },
            TemplateFunction("duration", [.any]) { args in
                let n: Int64
                switch A.any(args, 0) {
                case .string(let s): n = SprigMath.parseInt(s, base: 10) ?? clampedParse(s)
                case .int64(let i): n = i
                default: n = 0
                }
                return .string(GoDuration.format(n &* 1_000_000_000))
            },
            TemplateFunction("durationRound", [.any]) { args in
                let d: Int64
                switch A.any(args, 0) {
                case .string(let s): d = (try? GoDuration.parse(s)) ?? 0
                case .int64(let i): d = i
                case .object(let o):
                    if let t = o as? GoTime { d = GoTime.now().sub(t) } else { d = 0 }
                default: d = 0
                }
                return .string(durationRound(d))
            },
        ]
        for name in ["dateInZone", "date_in_zone"] {
            fns.append(TemplateFunction(name, [.string, .any, .string]) { args in
                .string(dateInZone(try A.string(args, 0), A.any(args, 1), try A.string(args, 2)))
            })
        }
        for name in ["dateModify", "date_modify"] {
            fns.append(TemplateFunction(name, [.string, timeType]) { args in
                let t = try time(args, 1)
                guard let d = try? GoDuration.parse(try A.string(args, 0)) else { return .object(t) }
                return .object(t.adding(d))
            })
        }
        for name in ["mustDateModify", "must_date_modify"] {
            fns.append(TemplateFunction(name, [.string, timeType]) { args in
                let t = try time(args, 1)
                do { return .object(t.adding(try GoDuration.parse(try A.string(args, 0)))) } catch let e as GoDuration.ParseError {
                    throw TemplateFunctionError(e.message)
                }
            })
        }
        return fns
    }

    static func time(_ args: [Value], _ i: Int) throws -> GoTime {
        guard case .object(let o) = SprigArgs.any(args, i), let t = o as? GoTime else {
            throw TemplateFunctionError("wrong type for value; expected time.Time; got \(SprigArgs.any(args, i).goTypeName)")
        }
        return t
    }

    /// The instant sprig takes from `date`'s interface{} argument: a time, Unix
    /// seconds as int / int64 (int32 too), anything else means now.
    static func anyTime(_ v: Value, dateInZoneRules: Bool = true) -> GoTime {
        switch v {
        case .object(let o): return (o as? GoTime) ?? GoTime.now()
        case .int(let i): return GoTime(unix: Int64(i), location: .local)
        case .int64(let i): return GoTime(unix: i, location: .local)
        default: return GoTime.now()
        }
    }

    static func dateInZone(_ layout: String, _ date: Value, _ zone: String) -> String {
        let loc = GoLocation.load(zone) ?? .utc
        return anyTime(date).in(loc).format(layout)
    }

    /// `strconv.ParseInt(s, 10, 64)` on a range error returns the clamped value.
    private static func clampedParse(_ s: String) -> Int64 {
        let body = s.hasPrefix("-") || s.hasPrefix("+") ? s.dropFirst() : Substring(s)
        guard !body.isEmpty, body.allSatisfy({ $0.isASCII && $0.isNumber }) else { return 0 }
        return s.hasPrefix("-") ? Int64.min : Int64.max
    }

    /// sprig's `durationRound`: the largest whole unit (y, mo, d, h, m, s).
    static func durationRound(_ d: Int64) -> String {
        let u = d == Int64.min ? UInt64(1) << 63 : UInt64(abs(d))
        let second: UInt64 = 1_000_000_000
        let minute = 60 * second, hour = 60 * minute, day = 24 * hour
        let month = 30 * day, year = 365 * day
        if u > year { return "\(u / year)y" }
        if u > month { return "\(u / month)mo" }
        if u > day { return "\(u / day)d" }
        if u > hour { return "\(u / hour)h" }
        if u > minute { return "\(u / minute)m" }
        if u > second { return "\(u / second)s" }
        return "0s"
    }
}
