import BlueprintEngine

/// Every built-in function; add one line here when adding a function file.
public enum BuiltinFunctions {
    public static let all: [any BlueprintFunction.Type] = [
        KubeExec.self,
    ]

    public static let registry = FunctionRegistry(all)
}
