import Foundation

/// Go reflection facts about a ``Value`` that sprig's functions branch on
/// (`reflect.DeepEqual`, sprig's `empty`, sprig's `strval`); `%T` and the kind
/// are the core's ``Value/goTypeName`` and ``Value/goKindName``.
extension Value {
    /// The elements when this is a Go slice (bytes count as `[]uint8`).
    var sliceElements: [Value]? {
        switch self {
        case .list(let items, _): return items
        case .bytes(let b): return b.map { .int(Int($0)) }
        default: return nil
        }
    }

    /// sprig's `empty`: nil, zero numbers, false, and zero-length strings,
    /// slices and maps are empty; structs and non-nil pointers never are.
    var sprigIsEmpty: Bool {
        switch self {
        case .null: return true
        case .bool(let b): return !b
        case .int(let i): return i == 0
        case .int64(let i): return i == 0
        case .float64(let d): return d == 0
        case .string(let s): return s.isEmpty
        case .bytes(let b): return b.isEmpty
        case .list(let l, _): return l.isEmpty
        case .map(let m): return m.isEmpty
        case .object(let o):
            if let m = o as? GoStringMap { return m.entries.isEmpty }
            return o is GoNilPointer
        }
    }

    /// sprig's `strval`: strings and byte slices as they are, anything else as `%v`
    /// (which calls `String()`/`Error()` on objects).
    var sprigString: String {
        switch self {
        case .string(let s): return s
        case .bytes(let b): return String(decoding: b, as: UTF8.self)
        default: return goDescription
        }
    }

    /// `reflect.DeepEqual`: same dynamic types and deeply equal contents.
    func sprigDeepEquals(_ other: Value) -> Bool {
        switch (self, other) {
        case (.null, .null): return true
        case (.bool(let a), .bool(let b)): return a == b
        case (.int(let a), .int(let b)): return a == b
        case (.int64(let a), .int64(let b)): return a == b
        case (.float64(let a), .float64(let b)): return a == b
        case (.string(let a), .string(let b)): return a == b
        case (.bytes(let a), .bytes(let b)): return a == b
        case (.list(let a, let ta), .list(let b, let tb)):
            guard ta == tb, a.count == b.count else { return false }
            return zip(a, b).allSatisfy { $0.sprigDeepEquals($1) }
        case (.map(let a), .map(let b)):
            guard a.count == b.count else { return false }
            for (k, v) in a {
                guard let w = b[k], v.sprigDeepEquals(w) else { return false }
            }
            return true
        case (.object(let a), .object(let b)):
            guard a.goTypeName == b.goTypeName else { return false }
            return a.goEquals(b) ?? (a.goDescription == b.goDescription)
        default: return false
        }
    }
}
