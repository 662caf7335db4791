/// A YAML value that remembers where it was written, so any later error —
/// a bad argument, a template that fails to parse or render — can point at
/// `file:line:column`.
public indirect enum SourceValue: Sendable, Hashable {
    case null(SourceLocation)
    case scalar(Scalar)
    case list([SourceValue], SourceLocation)
    /// Entries in the order they were written.
    case map([Entry], SourceLocation)

    public struct Scalar: Sendable, Hashable {
        public var text: String
        /// What YAML resolved the plain scalar to (a quoted scalar is always a string).
        public var kind: Kind
        /// How it was written, to map positions inside the text back to the file.
        public var style: Style
        public var location: SourceLocation

        public enum Kind: String, Sendable, Hashable {
            case string, int, float, bool
        }

        public enum Style: String, Sendable, Hashable {
            case plain, singleQuoted, doubleQuoted, literal, folded
        }

        public init(text: String, kind: Kind, style: Style = .plain, location: SourceLocation) {
            self.text = text
            self.kind = kind
            self.style = style
            self.location = location
        }

        public var boolValue: Bool? {
            guard kind == .bool else { return nil }
            return ["true", "yes", "on", "y"].contains(text.lowercased())
        }
    }

    public struct Entry: Sendable, Hashable {
        public var key: String
        public var keyLocation: SourceLocation
        public var value: SourceValue

        public init(key: String, keyLocation: SourceLocation, value: SourceValue) {
            self.key = key
            self.keyLocation = keyLocation
            self.value = value
        }
    }

    public var location: SourceLocation {
        switch self {
        case .null(let location), .list(_, let location), .map(_, let location): return location
        case .scalar(let scalar): return scalar.location
        }
    }

    /// A short name of the YAML kind, for messages ("expected a list, found a map").
    public var kindName: String {
        switch self {
        case .null: return "null"
        case .scalar(let s):
            switch s.kind {
            case .string: return "a string"
            case .int: return "an integer"
            case .float: return "a number"
            case .bool: return "a boolean"
            }
        case .list: return "a list"
        case .map: return "a map"
        }
    }

    public var string: String? {
        if case .scalar(let s) = self { return s.text }
        return nil
    }

    public var entries: [Entry]? {
        if case .map(let entries, _) = self { return entries }
        return nil
    }

    public var items: [SourceValue]? {
        if case .list(let items, _) = self { return items }
        return nil
    }

    public subscript(key: String) -> SourceValue? {
        entries?.first { $0.key == key }?.value
    }

    /// True when some string inside contains a Go template action.
    public var containsTemplate: Bool {
        switch self {
        case .null: return false
        case .scalar(let s): return s.text.contains("{{")
        case .list(let items, _): return items.contains { $0.containsTemplate }
        case .map(let entries, _): return entries.contains { $0.key.contains("{{") || $0.value.containsTemplate }
        }
    }

    /// Every string scalar (and map key) inside, with its location, in document order.
    public func forEachString(_ body: (String, SourceValue.Scalar) -> Void) {
        switch self {
        case .null: break
        case .scalar(let s): body(s.text, s)
        case .list(let items, _): items.forEach { $0.forEachString(body) }
        case .map(let entries, _):
            for entry in entries {
                body(entry.key, Scalar(text: entry.key, kind: .string, location: entry.keyLocation))
                entry.value.forEachString(body)
            }
        }
    }
}
