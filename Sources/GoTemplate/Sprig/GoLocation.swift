import Foundation

/// A Go `*time.Location`: a name plus the offset and zone abbreviation in effect
/// at each instant. Offsets come from Foundation's time zone database; the
/// abbreviations Go prints ("JST", "CET") come from the zoneinfo file itself,
/// because ICU spells many of them "GMT+9".
struct GoLocation: Sendable, Equatable {
    let name: String
    private let timeZone: TimeZone?
    private let fixedOffset: Int
    private let fixedAbbreviation: String
    private let abbreviations: [ZoneType]

    struct ZoneType: Sendable, Equatable {
        let offset: Int
        let isDST: Bool
        let abbreviation: String
    }

    static func == (a: GoLocation, b: GoLocation) -> Bool {
        a.name == b.name && a.fixedOffset == b.fixedOffset && a.fixedAbbreviation == b.fixedAbbreviation
    }

    static let utc = GoLocation(name: "UTC", timeZone: nil, fixedOffset: 0, fixedAbbreviation: "UTC", abbreviations: [])

    /// `time.Local`, from `TZ` (unset: /etc/localtime; empty or "UTC": UTC).
    static let local: GoLocation = {
        let env = ProcessInfo.processInfo.environment["TZ"]
        if let env, env.isEmpty || env == "UTC" || env == ":UTC" {
            return GoLocation(name: "Local", timeZone: nil, fixedOffset: 0, fixedAbbreviation: "UTC", abbreviations: [])
        }
        let zoneName = env.map { $0.hasPrefix(":") ? String($0.dropFirst()) : $0 }
        let tz = zoneName.flatMap(TimeZone.init(identifier:)) ?? TimeZone.current
        let path = zoneName.map { "/usr/share/zoneinfo/" + $0 } ?? "/etc/localtime"
        return GoLocation(name: "Local", timeZone: tz, fixedOffset: 0, fixedAbbreviation: "", abbreviations: readTZif(path))
    }()

    /// `time.FixedZone(name, offset)`.
    static func fixed(_ name: String, _ offset: Int) -> GoLocation {
        GoLocation(name: name, timeZone: nil, fixedOffset: offset, fixedAbbreviation: name, abbreviations: [])
    }

    /// `time.LoadLocation`: "" and "UTC" are UTC, "Local" is local, else a zoneinfo name.
    static func load(_ name: String) -> GoLocation? {
        switch name {
        case "", "UTC": return .utc
        case "Local": return .local
        default:
            guard !name.hasPrefix("/"), !name.contains(".."), let tz = TimeZone(identifier: name) else { return nil }
            return GoLocation(name: name, timeZone: tz, fixedOffset: 0, fixedAbbreviation: "",
                              abbreviations: readTZif("/usr/share/zoneinfo/" + name))
        }
    }

    /// Offset east of UTC in seconds and the zone abbreviation at a Unix time.
    func lookup(_ unix: Int64) -> (offset: Int, abbreviation: String) {
        guard let timeZone else { return (fixedOffset, fixedAbbreviation) }
        let date = Date(timeIntervalSince1970: TimeInterval(unix))
        let offset = timeZone.secondsFromGMT(for: date)
        let dst = timeZone.isDaylightSavingTime(for: date)
        let match = abbreviations.last { $0.offset == offset && $0.isDST == dst }
            ?? abbreviations.last { $0.offset == offset }
        if let match { return (offset, match.abbreviation) }
        return (offset, GoLocation.numericAbbreviation(offset))
    }

    /// What tzdata uses for zones without a letter abbreviation: "+09", "-0330".
    static func numericAbbreviation(_ offset: Int) -> String {
        let sign = offset < 0 ? "-" : "+"
        let a = abs(offset)
        let h = a / 3600, m = a / 60 % 60
        return m == 0 ? sign + String(format: "%02d", h) : sign + String(format: "%02d%02d", h, m)
    }

    /// The zone types (offset, DST flag, abbreviation) of a TZif file, latest last.
    private static func readTZif(_ path: String) -> [ZoneType] {
        guard let data = FileManager.default.contents(atPath: path), data.count > 44 else { return [] }
        let b = [UInt8](data)
        guard b[0] == 0x54, b[1] == 0x5A, b[2] == 0x69, b[3] == 0x66 else { return [] }
        func be32(_ i: Int) -> Int {
            guard i + 4 <= b.count else { return 0 }
            return Int(Int32(bitPattern: UInt32(b[i]) << 24 | UInt32(b[i + 1]) << 16 | UInt32(b[i + 2]) << 8 | UInt32(b[i + 3])))
        }
        func parse(at start: Int, timeSize: Int) -> ([ZoneType], Int)? {
            let isutcnt = be32(start + 20), isstdcnt = be32(start + 24), leapcnt = be32(start + 28)
            let timecnt = be32(start + 32), typecnt = be32(start + 36), charcnt = be32(start + 40)
            var p = start + 44
            let indicesStart = p + timecnt * timeSize
            p = indicesStart + timecnt
            let typesStart = p
            let charsStart = typesStart + typecnt * 6
            let end = charsStart + charcnt + leapcnt * (timeSize + 4) + isstdcnt + isutcnt
            guard end <= b.count else { return nil }
            var types: [ZoneType] = []
            for t in 0..<typecnt {
                let o = typesStart + t * 6
                let idx = Int(b[o + 5])
                var chars: [UInt8] = []
                var k = charsStart + idx
                while k < charsStart + charcnt, b[k] != 0 { chars.append(b[k]); k += 1 }
                types.append(ZoneType(offset: be32(o), isDST: b[o + 4] != 0, abbreviation: String(decoding: chars, as: UTF8.self)))
            }
            var ordered: [ZoneType] = []
            for i in 0..<timecnt {
                let t = Int(b[indicesStart + i])
                if t < types.count { ordered.append(types[t]) }
            }
            return (types + ordered, end)
        }
        guard let (v1, v1End) = parse(at: 0, timeSize: 4) else { return [] }
        if b[4] >= 0x32, let (v2, _) = parse(at: v1End, timeSize: 8) { return v2 }
        return v1
    }
}
