/// Why YAML input was refused before or while it was composed: encoding,
/// characters YAML forbids, and the ``YAMLLimits``. Each case knows where it
/// happened and how to fix the input; ``diagnostic(file:)`` gives the
/// `file:line:col` form that `validate` and `run` print.
public enum YAMLInputError: Error, Sendable, Hashable, CustomStringConvertible {
    /// The input goes on past `limit` bytes; `position` is the first byte beyond it.
    case tooLarge(limit: Int, at: TextPosition)
    /// Bytes that are not UTF-8, starting at `position`.
    case invalidUTF8(bytes: [UInt8], at: TextPosition)
    /// A character YAML does not allow in a file (NUL, ESC, other controls).
    case forbiddenCharacter(Unicode.Scalar, at: TextPosition)
    /// Lists and maps nested deeper than `limit` (aliases expanded).
    case tooDeep(limit: Int, at: TextPosition)
    /// Alias uses, counted after expansion, beyond `limit`; `anchor` is the one
    /// whose use crossed it.
    case tooManyAliasExpansions(limit: Int, anchor: String, at: TextPosition)
    /// Nodes after alias expansion beyond `limit`.
    case tooManyNodes(limit: Int, at: TextPosition)
    /// Scalar bytes after alias expansion beyond `limit`.
    case expandsTooLarge(limit: Int, at: TextPosition)
    /// An alias, or a list or map, used as a mapping key in a document with aliases.
    case aliasOrCollectionAsKey(at: TextPosition)

    public var position: TextPosition {
        switch self {
        case .tooLarge(_, let at), .invalidUTF8(_, let at), .forbiddenCharacter(_, let at), .tooDeep(_, let at),
             .tooManyAliasExpansions(_, _, let at), .tooManyNodes(_, let at), .expandsTooLarge(_, let at),
             .aliasOrCollectionAsKey(let at):
            return at
        }
    }

    public var description: String {
        switch self {
        case .tooLarge(let limit, _):
            return "the YAML is larger than the limit of \(Self.size(limit)); it goes on past here"
        case .invalidUTF8(let bytes, let at):
            let hex = bytes.map { "0x" + String($0, radix: 16, uppercase: true) }.joined(separator: " ")
            return "the file is not UTF-8 text: invalid byte sequence \(hex) at byte offset \(at.byteOffset ?? 0)"
        case .forbiddenCharacter(let scalar, let at):
            return "control character \(Self.name(scalar)) is not allowed in YAML (byte offset \(at.byteOffset ?? 0))"
        case .tooDeep(let limit, _):
            return "lists and maps are nested more than \(limit) levels deep (the limit), counting expanded aliases"
        case .tooManyAliasExpansions(let limit, let anchor, _):
            return "YAML aliases expand more than \(limit) times (the limit); here `*\(DisplayText.escaped(anchor))` crosses it"
        case .tooManyNodes(let limit, _):
            return "the YAML expands to more than \(limit) values (the limit), counting each use of an alias in full"
        case .expandsTooLarge(let limit, _):
            return "the YAML's text expands to more than \(Self.size(limit)) (the limit), counting each use of an alias in full"
        case .aliasOrCollectionAsKey:
            return "an alias or a list/map is used as a mapping key in a document that uses aliases"
        }
    }

    public var hint: String {
        switch self {
        case .tooLarge:
            return "blueprints are rarely over 100 KiB; split the file, or move large data out of it (into a ConfigMap or the object store)"
        case .invalidUTF8:
            return "save the file as UTF-8 (e.g. `iconv -f latin1 -t utf-8`), or remove the bytes at that offset"
        case .forbiddenCharacter:
            return "remove it; to put a control character in a value, write an escape in a double-quoted string, e.g. \"\\e\" or \"\\u001b\""
        case .tooDeep:
            return "flatten the structure; blueprints need about 15 levels"
        case .tooManyAliasExpansions, .tooManyNodes, .expandsTooLarge:
            return "write the values out, or use fewer aliases of aliases; this is how a \"billion laughs\" file is refused"
        case .aliasOrCollectionAsKey:
            return "keys in a blueprint are plain names: write the key out instead of `*alias`, `? …` or `[…]:`"
        }
    }

    public func diagnostic(file: String) -> Diagnostic {
        .error(at: position.location(in: file), description, hint: hint)
    }

    static func size(_ bytes: Int) -> String {
        if bytes >= 1 << 20, bytes % (1 << 20) == 0 { return "\(bytes >> 20) MiB" }
        if bytes >= 1 << 10, bytes % (1 << 10) == 0 { return "\(bytes >> 10) KiB" }
        return "\(bytes) bytes"
    }

    /// `U+001B (ESC)`: the code and, for C0 controls, the usual abbreviation.
    static func name(_ scalar: Unicode.Scalar) -> String {
        let names = ["NUL", "SOH", "STX", "ETX", "EOT", "ENQ", "ACK", "BEL", "BS", "HT", "LF", "VT", "FF", "CR", "SO", "SI",
                     "DLE", "DC1", "DC2", "DC3", "DC4", "NAK", "SYN", "ETB", "CAN", "EM", "SUB", "ESC", "FS", "GS", "RS", "US"]
        var hex = String(scalar.value, radix: 16, uppercase: true)
        while hex.count < 4 { hex = "0" + hex }
        if scalar.value < 32 { return "U+\(hex) (\(names[Int(scalar.value)]))" }
        if scalar.value == 0x7F { return "U+007F (DEL)" }
        return "U+\(hex)"
    }
}
