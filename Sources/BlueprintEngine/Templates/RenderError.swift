import BlueprintModel

/// A template that failed to parse or render, with the blueprint position of the
/// argument it came from.
public struct RenderError: Error, Sendable, CustomStringConvertible, ClassifiedError {
    public var location: SourceLocation
    /// What was being rendered: "argument `command` of phase `dump`".
    public var subject: String
    public var message: String

    public init(location: SourceLocation, subject: String, message: String) {
        self.location = location
        self.subject = subject
        self.message = message
    }

    public var isTransient: Bool { false }

    public var description: String { "\(location): error: cannot render \(subject): \(message)" }
}
