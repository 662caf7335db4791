/// What a blueprint function accepts, declared once and used by validation,
/// `blueprint functions` and the README reference.
///
/// The type lives in the model layer so that validation can check a blueprint's
/// arguments against declarations without depending on function bodies; each
/// function declares itself next to its body in `BlueprintFunctions`.
public struct FunctionDeclaration: Sendable, Equatable {
    /// The name blueprints use in `func:` (case-sensitive, as in Kanister).
    public var name: String
    /// One line: what the function does.
    public var summary: String
    public var arguments: [ArgumentDeclaration]
    /// Names of the outputs the function produces (`.Phases.<name>.Output.<key>`);
    /// nil when the outputs are open-ended (e.g. whatever a command prints).
    public var outputs: [String]?
    /// Where the function's origin is: Kanister's or our extension.
    public var origin: Origin
    /// Whether a body exists: set by the engine's function registry from the
    /// function's type (a `RunnableFunction` has one), never written by hand, so it
    /// cannot drift from the code. Running a function without a body fails clearly.
    public internal(set) var implemented: Bool

    public enum Origin: String, Sendable, Equatable, Codable {
        case kanister
        case blueprint
    }

    public init(
        name: String,
        summary: String,
        arguments: [ArgumentDeclaration],
        outputs: [String]? = nil,
        origin: Origin = .kanister
    ) {
        self.name = name
        self.summary = summary
        self.arguments = arguments
        self.outputs = outputs
        self.origin = origin
        self.implemented = false
    }

    /// This declaration, marked as having a body or not (for the function registry).
    public func marked(implemented: Bool) -> FunctionDeclaration {
        var copy = self
        copy.implemented = implemented
        return copy
    }

    public func argument(named name: String) -> ArgumentDeclaration? {
        arguments.first { $0.name == name }
    }
}

/// One argument of a function.
public struct ArgumentDeclaration: Sendable, Equatable {
    public var name: String
    public var type: ArgumentType
    public var required: Bool
    /// The default as a user would write it, nil when there is none.
    public var defaultValue: String?
    public var description: String
    /// Templates inside this argument are evaluated by the function itself against
    /// another value (Wait's `conditions` see the watched object as `$`), so the
    /// engine passes them through unrendered and validation checks only their syntax.
    public var evaluatedByFunction: Bool = false

    public init(
        _ name: String,
        _ type: ArgumentType,
        required: Bool = false,
        default defaultValue: String? = nil,
        _ description: String
    ) {
        self.name = name
        self.type = type
        self.required = required
        self.defaultValue = defaultValue
        self.description = description
    }

    public static func required(_ name: String, _ type: ArgumentType, _ description: String) -> Self {
        .init(name, type, required: true, description)
    }

    /// This argument with its templates left for the function to evaluate.
    public func evaluatedByFunction(_ value: Bool = true) -> Self {
        var copy = self
        copy.evaluatedByFunction = value
        return copy
    }

    public static func optional(
        _ name: String, _ type: ArgumentType, default defaultValue: String? = nil, _ description: String
    ) -> Self {
        .init(name, type, required: false, default: defaultValue, description)
    }

    /// An argv to execute (`command`, `initCommand`, `backgroundCommand`, …): a
    /// list of strings named `command` or `…Command`. An empty one can only fail
    /// when the phase runs, so validation refuses it up front.
    public var isCommand: Bool {
        type == .list(.string) && (name == "command" || name.hasSuffix("Command"))
    }
}

/// The shape an argument's YAML must have.
///
/// A value that is a Go template (a string containing `{{`) may render to any type,
/// so validation only checks shapes that are visible before rendering — the same
/// weak typing Kanister applies (`"3"` is an acceptable int).
public indirect enum ArgumentType: Sendable, Equatable, CustomStringConvertible {
    case string
    case int
    case bool
    /// A duration with a unit (`30s`, `5m`, `1h30m`), longer than zero: every
    /// duration argument is a timeout or a lease.
    case duration
    case list(ArgumentType)
    /// A map from string keys to values of the given type.
    case map(ArgumentType)
    /// Any YAML (an object spec, a pod override, …).
    case any
    /// A string chosen from a fixed set.
    case oneOf([String])

    public var description: String {
        switch self {
        case .string: return "string"
        case .int: return "int"
        case .bool: return "bool"
        case .duration: return "duration"
        case .list(let element): return "[\(element)]"
        case .map(let value): return "map[string]\(value)"
        case .any: return "any"
        case .oneOf(let choices): return "one of " + choices.joined(separator: "|")
        }
    }
}
