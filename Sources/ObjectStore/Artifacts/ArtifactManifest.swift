import Foundation

/// The record that makes a run's artifacts complete. It is written last, after
/// every object is stored, so its presence means every listed byte is there; the
/// sizes and SHA-256 digests let any reader check that they still are.
public struct ArtifactManifest: Codable, Sendable, Equatable {
    /// One stored artifact.
    public struct Object: Codable, Sendable, Equatable {
        /// The name the run gave it ("dump.sql.gz").
        public var name: String
        /// Full key in the store.
        public var key: String
        public var size: Int64
        /// Lowercase hex SHA-256 of the content.
        public var sha256: String

        public init(name: String, key: String, size: Int64, sha256: String) {
            self.name = name
            self.key = key
            self.size = size
            self.sha256 = sha256
        }
    }

    public static let fileName = "manifest.json"
    public static let currentFormat = 1

    public var format: Int
    public var run: String
    public var blueprint: String
    public var action: String
    public var app: String
    public var time: Date
    public var objects: [Object]

    public init(run: String, blueprint: String, action: String, app: String, time: Date, objects: [Object]) {
        self.format = Self.currentFormat
        self.run = run
        self.blueprint = blueprint
        self.action = action
        self.app = app
        self.time = time
        self.objects = objects
    }

    public func object(named name: String) -> Object? { objects.first { $0.name == name } }

    public var totalSize: Int64 { objects.reduce(0) { $0 + $1.size } }

    /// Pretty, key-sorted, with times as the manifest writes them; also what the CLI prints.
    public static let encoder: JSONEncoder = {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        encoder.dateEncodingStrategy = .custom { date, encoder in
            var container = encoder.singleValueContainer()
            try container.encode(formatTime(date))
        }
        return encoder
    }()

    static let decoder: JSONDecoder = {
        let decoder = JSONDecoder()
        decoder.dateDecodingStrategy = .custom { decoder in
            let text = try decoder.singleValueContainer().decode(String.self)
            guard let date = parseTime(text) else {
                throw DecodingError.dataCorrupted(.init(codingPath: decoder.codingPath, debugDescription: "not an RFC 3339 time: \(text)"))
            }
            return date
        }
        return decoder
    }()

    /// RFC 3339 with milliseconds, UTC.
    public static func formatTime(_ date: Date) -> String {
        let formatter = ISO8601DateFormatter()
        formatter.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
        return formatter.string(from: date)
    }

    static func parseTime(_ text: String) -> Date? {
        let formatter = ISO8601DateFormatter()
        formatter.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
        if let date = formatter.date(from: text) { return date }
        return ISO8601DateFormatter().date(from: text)
    }
}
