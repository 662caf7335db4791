/// A value during execution, carrying what Go's `reflect.Value` knows beyond the
/// value itself: whether its static type is `interface{}` (`boxed`), as every element
/// of a `map[string]interface{}` or `[]interface{}` is.
///
/// Go's messages depend on it (`can't evaluate field x in type interface {}` for a
/// map element, `... in type string` for a function result), and so does nil
/// handling: an unboxed `.null` is Go's invalid `reflect.Value` (no value at all,
/// e.g. `index` of a missing key after a pipeline), a boxed `.null` is a nil
/// interface (a JSON `null` in the data).
struct Slot {
    var value: Value
    var boxed: Bool

    static let invalid = Slot(value: .null, boxed: false)

    init(value: Value, boxed: Bool) {
        self.value = value
        self.boxed = boxed
    }

    init(_ value: Value) {
        self.value = value
        boxed = false
    }

    var isInvalid: Bool {
        if !boxed, case .null = value { return true }
        return false
    }

    var isNil: Bool {
        if case .null = value { return true }
        return false
    }

    /// Go's static type name of the value (`reflect.Value.Type()`).
    var typeName: String { boxed ? "interface {}" : value.goTypeName }

    /// `indirectInterface`: the dynamic value of an interface, invalid for a nil one.
    var unboxed: Slot { Slot(value: value, boxed: false) }
}
