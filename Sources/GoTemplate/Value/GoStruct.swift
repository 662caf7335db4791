/// A Go struct, or a non-nil pointer to one, as a template sees it: fields read by
/// their Go names (`.Profile.Location.Bucket`), and `toJson` writing them in
/// declaration order under their JSON names, as `encoding/json` does.
///
/// A `.map` cannot stand in for a struct: Go writes a map's keys sorted and a
/// struct's fields in the order they are declared, under their `json:"…"` tags
/// where a field has one (Kanister's `param.Profile` gives
/// `{"Location":{"type":…,"bucket":…},"Credential":…,"SkipSSLVerify":false}`, which
/// `kando` parses), and a nil pointer field is written as `null`, not left out.
public struct GoStruct: GoObject, Sendable {
    /// One field: its Go name (what templates read), the name `encoding/json`
    /// writes (the `json:"…"` tag; the Go name when there is none), and its value.
    public struct Field: Sendable {
        public var name: String
        public var jsonName: String
        /// `json:",omitempty"`: left out of JSON when empty (false, 0, "", nil, an
        /// empty list or map).
        public var omitEmpty: Bool
        public var value: Value

        public init(_ name: String, json jsonName: String? = nil, omitEmpty: Bool = false, _ value: Value) {
            self.name = name
            self.jsonName = jsonName ?? name
            self.omitEmpty = omitEmpty
            self.value = value
        }
    }

    /// The struct's type without the pointer star, e.g. `param.Profile`.
    public let structType: String
    /// Whether the value is a (non-nil) pointer to the struct, as `*param.Profile`.
    public let isPointer: Bool
    public let fields: [Field]

    public init(_ structType: String, pointer: Bool = false, fields: [Field]) {
        self.structType = structType
        self.isPointer = pointer
        self.fields = fields
    }

    public var goTypeName: String { isPointer ? "*" + structType : structType }
    public var goKind: String { isPointer ? "ptr" : "struct" }

    /// What `{{ . }}` prints: `{v1 v2 …}` (text/template prints a pointer as the
    /// struct it points to). A pointer nested inside prints as an address in Go;
    /// having none, it prints as `0xc000000000`, which also keeps what it points to
    /// (a key pair) out of the text.
    public var goDescription: String {
        "{" + fields.map { Self.nestedDescription($0.value) }.joined(separator: " ") + "}"
    }

    private static func nestedDescription(_ value: Value) -> String {
        if case .object(let o as GoStruct) = value, o.isPointer { return "0xc000000000" }
        return value.goDescription
    }

    public func member(_ name: String) -> GoMember? {
        fields.first { $0.name == name }.map { .field($0.value) }
    }

    /// The value `encoding/json` writes, in field order.
    var jsonFields: [(String, Value)] {
        fields.filter { !($0.omitEmpty && $0.value.sprigIsEmpty) }.map { ($0.jsonName, $0.value) }
    }
}

/// A nil pointer to a struct (Kanister's `Credential.Secret` when the profile has
/// a key pair): `<nil>` when printed, `null` in JSON, false in `if`, and reading
/// a field through it fails as in Go ("nil pointer evaluating *v1.Secret.Data").
public struct GoNilPointer: GoObject, GoTruthValued, GoJSONMarshaler, Sendable {
    /// The pointer type, with its star: `*v1.Secret`.
    public let goTypeName: String

    public init(_ pointerType: String) { goTypeName = pointerType }

    public var goKind: String { "ptr" }
    public var goDescription: String { "<nil>" }
    public var goTruth: Bool { false }
    public func member(_ name: String) -> GoMember? { nil }
    var goJSONValue: Value { .null }
}
