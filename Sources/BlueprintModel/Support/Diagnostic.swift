/// One problem found in a blueprint: what, where, and how to fix it.
public struct Diagnostic: Sendable, Hashable, Codable, CustomStringConvertible {
    public enum Severity: String, Sendable, Hashable, Codable {
        case error
        case warning
    }

    public var severity: Severity
    public var location: SourceLocation
    public var message: String
    /// A suggestion such as "did you mean `deferPhase`?", nil when none helps.
    public var hint: String?

    /// Message and hint quote the input; control characters in them are escaped
    /// here, once, so no output path (text, JSON, logs) can echo them raw.
    public init(_ severity: Severity, at location: SourceLocation, _ message: String, hint: String? = nil) {
        self.severity = severity
        self.location = location
        self.message = DisplayText.escaped(message, keepingLayout: true)
        self.hint = hint.map { DisplayText.escaped($0, keepingLayout: true) }
    }

    public static func error(at location: SourceLocation, _ message: String, hint: String? = nil) -> Self {
        .init(.error, at: location, message, hint: hint)
    }

    public static func warning(at location: SourceLocation, _ message: String, hint: String? = nil) -> Self {
        .init(.warning, at: location, message, hint: hint)
    }

    /// `file:line:col: error: message`, with the hint on its own indented line —
    /// the format compilers use, so editors can jump to it.
    public var description: String {
        var text = "\(DisplayText.escaped(location.description)): \(severity.rawValue): \(message)"
        if let hint { text += "\n    hint: \(hint)" }
        return text
    }

    enum CodingKeys: String, CodingKey {
        case severity, file, line, column, message, hint
    }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        severity = try c.decode(Severity.self, forKey: .severity)
        location = SourceLocation(
            file: try c.decode(String.self, forKey: .file),
            line: try c.decode(Int.self, forKey: .line),
            column: try c.decode(Int.self, forKey: .column))
        message = DisplayText.escaped(try c.decode(String.self, forKey: .message), keepingLayout: true)
        hint = try c.decodeIfPresent(String.self, forKey: .hint).map { DisplayText.escaped($0, keepingLayout: true) }
    }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(severity, forKey: .severity)
        try c.encode(location.file, forKey: .file)
        try c.encode(location.line, forKey: .line)
        try c.encode(location.column, forKey: .column)
        try c.encode(message, forKey: .message)
        try c.encodeIfPresent(hint, forKey: .hint)
    }
}

extension Array where Element == Diagnostic {
    public var hasErrors: Bool { contains { $0.severity == .error } }
}
