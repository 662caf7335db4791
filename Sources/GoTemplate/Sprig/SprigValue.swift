import Foundation

/// Go reflection facts about a ``Value`` that sprig's functions branch on
/// (`reflect.Kind`, `%T`, `reflect.DeepEqual`, sprig's `empty`, sprig's `strval`).
extension Value {
    /// `reflect.ValueOf(v).Kind().String()`; `invalid` for nil.
    var sprigKind: String {
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

    /// `fmt.Sprintf("%T", v)`.
    var sprigTypeName: String {
        switch self {
        case .null: return "<nil>"
        case .bool: return "bool"
        case .int: return "int"
        case .int64: return "int64"
        case .float64: return "float64"
        case .string: return "string"
        case .bytes: return "[]uint8"
        case .list(_, let element): return "[]" + element
        case .map: return "map[string]interface {}"
        case .object(let o): return o.goTypeName
        }
    }

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
        case .object: return false
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

/// Typed access to arguments the evaluator already converted to the declared
/// parameter types; a mismatch is a bug in the caller, reported as an error.
enum SprigArgs {
    static func string(_ args: [Value], _ i: Int) throws -> String {
        guard i < args.count else { throw TemplateFunctionError("missing argument \(i + 1)") }
        switch args[i] {
        case .string(let s): return s
        case .bytes(let b): return String(decoding: b, as: UTF8.self)
        default: throw TemplateFunctionError("wrong type for value; expected string; got \(args[i].sprigTypeName)")
        }
    }

    static func int(_ args: [Value], _ i: Int) throws -> Int {
        guard i < args.count else { throw TemplateFunctionError("missing argument \(i + 1)") }
        switch args[i] {
        case .int(let v): return v
        case .int64(let v): return Int(v)
        default: throw TemplateFunctionError("wrong type for value; expected int; got \(args[i].sprigTypeName)")
        }
    }

    static func bool(_ args: [Value], _ i: Int) throws -> Bool {
        guard i < args.count, case .bool(let b) = args[i] else {
            throw TemplateFunctionError("wrong type for value; expected bool")
        }
        return b
    }

    static func map(_ args: [Value], _ i: Int) throws -> [String: Value] {
        guard i < args.count else { throw TemplateFunctionError("missing argument \(i + 1)") }
        switch args[i] {
        case .map(let m): return m
        default:
            throw TemplateFunctionError(
                "wrong type for value; expected map[string]interface {}; got \(args[i].sprigTypeName)")
        }
    }

    static func any(_ args: [Value], _ i: Int) -> Value {
        i < args.count ? args[i] : .null
    }
}

/// Go's runtime panic texts that text/template reports as `error calling F: ...`.
enum GoPanic {
    static let nilDereference = TemplateFunctionError(
        "runtime error: invalid memory address or nil pointer dereference")

    static func sliceBounds(_ low: Int, _ high: Int) -> TemplateFunctionError {
        TemplateFunctionError("runtime error: slice bounds out of range [\(low):\(high)]")
    }
}

extension Array where Element == Value {
    /// A Go `[]string` result.
    static func strings(_ items: [String]) -> Value {
        .list(items.map { .string($0) }, elementType: "string")
    }
}
