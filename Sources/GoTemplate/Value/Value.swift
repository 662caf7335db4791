import Foundation

/// A dynamically typed value as Go's `text/template` sees it through reflection.
///
/// Go distinguishes `int` from `int64` and `float64` when it converts function
/// arguments and compares values, so those kinds stay distinct here: a JSON number
/// decoded as int64 (how Kanister's parameters arrive) is `.int64`, while `len`
/// returns `.int`. Passing an `.int64` to a parameter declared `int` is an error in
/// Go ("wrong type for value; expected int; got int64") and must be here too.
public enum Value: Sendable {
    /// Go's untyped nil (a missing interface value). Prints as `<no value>`.
    case null
    case bool(Bool)
    /// Go `int`.
    case int(Int)
    /// Go `int64`.
    case int64(Int64)
    /// Go `float64`.
    case float64(Double)
    case string(String)
    /// Go `[]byte`.
    case bytes([UInt8])
    /// Go `[]interface{}` (or any slice; `elementType` names its Go element type
    /// for `%T`/`typeOf`, e.g. `"string"` for `[]string`, `"interface {}"` by default).
    case list([Value], elementType: String = "interface {}")
    /// Go `map[string]interface{}`; iteration and printing use sorted keys.
    case map([String: Value])
    /// Any other Go value with fields and methods (`time.Time`, `*semver.Version`,
    /// `time.Duration`, …).
    case object(any GoObject)
}

/// A Go value with a type name, fields and methods, reached in templates with
/// `.Field` / `.Method args` (`(toDate "2006-01-02" .x).Unix`).
public protocol GoObject: Sendable {
    /// Go's `%T` of the value, e.g. `time.Time`, `*semver.Version`.
    var goTypeName: String { get }
    /// Go's `reflect.Kind` name (`struct`, `ptr`, `int64`, …) for sprig's `kindOf`.
    var goKind: String { get }
    /// What `%v` / `{{.}}` prints (Go calls `String()` or `Error()` when present).
    var goDescription: String { get }
    /// A field or niladic/argument-taking method named `name`, or nil when the type
    /// has none (the evaluator then reports "can't evaluate field NAME in type T").
    func member(_ name: String) -> GoMember?
    /// Equality as Go's `eq` sees it for comparable types, nil when not comparable.
    func goEquals(_ other: any GoObject) -> Bool?
}

/// A field value or a method of a ``GoObject``.
public enum GoMember: Sendable {
    case field(Value)
    case method(TemplateFunction)
}

extension GoObject {
    public var goKind: String { "struct" }
    public func goEquals(_ other: any GoObject) -> Bool? { nil }
}
