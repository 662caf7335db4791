/// Clients and shared state the program hands to functions, keyed by type.
///
/// The engine stays free of Kubernetes (DESIGN.md: it does not import
/// KubeClient); the CLI puts a Kubernetes client here and the Kubernetes
/// functions take it out, without the engine knowing the type.
public struct FunctionServices: Sendable {
    private var values: [ObjectIdentifier: any Sendable] = [:]

    public init() {}

    public subscript<Service: Sendable>(_ type: Service.Type) -> Service? {
        get { values[ObjectIdentifier(type)] as? Service }
        set { values[ObjectIdentifier(type)] = newValue }
    }
}
