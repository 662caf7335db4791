import ChildProcesses
import Foundation

/// Finds Kanister's `kando output` lines in command output:
/// `###Phase-output###: {"key":"k","value":"v"}`, anywhere in a line.
///
/// Keys must match `^[A-Za-z0-9_]+$` (Kanister's rule); a later line with the same
/// key overwrites the earlier value. A marker line that cannot be used (not JSON,
/// a bad key, cut by the line cap) is not silently dropped: it is listed in
/// ``problems`` so the function can warn about it.
public struct PhaseOutputParser: Sendable {
    public static let marker = "###Phase-output###:"

    public private(set) var outputs: [String: ArgumentValue] = [:]
    /// One sentence per marker line that was ignored, saying why.
    public private(set) var problems: [String] = []

    public init() {}

    /// Feeds one line as ``LineSplitter`` cut it.
    public mutating func consume(_ line: LineSplitter.Line) {
        if line.truncated {
            if line.text.containsBytes(of: Self.marker) {
                problems.append("a \(Self.marker) line of \(line.length) bytes is longer than the "
                    + "\(line.text.utf8.count)-byte line limit and was ignored; store large values as an artifact instead")
            }
            return
        }
        consume(line: line.text)
    }

    /// Feeds one line (without its newline).
    public mutating func consume(line: String) {
        guard line.containsBytes(of: Self.marker), let range = line.range(of: Self.marker) else { return }
        let json = line[range.upperBound...].trimmingCharacters(in: .whitespaces)
        let object: Entry
        do {
            object = try JSONDecoder().decode(Entry.self, from: Data(json.utf8))
        } catch {
            problems.append("ignored a \(Self.marker) line that is not {\"key\":…,\"value\":…} JSON: \(Self.excerpt(json))")
            return
        }
        guard Self.isValidKey(object.key) else {
            problems.append("ignored output key \(Self.excerpt(object.key)): keys may hold only letters, digits and _")
            return
        }
        outputs[object.key] = object.value
    }

    public static func isValidKey(_ key: String) -> Bool {
        !key.isEmpty && key.unicodeScalars.allSatisfy {
            ("a"..."z").contains($0) || ("A"..."Z").contains($0) || ("0"..."9").contains($0) || $0 == "_"
        }
    }

    /// The start of a bad value, quoted, for a warning (never the whole of a long line).
    private static func excerpt(_ text: String) -> String {
        let head = text.prefix(80)
        return "\"\(head)\(head.count < text.count ? "…" : "")\""
    }

    private struct Entry: Decodable {
        var key: String
        var value: ArgumentValue
    }
}
