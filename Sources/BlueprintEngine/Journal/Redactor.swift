import ChildProcesses

/// Replaces secret values with `<redacted>` wherever they appear in text the
/// engine writes: the journal, logs, errors.
public struct Redactor: Sendable, Hashable {
    public static let mask = "<redacted>"

    /// Longest first, so a secret containing another is masked whole.
    public private(set) var secrets: [String] = []

    public init(secrets: [String] = []) {
        for secret in secrets { add(secret) }
    }

    public mutating func add(_ secret: String) {
        // Very short values would mask unrelated text ("1", "a") and protect nothing.
        guard secret.count >= 3, !secrets.contains(secret) else { return }
        secrets.append(secret)
        secrets.sort { $0.count > $1.count }
    }

    public func redact(_ text: String) -> String {
        guard !secrets.isEmpty else { return text }
        var result = text
        for secret in secrets where result.containsBytes(of: secret) {
            result = result.replacingOccurrences(of: secret, with: Self.mask)
        }
        return result
    }

    public func redact(_ value: ArgumentValue) -> ArgumentValue {
        guard !secrets.isEmpty else { return value }
        switch value {
        case .string(let s): return .string(redact(s))
        case .list(let l): return .list(l.map(redact))
        case .map(let m): return .map(Dictionary(uniqueKeysWithValues: m.map { (redact($0.key), redact($0.value)) }))
        default: return value
        }
    }
}
