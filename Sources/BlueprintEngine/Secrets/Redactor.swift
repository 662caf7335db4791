import ChildProcesses

/// Masks secret values wherever they appear in text the engine shows or keeps:
/// output lines, logs, errors, the journal, `status`, JSON output, dry-run plans.
///
/// It masks each secret as given, each line of a multi-line secret, and the
/// encodings templates commonly apply (``SecretEncoding``: base64, hex, URL
/// encoding, upper and lower case, JSON). A secret shorter than
/// ``minimumLength`` characters is not masked — masking "admin" would mask
/// every "admin" in every log — and is listed in ``unmasked`` so the run can
/// warn about it.
public struct Redactor: Sendable {
    public static let mask = "<redacted>"
    /// Shorter secrets cannot be masked without masking unrelated text.
    public static let minimumLength = 6

    /// What to look for: one form of one secret.
    struct Pattern: Sendable {
        var text: String
        var secret: Int
        var form: SecretForm
    }

    /// The secrets, in the order they became known.
    public private(set) var secrets: [SecretValue] = []
    /// Secrets too short to be masked, by where they came from.
    public private(set) var unmasked: [SecretReference] = []
    private var patterns: [Pattern] = []

    public init(secrets: [SecretValue] = []) {
        for secret in secrets { add(secret) }
    }

    public mutating func add(_ secret: SecretValue) {
        guard !secret.value.isEmpty, !secrets.contains(where: { $0.value == secret.value }) else { return }
        guard secret.value.count >= Self.minimumLength else {
            if !unmasked.contains(secret.reference) { unmasked.append(secret.reference) }
            return
        }
        secrets.append(secret)
        for (form, text) in SecretForm.forms(of: secret.value, minimumLength: Self.minimumLength) {
            patterns.append(Pattern(text: text, secret: secrets.count - 1, form: form))
        }
    }

    /// Warnings for secrets that are not masked, naming where they came from.
    public var warnings: [String] {
        unmasked.map { "\($0) is shorter than \(Self.minimumLength) characters, so it is not redacted from output and logs" }
    }

    public func redact(_ text: String) -> String {
        replacingMatches(in: text) { _ in Self.mask }
    }

    public func redact(_ value: ArgumentValue) -> ArgumentValue {
        guard !patterns.isEmpty else { return value }
        return value.mappingStrings(redact)
    }

    /// `arguments` with each secret replaced by a numbered placeholder
    /// (``SecretUse/placeholder(_:)``) and the list of what each number stands
    /// for: what the journal keeps of an undo, so `recover` can put the values
    /// back without the journal ever holding one.
    public func referencing(_ arguments: [String: ArgumentValue]) -> (arguments: [String: ArgumentValue], uses: [SecretUse]) {
        guard !patterns.isEmpty else { return (arguments, []) }
        var uses: [SecretUse] = []
        let replaced = ArgumentValue.map(arguments).mappingStrings { text in
            replacingMatches(in: text) { pattern in
                let use = SecretUse(reference: secrets[pattern.secret].reference, form: pattern.form)
                if let index = uses.firstIndex(of: use) { return SecretUse.placeholder(index) }
                uses.append(use)
                return SecretUse.placeholder(uses.count - 1)
            }
        }
        guard case .map(let map) = replaced else { return (arguments, []) }
        return (map, uses)
    }

    /// Replaces every match, leftmost first and the longest where matches
    /// overlap, by what `replacement` returns for its pattern.
    private func replacingMatches(in text: String, _ replacement: (Pattern) -> String) -> String {
        var matches: [(range: Range<Int>, pattern: Int)] = []
        for (index, pattern) in patterns.enumerated() {
            matches += text.byteRanges(of: pattern.text).map { ($0, index) }
        }
        guard !matches.isEmpty else { return text }
        matches.sort { $0.range.lowerBound != $1.range.lowerBound ? $0.range.lowerBound < $1.range.lowerBound
                                                                  : $0.range.count > $1.range.count }
        let bytes = Array(text.utf8)
        var out: [UInt8] = []
        out.reserveCapacity(bytes.count)
        var cursor = 0
        for match in matches where match.range.lowerBound >= cursor {
            out += bytes[cursor..<match.range.lowerBound]
            out += Array(replacement(patterns[match.pattern]).utf8)
            cursor = match.range.upperBound
        }
        out += bytes[cursor...]
        return String(decoding: out, as: UTF8.self)
    }
}

extension ArgumentValue {
    /// The value with every string (map keys included) passed through `transform`.
    func mappingStrings(_ transform: (String) -> String) -> ArgumentValue {
        switch self {
        case .string(let s): return .string(transform(s))
        case .list(let l): return .list(l.map { $0.mappingStrings(transform) })
        case .map(let m):
            return .map(Dictionary(m.map { (transform($0.key), $0.value.mappingStrings(transform)) },
                                   uniquingKeysWith: { first, _ in first }))
        default: return self
        }
    }
}
