import BlueprintModel

/// A function a blueprint phase can call (`func: KubeExec`).
///
/// A function declares its arguments once (``declaration``); the same declaration
/// drives validation, `blueprint functions` and the docs, so adding a function is
/// one file plus one registry line. Its body receives the rendered arguments
/// (decoded with Kanister's weak typing through ``FunctionArguments``) and a
/// context, and returns its outputs.
public protocol BlueprintFunction: Sendable {
    static var declaration: FunctionDeclaration { get }

    /// Does the work. Throw a ``ClassifiedError`` that says `isTransient` for a
    /// failure worth retrying; honour task cancellation (a timeout or Ctrl-C
    /// cancels the task, and the work itself must stop).
    static func execute(_ arguments: FunctionArguments, in context: FunctionContext) async throws -> FunctionOutput
}

extension BlueprintFunction {
    /// Declared functions without a body fail clearly at run time; validation
    /// still accepts them, so blueprints using them can be checked today.
    public static func execute(_ arguments: FunctionArguments, in context: FunctionContext) async throws -> FunctionOutput {
        throw FunctionError.notImplemented(declaration.name)
    }
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
    public func runnable(_ name: String) throws(FunctionError) -> any BlueprintFunction.Type {
        guard let function = functions[name] else { throw .unknownFunction(name) }
        guard function.declaration.implemented else { throw .notImplemented(name) }
        return function
    }

    /// Every declaration, sorted by name.
    public var declarations: [FunctionDeclaration] {
        functions.values.map { $0.declaration }.sorted { $0.name < $1.name }
    }

    /// Declarations by name, the form validation takes.
    public var catalog: [String: FunctionDeclaration] {
        functions.mapValues { $0.declaration }
    }
}
