import Foundation

/// Where run records live: `$BLUEPRINT_HOME/runs/<id>.json`, with
/// `~/.local/state/blueprint` as the default home (XDG state directory).
public struct RunStore: Sendable {
    public var home: URL

    public init(home: URL) { self.home = home }

    public init(environment: [String: String] = ProcessInfo.processInfo.environment) {
        if let home = environment["BLUEPRINT_HOME"], !home.isEmpty {
            self.home = URL(fileURLWithPath: home)
        } else if let state = environment["XDG_STATE_HOME"], !state.isEmpty {
            self.home = URL(fileURLWithPath: state).appendingPathComponent("blueprint")
        } else {
            let user = environment["HOME"] ?? NSHomeDirectory()
            self.home = URL(fileURLWithPath: user).appendingPathComponent(".local/state/blueprint")
        }
    }

    public var runsDirectory: URL { home.appendingPathComponent("runs") }
    public var artifactsDirectory: URL { home.appendingPathComponent("artifacts") }

    public enum StoreError: Error, Sendable, CustomStringConvertible {
        case notFound(String, directory: String)
        case unreadable(String, String)
        case cannotWrite(String, String)
        /// Not a run id: ids are names, never paths (DESIGN.md promise 7).
        case invalidID(String)
        /// The file for one id holds the record of another (planted or copied).
        case mismatchedID(requested: String, found: String, path: String)

        /// A user-given id as it can safely be printed: control characters escaped, at most 80 characters.
        static func shown(_ id: String) -> String {
            let escaped = id.unicodeScalars.map { $0.value < 0x20 || $0.value == 0x7F ? "\\u{\(String($0.value, radix: 16))}" : String($0) }.joined()
            return escaped.count > 80 ? escaped.prefix(80) + "…" : escaped
        }

        public var description: String {
            switch self {
            case .notFound(let id, let directory):
                return "no run `\(id)` in \(directory) (run `blueprint runs` to list them)"
            case .unreadable(let path, let reason): return "cannot read run record \(path): \(reason)"
            case .cannotWrite(let path, let reason): return "cannot write \(path): \(reason)"
            case .invalidID(let id):
                return "`\(Self.shown(id))` is not a run id: ids are 1–128 letters, digits, `.`, `_` or `-`, not starting "
                    + "with `.` (run `blueprint runs` to list them)"
            case .mismatchedID(let requested, let found, let path):
                return "\(path) holds the record of run `\(Self.shown(found))`, not `\(requested)`: it was copied or planted there; "
                    + "refusing to use it (move it aside, or ask for run `\(Self.shown(found))` by its own id)"
            }
        }
    }

    /// Whether `id` may name a run: a plain file name, never a path.
    public static func isValidID(_ id: String) -> Bool {
        guard (1...128).contains(id.utf8.count), !id.hasPrefix(".") else { return false }
        return id.utf8.allSatisfy { byte in
            (0x30...0x39).contains(byte) || (0x41...0x5A).contains(byte) || (0x61...0x7A).contains(byte)
                || byte == UInt8(ascii: "-") || byte == UInt8(ascii: "_") || byte == UInt8(ascii: ".")
        }
    }

    public static func validateID(_ id: String) throws(StoreError) {
        guard isValidID(id) else { throw .invalidID(id) }
    }

    static let encoder: JSONEncoder = {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        encoder.dateEncodingStrategy = .custom { date, encoder in
            var container = encoder.singleValueContainer()
            try container.encode(TemplateParameters.rfc3339Nano(date))
        }
        return encoder
    }()

    static let decoder: JSONDecoder = {
        let decoder = JSONDecoder()
        decoder.dateDecodingStrategy = .custom { decoder in
            let text = try decoder.singleValueContainer().decode(String.self)
            guard let date = parseRFC3339(text) else {
                throw DecodingError.dataCorrupted(.init(codingPath: decoder.codingPath, debugDescription: "bad date \(text)"))
            }
            return date
        }
        return decoder
    }()

    static func parseRFC3339(_ text: String) -> Date? {
        let formatter = ISO8601DateFormatter()
        formatter.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
        if let date = formatter.date(from: text) {
            // ISO8601DateFormatter keeps milliseconds only; add the rest of the fraction back.
            if let dot = text.firstIndex(of: "."), let end = text.firstIndex(of: "Z") {
                let fraction = "0" + text[dot..<end]
                if let value = Double(fraction) {
                    return Date(timeIntervalSince1970: floor(date.timeIntervalSince1970) + value)
                }
            }
            return date
        }
        formatter.formatOptions = [.withInternetDateTime]
        return formatter.date(from: text)
    }

    /// The run called `id`: the id is checked before it touches a path, and the
    /// record read must be that run's own (its `id` field), so a file planted under
    /// another name cannot stand in for a real run.
    public func load(_ id: String) throws(StoreError) -> RunRecord {
        try Self.validateID(id)
        let url = runsDirectory.appendingPathComponent("\(id).json")
        guard FileManager.default.fileExists(atPath: url.path) else {
            throw .notFound(id, directory: runsDirectory.path)
        }
        let record: RunRecord
        do {
            record = try Self.decoder.decode(RunRecord.self, from: Data(contentsOf: url))
        } catch {
            throw .unreadable(url.path, "\(error)")
        }
        guard record.id == id else { throw .mismatchedID(requested: id, found: record.id, path: url.path) }
        return record
    }

    /// Every run, newest first; unreadable files are skipped.
    public func list() -> [RunRecord] {
        let files = (try? FileManager.default.contentsOfDirectory(atPath: runsDirectory.path)) ?? []
        return files.filter { $0.hasSuffix(".json") && !$0.hasPrefix(".") }.compactMap { file in
            try? Self.decoder.decode(RunRecord.self, from: Data(contentsOf: runsDirectory.appendingPathComponent(file)))
        }.sorted { ($0.startedAt, $0.id) > ($1.startedAt, $1.id) }
    }

    /// Writes a record directly (used by `recover`, which has no live journal).
    public func save(_ record: RunRecord) async throws {
        try Self.validateID(record.id)
        try await RunJournal.write(record, to: runsDirectory.appendingPathComponent("\(record.id).json"))
    }

    /// A new run id: sortable by time, unique without coordination.
    public static func newRunID(action: String, at date: Date = Date()) -> String {
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = TimeZone(identifier: "UTC")
        formatter.dateFormat = "yyyyMMdd-HHmmss"
        let suffix = String(UInt32.random(in: 0...UInt32.max), radix: 16)
        let safeAction = action.filter { $0.isLetter || $0.isNumber || $0 == "-" || $0 == "_" }
        return "\(formatter.string(from: date))-\(safeAction)-\(suffix)"
    }
}

extension RunStore {
    /// JSON the way the journal writes it (dates as RFC 3339), for `--output json`.
    public static func json(_ value: some Encodable) throws -> Data {
        try encoder.encode(value)
    }

    /// The journal's decoder (RFC 3339 dates with nanoseconds), for records kept
    /// beside the runs (application records).
    public static var jsonDecoder: JSONDecoder { decoder }
}
