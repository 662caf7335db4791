import BlueprintModel

/// A template that failed to parse or render, with the blueprint position of the
/// argument it came from.
public struct RenderError: Error, Sendable, CustomStringConvertible, ClassifiedError {
    public var location: SourceLocation
    /// What was being rendered: "phase `dump`, argument `command`".
    public var subject: String
    public var message: String
    public var cause: Cause

    /// Why the argument has no usable value.
    public enum Cause: Sendable {
        /// The template does not parse or fails to execute.
        case template
        /// A ``TemplateLimits`` budget ran out: the template is not wrong, the
        /// data it was given (often an earlier phase's output) is too large or deep.
        case limit
        /// It rendered, but not to the type the function declares (`junk` for a duration).
        case type
    }

    public init(location: SourceLocation, subject: String, message: String, cause: Cause = .template) {
        self.location = location
        self.subject = subject
        self.message = message
        self.cause = cause
    }

    public var isTransient: Bool { false }

    public var description: String {
        cause == .template
            ? "\(location): error: cannot render \(subject): \(message)"
            : "\(location): error: \(subject): \(message)"
    }
}
