/// Go's template comparison functions (`eq`, `lt`, …) with their `basicKind` rules:
/// `int` and `int64` compare by value, but an integer and a float64 are
/// "incompatible types", and only basic kinds can be ordered.
enum Comparison {
    private enum Kind {
        case invalid, bool, complex, int, float, string
    }

    private static func basicKind(_ v: Value) -> Kind {
        switch v {
        case .bool: return .bool
        case .int, .int64: return .int
        case .float64: return .float
        case .string: return .string
        case .object(let o) where o is ComplexNumber: return .complex
        default: return .invalid
        }
    }

    private static func intValue(_ v: Value) -> Int64 {
        switch v {
        case .int(let i): return Int64(i)
        case .int64(let i): return i
        default: return 0
        }
    }

    /// A Go kind name used to decide whether two non-basic values can be compared.
    private static func reflectKind(_ v: Value) -> String {
        switch v {
        case .null: return "invalid"
        case .list, .bytes: return "slice"
        case .map: return "map"
        case .object(let o): return o.goKind
        default: return v.goKindName
        }
    }

    private static func percentS(_ v: Value) -> String { GoFormat.sprintf("%s", [v]) }

    static func eq(_ arg1Slot: Slot, _ others: [Slot]) throws(Builtin.Failure) -> Bool {
        let arg1 = arg1Slot.value
        if others.isEmpty { throw Builtin.Failure(message: "missing argument for comparison") }
        let k1 = basicKind(arg1)
        for otherSlot in others {
            let arg = otherSlot.value
            let k2 = basicKind(arg)
            var truth = false
            if k1 != k2 {
                if !arg1.isNullValue && !arg.isNullValue {
                    throw Builtin.Failure(
                        message: "incompatible types for comparison: \(arg1.goTypeName) and \(arg.goTypeName)")
                }
            } else {
                switch k1 {
                case .bool:
                    if case .bool(let a) = arg1, case .bool(let b) = arg { truth = a == b }
                case .complex:
                    if case .object(let a) = arg1, case .object(let b) = arg { truth = a.goEquals(b) ?? false }
                case .float:
                    if case .float64(let a) = arg1, case .float64(let b) = arg { truth = a == b }
                case .int:
                    truth = intValue(arg1) == intValue(arg)
                case .string:
                    if case .string(let a) = arg1, case .string(let b) = arg { truth = a.utf8.elementsEqual(b.utf8) }
                case .invalid:
                    let kind1 = reflectKind(arg1)
                    let kind2 = reflectKind(arg)
                    if kind1 != kind2 && kind1 != "invalid" && kind2 != "invalid" {
                        throw Builtin.Failure(
                            message: "non-comparable types \(percentS(arg1)): \(arg1.goTypeName), \(arg.goTypeName): \(percentS(arg))")
                    }
                    if arg1.isNullValue || arg.isNullValue {
                        truth = arg1.isNullValue == arg.isNullValue
                    } else {
                        switch arg {
                        case .list, .map, .bytes:
                            throw Builtin.Failure(message: "non-comparable type \(percentS(arg)): \(arg.goTypeName)")
                        case .object(let b):
                            guard case .object(let a) = arg1 else { break }
                            guard let equal = a.goEquals(b) else {
                                throw Builtin.Failure(message: "non-comparable type \(percentS(arg)): \(arg.goTypeName)")
                            }
                            truth = a.goTypeName == b.goTypeName && equal
                        default:
                            break
                        }
                    }
                }
            }
            if truth { return true }
        }
        return false
    }

    static func lt(_ arg1Slot: Slot, _ arg2Slot: Slot) throws(Builtin.Failure) -> Bool {
        let arg1 = arg1Slot.value
        let arg2 = arg2Slot.value
        let k1 = basicKind(arg1)
        if k1 == .invalid { throw Builtin.Failure(message: "invalid type for comparison") }
        let k2 = basicKind(arg2)
        if k2 == .invalid { throw Builtin.Failure(message: "invalid type for comparison") }
        if k1 != k2 {
            throw Builtin.Failure(
                message: "incompatible types for comparison: \(arg1.goTypeName) and \(arg2.goTypeName)")
        }
        switch k1 {
        case .bool, .complex, .invalid:
            throw Builtin.Failure(message: "invalid type for comparison")
        case .float:
            if case .float64(let a) = arg1, case .float64(let b) = arg2 { return a < b }
            return false
        case .int:
            return intValue(arg1) < intValue(arg2)
        case .string:
            if case .string(let a) = arg1, case .string(let b) = arg2 {
                return a.utf8.lexicographicallyPrecedes(b.utf8)
            }
            return false
        }
    }

    static func le(_ arg1: Slot, _ arg2: Slot) throws(Builtin.Failure) -> Bool {
        if try lt(arg1, arg2) { return true }
        return try eq(arg1, [arg2])
    }
}

extension Value {
    var isNullValue: Bool {
        if case .null = self { return true }
        return false
    }
}
