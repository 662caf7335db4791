import BlueprintModel

/// A function a blueprint phase can call (`func: KubeExec`).
///
/// A function declares its arguments once (``declaration``); the same declaration
/// drives validation, `blueprint functions` and the docs, so adding a function is
/// one file plus one registry line.
public protocol BlueprintFunction: Sendable {
    static var declaration: FunctionDeclaration { get }
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

    /// Every declaration, sorted by name.
    public var declarations: [FunctionDeclaration] {
        functions.values.map { $0.declaration }.sorted { $0.name < $1.name }
    }

    /// Declarations by name, the form validation takes.
    public var catalog: [String: FunctionDeclaration] {
        functions.mapValues { $0.declaration }
    }
}
