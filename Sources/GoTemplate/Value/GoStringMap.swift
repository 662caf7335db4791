/// Go's `map[string]string`, the type sprig's `split` and `splitn` return
/// (`{"_0": "a", "_1": "b"}`).
///
/// It is not a `map[string]interface{}`, and Go tells the two apart: `%T` and `%#v`
/// print `map[string]string`, and `dig`, `set`, `unset`, `merge`, `keys`, `hasKey`,
/// `get`, `pick`, `omit` and `pluck` refuse it ("wrong type for value; expected
/// map[string]interface {}; got map[string]string"). Field access, `index`, `range`,
/// `len`, printing and `toJson` work as on any map; its elements are plain strings
/// (not interfaces), and `index` of a missing key gives "" (the zero string).
///
/// Carried as a ``Value/object(_:)``: a new case of ``Value`` or a type on its `map`
/// case would break every exhaustive `switch` over values in the other modules.
public struct GoStringMap: GoObject, GoTruthValued, GoJSONMarshaler, Sendable, Equatable {
    public let entries: [String: String]

    public init(_ entries: [String: String]) { self.entries = entries }

    public var goTypeName: String { "map[string]string" }
    public var goKind: String { "map" }

    /// `%v`: `map[k1:v1 k2:v2]` in sorted key order (fmt sorts map keys).
    public var goDescription: String {
        "map[" + sortedKeys.map { "\($0):\(entries[$0] ?? "")" }.joined(separator: " ") + "]"
    }

    public var sortedKeys: [String] { entries.keys.sorted { $0.utf8.lexicographicallyPrecedes($1.utf8) } }

    /// `.key` reads an entry; a missing key is reported by the executor as Go's
    /// "map has no entry for key".
    public func member(_ name: String) -> GoMember? {
        entries[name].map { .field(.string($0)) }
    }

    /// Maps are not comparable in Go (`eq` fails with "non-comparable type").
    public func goEquals(_ other: any GoObject) -> Bool? { nil }

    /// A map is true in `if` when it has entries.
    public var goTruth: Bool { !entries.isEmpty }

    var goJSONValue: Value { .map(entries.mapValues { .string($0) }) }
}
