import BlueprintModel

/// A function a blueprint phase can call (`func: KubeExec`), as validation knows it.
///
/// A function declares its arguments once (``declaration``); the same declaration
/// drives validation, `blueprint functions` and the docs, so adding a function is
/// one file plus one registry line. A function that only declares itself
/// (Kanister's, not built yet) is still checked by validation and fails clearly
/// when run; one with a body conforms to ``RunnableFunction``.
public protocol BlueprintFunction: Sendable {
    static var declaration: FunctionDeclaration { get }
}

/// A function with a body. Its body receives the rendered arguments (decoded with
/// Kanister's weak typing through ``FunctionArguments``) and a context, and
/// returns its outputs. Whether a function is implemented is this conformance:
/// there is no flag to keep in step with the code.
public protocol RunnableFunction: BlueprintFunction {
    /// Does the work. Throw a ``ClassifiedError`` that says `isTransient` for a
    /// failure worth retrying; honour task cancellation (a timeout or Ctrl-C
    /// cancels the task, and the work itself must stop).
    static func execute(_ arguments: FunctionArguments, in context: FunctionContext) async throws -> FunctionOutput
}

/// The functions known to the engine, by name.
public struct FunctionRegistry: Sendable {
    public private(set) var functions: [String: any BlueprintFunction.Type] = [:]

    public init(_ functions: [any BlueprintFunction.Type] = []) {
        for function in functions { register(function) }
    }

    public mutating func register(_ function: any BlueprintFunction.Type) {
        functions[function.declaration.name] = function
    }

    public subscript(name: String) -> (any BlueprintFunction.Type)? { functions[name] }

    /// The function to run for `name`, or why it cannot run.
    public func runnable(_ name: String) throws(FunctionError) -> any RunnableFunction.Type {
        guard let function = functions[name] else { throw .unknownFunction(name) }
        guard let runnable = function as? any RunnableFunction.Type else { throw .notImplemented(name) }
        return runnable
    }

    /// The declaration of `name`, marked implemented when the function has a body.
    public func declaration(of name: String) -> FunctionDeclaration? {
        functions[name].map(Self.declaration)
    }

    /// Every declaration, sorted by name.
    public var declarations: [FunctionDeclaration] {
        functions.values.map(Self.declaration).sorted { $0.name < $1.name }
    }

    /// Declarations by name, the form validation takes.
    public var catalog: [String: FunctionDeclaration] {
        functions.mapValues(Self.declaration)
    }

    private static func declaration(_ function: any BlueprintFunction.Type) -> FunctionDeclaration {
        function.declaration.marked(implemented: function is any RunnableFunction.Type)
    }
}
