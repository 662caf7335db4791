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
    /// Transition instants and the zone type in force from each, from the TZif file.
    private let transitions: [(at: Int64, type: ZoneType)]

    struct ZoneType: Sendable, Equatable {
        let offset: Int
        let isDST: Bool
        let abbreviation: String
    }

    static func == (a: GoLocation, b: GoLocation) -> Bool {
        a.name == b.name && a.fixedOffset == b.fixedOffset && a.fixedAbbreviation == b.fixedAbbreviation
    }

    private init(name: String, timeZone: TimeZone?, fixedOffset: Int, fixedAbbreviation: String,
                 abbreviations: [ZoneType], transitions: [(at: Int64, type: ZoneType)] = []) {
        self.name = name
        self.timeZone = timeZone
        self.fixedOffset = fixedOffset
        self.fixedAbbreviation = fixedAbbreviation
        self.abbreviations = abbreviations
        self.transitions = transitions
    }

    private init(name: String, timeZone: TimeZone, path: String) {
        let (types, transitions) = GoLocation.readTZif(path)
        self.init(name: name, timeZone: timeZone, fixedOffset: 0, fixedAbbreviation: "",
                  abbreviations: types, transitions: transitions)
    }

    static let utc = GoLocation(name: "UTC", timeZone: nil, fixedOffset: 0, fixedAbbreviation: "UTC", abbreviations: [])

    /// `time.Local`, from `TZ` (unset: /etc/localtime; empty or "UTC": UTC).
    static let local: GoLocation = {
        let env = ProcessInfo.processInfo.environment["TZ"]
        if let env, env.isEmpty || env == "UTC" || env == ":UTC" {
            return GoLocation(name: "Local", timeZone: nil, fixedOffset: 0, fixedAbbreviation: "UTC", abbreviations: [])
        }
        let utcLocal = GoLocation(name: "Local", timeZone: nil, fixedOffset: 0, fixedAbbreviation: "UTC", abbreviations: [])
        if env == nil && !FileManager.default.fileExists(atPath: "/etc/localtime") { return utcLocal }
        let zoneName = env.map { $0.hasPrefix(":") ? String($0.dropFirst()) : $0 }
        if let zoneName, TimeZone(identifier: zoneName) == nil { return utcLocal }
        let tz = zoneName.flatMap(TimeZone.init(identifier:)) ?? TimeZone.current
        let path = zoneName.map { "/usr/share/zoneinfo/" + $0 } ?? "/etc/localtime"
        return GoLocation(name: "Local", timeZone: tz, path: path)
    }()

    /// Whether `time.Local` is UTC (TZ=UTC), the setting Go's reference outputs assume.
    static var localIsUTC: Bool {
        let (offset, abbreviation) = local.lookup(0)
        let (summerOffset, _) = local.lookup(15_552_000)
        return offset == 0 && summerOffset == 0 && abbreviation == "UTC"
    }

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
            return GoLocation(name: name, timeZone: tz, path: "/usr/share/zoneinfo/" + name)
        }
    }

    /// Offset east of UTC in seconds and the zone abbreviation at a Unix time.
    func lookup(_ unix: Int64) -> (offset: Int, abbreviation: String) {
        guard let timeZone else { return (fixedOffset, fixedAbbreviation) }
        // Within the file's transitions Go uses them directly (historical local mean
        // times included); before the first one, the first standard-time type.
        if let last = transitions.last, unix < last.at {
            guard let first = transitions.first, unix >= first.at else {
                let zone = abbreviations.first { !$0.isDST } ?? transitions[0].type
                return (zone.offset, zone.abbreviation)
            }
            var lo = 0, hi = transitions.count - 1
            while lo < hi {
                let mid = (lo + hi + 1) / 2
                if transitions[mid].at <= unix { lo = mid } else { hi = mid - 1 }
            }
            return (transitions[lo].type.offset, transitions[lo].type.abbreviation)
        }
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

    /// The zone types (offset, DST flag, abbreviation, in file order) and the
    /// transitions of a TZif file (64-bit section when present).
    private static func readTZif(_ path: String) -> ([ZoneType], [(at: Int64, type: ZoneType)]) {
        guard let data = FileManager.default.contents(atPath: path), data.count > 44 else { return ([], []) }
        let b = [UInt8](data)
        guard b[0] == 0x54, b[1] == 0x5A, b[2] == 0x69, b[3] == 0x66 else { return ([], []) }
        func be(_ i: Int, _ size: Int) -> Int64 {
            guard i + size <= b.count else { return 0 }
            var v: UInt64 = 0
            for k in 0..<size { v = v << 8 | UInt64(b[i + k]) }
            return size == 4 ? Int64(Int32(bitPattern: UInt32(v))) : Int64(bitPattern: v)
        }
        func parse(at start: Int, timeSize: Int) -> ([ZoneType], [(at: Int64, type: ZoneType)], Int)? {
            let count = { (k: Int) in Int(be(start + 20 + 4 * k, 4)) }
            let isutcnt = count(0), isstdcnt = count(1), leapcnt = count(2)
            let timecnt = count(3), typecnt = count(4), charcnt = count(5)
            let timesStart = start + 44
            let indicesStart = timesStart + timecnt * timeSize
            let typesStart = indicesStart + timecnt
            let charsStart = typesStart + typecnt * 6
            let end = charsStart + charcnt + leapcnt * (timeSize + 4) + isstdcnt + isutcnt
            guard timecnt >= 0, typecnt >= 0, charcnt >= 0, end <= b.count else { return nil }
            var types: [ZoneType] = []
            for t in 0..<typecnt {
                let o = typesStart + t * 6
                var chars: [UInt8] = []
                var k = charsStart + Int(b[o + 5])
                while k < charsStart + charcnt, b[k] != 0 { chars.append(b[k]); k += 1 }
                types.append(ZoneType(offset: Int(be(o, 4)), isDST: b[o + 4] != 0,
                                      abbreviation: String(decoding: chars, as: UTF8.self)))
            }
            var transitions: [(at: Int64, type: ZoneType)] = []
            for i in 0..<timecnt {
                let t = Int(b[indicesStart + i])
                if t < types.count { transitions.append((be(timesStart + i * timeSize, timeSize), types[t])) }
            }
            return (types, transitions, end)
        }
        guard let (types1, transitions1, v1End) = parse(at: 0, timeSize: 4) else { return ([], []) }
        if b[4] >= 0x32, let (types2, transitions2, _) = parse(at: v1End, timeSize: 8) {
            return (types2 + transitions2.map(\.type), transitions2)
        }
        return (types1 + transitions1.map(\.type), transitions1)
    }
}
