/// What a function returns: named outputs, read by later phases as
/// `.Phases.<phase>.Output.<key>`.
public struct FunctionOutput: Sendable, Hashable {
    public var values: [String: ArgumentValue]
    /// Keys whose values are secret: usable by later phases, redacted in the
    /// journal, logs and status.
    public var secretKeys: Set<String>

    public init(_ values: [String: ArgumentValue] = [:], secretKeys: Set<String> = []) {
        self.values = values
        self.secretKeys = secretKeys
    }

    public static let empty = FunctionOutput()
}
