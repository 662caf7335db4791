import GoTemplate

/// A rendered argument or an output value: the JSON-like data a function receives
/// after templates are rendered, and what the journal stores.
///
/// Kept separate from ``GoTemplate/Value`` because it must be `Codable` (undos are
/// re-run from the journal by `blueprint recover`) and needs none of Go's int/int64
/// distinctions.
public indirect enum ArgumentValue: Sendable, Hashable, Codable, CustomStringConvertible {
    case null
    case string(String)
    case int(Int)
    case float(Double)
    case bool(Bool)
    case list([ArgumentValue])
    case map([String: ArgumentValue])

    public init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        if container.decodeNil() { self = .null }
        else if let bool = try? container.decode(Bool.self) { self = .bool(bool) }
        else if let int = try? container.decode(Int.self) { self = .int(int) }
        else if let double = try? container.decode(Double.self) { self = .float(double) }
        else if let string = try? container.decode(String.self) { self = .string(string) }
        else if let list = try? container.decode([ArgumentValue].self) { self = .list(list) }
        else { self = .map(try container.decode([String: ArgumentValue].self)) }
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        switch self {
        case .null: try container.encodeNil()
        case .string(let s): try container.encode(s)
        case .int(let i): try container.encode(i)
        case .float(let d): try container.encode(d)
        case .bool(let b): try container.encode(b)
        case .list(let l): try container.encode(l)
        case .map(let m): try container.encode(m)
        }
    }

    /// The value as text, the way Go's `%v` would print a scalar.
    public var description: String {
        switch self {
        case .null: return ""
        case .string(let s): return s
        case .int(let i): return String(i)
        case .float(let d): return d == d.rounded() && abs(d) < 1e15 ? String(Int64(d)) : String(d)
        case .bool(let b): return b ? "true" : "false"
        case .list(let l): return "[" + l.map(\.description).joined(separator: " ") + "]"
        case .map(let m): return "map[" + m.keys.sorted().map { "\($0):\(m[$0]!.description)" }.joined(separator: " ") + "]"
        }
    }

    /// The value as templates see it.
    public var templateValue: Value {
        switch self {
        case .null: return .null
        case .string(let s): return .string(s)
        case .int(let i): return .int(i)
        case .float(let d): return .float64(d)
        case .bool(let b): return .bool(b)
        case .list(let l): return .list(l.map(\.templateValue))
        case .map(let m): return .map(m.mapValues(\.templateValue))
        }
    }

    /// Converts a template value (a parsed app file, a rendered default) back.
    public init(_ value: Value) {
        switch value {
        case .null: self = .null
        case .bool(let b): self = .bool(b)
        case .int(let i): self = .int(i)
        case .int64(let i): self = .int(Int(i))
        case .float64(let d): self = .float(d)
        case .string(let s): self = .string(s)
        case .bytes(let b): self = .string(String(decoding: b, as: UTF8.self))
        case .list(let l, _): self = .list(l.map(ArgumentValue.init))
        case .map(let m): self = .map(m.mapValues(ArgumentValue.init))
        case .object(let o): self = .string(o.goDescription)
        }
    }
}
