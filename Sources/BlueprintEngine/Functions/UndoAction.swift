/// A compensation (an unfreeze, an unlock) as data: a function name and its
/// rendered arguments.
///
/// Undos are descriptions, not closures, so the journal can hold them and
/// `blueprint recover` can run them after the engine was killed.
public struct UndoAction: Sendable, Hashable, Codable {
    /// The function to call, looked up in the registry.
    public var function: String
    public var arguments: [String: ArgumentValue]
    /// One line for people: what is being undone ("unfreeze the database").
    public var summary: String

    public init(function: String, arguments: [String: ArgumentValue], summary: String) {
        self.function = function
        self.arguments = arguments
        self.summary = summary
    }
}
