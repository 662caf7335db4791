import Foundation

/// Finds Kanister's `kando output` lines in command output:
/// `###Phase-output###: {"key":"k","value":"v"}`, anywhere in a line.
///
/// Keys must match `^[A-Za-z0-9_]+$` (Kanister's rule); a later line with the same
/// key overwrites the earlier value.
public struct PhaseOutputParser: Sendable {
    public static let marker = "###Phase-output###:"

    public private(set) var outputs: [String: ArgumentValue] = [:]

    public init() {}

    /// Feeds one line (without its newline).
    public mutating func consume(line: some StringProtocol) {
        guard let range = line.range(of: Self.marker) else { return }
        let json = line[range.upperBound...].trimmingCharacters(in: .whitespaces)
        guard let data = json.data(using: .utf8),
              let object = try? JSONDecoder().decode(Entry.self, from: data),
              Self.isValidKey(object.key) else { return }
        outputs[object.key] = object.value
    }

    public static func isValidKey(_ key: String) -> Bool {
        !key.isEmpty && key.unicodeScalars.allSatisfy {
            ("a"..."z").contains($0) || ("A"..."Z").contains($0) || ("0"..."9").contains($0) || $0 == "_"
        }
    }

    private struct Entry: Decodable {
        var key: String
        var value: ArgumentValue
    }
}
