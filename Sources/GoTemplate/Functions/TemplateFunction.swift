/// The Go type of a function parameter, which decides how the evaluator converts an
/// argument before the call, exactly as Go's `text/template` does through
/// reflection: an untyped constant `3` becomes an `int` for an `int` parameter and a
/// `float64` for a `float64` one; a typed value must already have the parameter's
/// type (or the parameter is `interface{}`), otherwise the call fails with
/// "wrong type for value; expected T; got U".
public enum ParameterType: Sendable, Equatable {
    /// `interface{}`: anything, untyped constants become int / float64 / string / bool.
    case any
    case string
    case int
    case int64
    case float64
    case bool
    /// `[]interface{}`.
    case list
    /// `map[string]interface{}`.
    case map
    /// `[]byte`.
    case bytes
    /// A named Go type carried by ``Value/object(_:)`` (`time.Time`, `*semver.Version`).
    case object(typeName: String)

    /// The Go spelling used in error messages ("expected int; got int64").
    public var goName: String {
        switch self {
        case .any: return "interface {}"
        case .string: return "string"
        case .int: return "int"
        case .int64: return "int64"
        case .float64: return "float64"
        case .bool: return "bool"
        case .list: return "[]interface {}"
        case .map: return "map[string]interface {}"
        case .bytes: return "[]uint8"
        case .object(let name): return name
        }
    }
}

/// A function callable from templates: its Go signature and its body.
///
/// The body receives arguments already converted to the declared parameter types
/// (variadic arguments appended at the end, each converted to `variadic`). It returns
/// a value or throws ``TemplateFunctionError``; the evaluator wraps a thrown error as
/// Go does: `error calling NAME: MESSAGE`.
public struct TemplateFunction: Sendable {
    public let name: String
    public let parameters: [ParameterType]
    /// The element type of a trailing `...T` parameter, nil when not variadic.
    public let variadic: ParameterType?
    public let body: @Sendable ([Value]) throws -> Value

    public init(
        _ name: String,
        _ parameters: [ParameterType] = [],
        variadic: ParameterType? = nil,
        body: @escaping @Sendable ([Value]) throws -> Value
    ) {
        self.name = name
        self.parameters = parameters
        self.variadic = variadic
        self.body = body
    }
}

/// The error a template function reports; the evaluator prefixes
/// `error calling NAME: ` like Go.
public struct TemplateFunctionError: Error, Sendable, CustomStringConvertible {
    public let message: String
    public init(_ message: String) { self.message = message }
    public var description: String { message }
}

/// A set of named template functions (Go's `template.FuncMap`).
public struct FunctionMap: Sendable {
    public private(set) var functions: [String: TemplateFunction] = [:]

    public init(_ functions: [TemplateFunction] = []) {
        for function in functions { self.functions[function.name] = function }
    }

    public subscript(name: String) -> TemplateFunction? { functions[name] }

    public mutating func add(_ function: TemplateFunction) { functions[function.name] = function }

    public mutating func merge(_ other: FunctionMap) {
        functions.merge(other.functions) { _, new in new }
    }
}
