extension Value {
    /// Go's `%T` of the value (`reflect.TypeOf(v).String()`); `<nil>` for `.null`.
    public var goTypeName: String {
        switch self {
        case .null: return "<nil>"
        case .bool: return "bool"
        case .int: return "int"
        case .int64: return "int64"
        case .float64: return "float64"
        case .string: return "string"
        case .bytes: return "[]uint8"
        case .list(_, let elementType): return "[]" + elementType
        case .map: return "map[string]interface {}"
        case .object(let o): return o.goTypeName
        }
    }

    /// Go's `reflect.Kind` name (`int64`, `slice`, `map`, …), as sprig's `kindOf` prints it.
    public var goKindName: String {
        switch self {
        case .null: return "invalid"
        case .bool: return "bool"
        case .int: return "int"
        case .int64: return "int64"
        case .float64: return "float64"
        case .string: return "string"
        case .bytes, .list: return "slice"
        case .map: return "map"
        case .object(let o): return o.goKind
        }
    }

    /// Go's template truth (`template.IsTrue`): false for nil, false, zero numbers and
    /// empty strings, lists and maps; true otherwise (structs are always true).
    public var isTrue: Bool {
        switch self {
        case .null: return false
        case .bool(let b): return b
        case .int(let i): return i != 0
        case .int64(let i): return i != 0
        case .float64(let d): return d != 0
        case .string(let s): return !s.isEmpty
        case .bytes(let b): return !b.isEmpty
        case .list(let l, _): return !l.isEmpty
        case .map(let m): return !m.isEmpty
        case .object(let o):
            if let t = o as? GoTruthValued { return t.goTruth }
            return true
        }
    }
}

/// A ``GoObject`` whose truth is not Go's struct default (always true), e.g. a
/// `time.Duration` (an int64 kind: zero is false) or a complex number.
public protocol GoTruthValued {
    var goTruth: Bool { get }
}
