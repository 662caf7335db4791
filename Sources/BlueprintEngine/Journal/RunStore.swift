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

        public var description: String {
            switch self {
            case .notFound(let id, let directory):
                return "no run `\(id)` in \(directory) (run `blueprint runs` to list them)"
            case .unreadable(let path, let reason): return "cannot read run record \(path): \(reason)"
            case .cannotWrite(let path, let reason): return "cannot write \(path): \(reason)"
            }
        }
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

    public func load(_ id: String) throws(StoreError) -> RunRecord {
        let url = runsDirectory.appendingPathComponent("\(id).json")
        guard FileManager.default.fileExists(atPath: url.path) else {
            throw .notFound(id, directory: runsDirectory.path)
        }
        do {
            return try Self.decoder.decode(RunRecord.self, from: Data(contentsOf: url))
        } catch {
            throw .unreadable(url.path, "\(error)")
        }
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
}
