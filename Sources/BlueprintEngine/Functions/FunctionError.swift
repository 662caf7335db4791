/// An error a function can classify: only transient errors are retried unless the
/// blueprint says `retry.on: [any]`.
///
/// A failed command is permanent by default because running a non-idempotent step
/// twice (a second `pg_dump` into the same file, a second snapshot) can do harm;
/// a connection refused or a 503 is transient.
public protocol ClassifiedError: Error {
    var isTransient: Bool { get }
}

/// Errors the engine raises on behalf of functions.
public enum FunctionError: Error, Sendable, Equatable, CustomStringConvertible, ClassifiedError {
    /// The function is declared (validation accepts it) but has no body yet.
    case notImplemented(String)
    case unknownFunction(String)
    case missingArgument(function: String, argument: String)
    /// The function's code read an argument its declaration does not have.
    case undeclaredArgument(function: String, argument: String)
    case invalidArgument(function: String, argument: String, expected: String, found: String)
    /// A failure the function knows is worth retrying (network, busy server).
    case transient(String)
    case permanent(String)

    public var isTransient: Bool {
        if case .transient = self { return true }
        return false
    }

    public var description: String {
        switch self {
        case .notImplemented(let name): return "\(name) is not implemented yet"
        case .unknownFunction(let name): return "unknown function `\(name)`"
        case .missingArgument(let function, let argument):
            return "\(function) is missing required argument `\(argument)`"
        case .undeclaredArgument(let function, let argument):
            return "\(function) read argument `\(argument)`, which it does not declare (a bug in the function: "
                + "add `\(argument)` to its declaration or fix the name)"
        case .invalidArgument(let function, let argument, let expected, let found):
            return "argument `\(argument)` of \(function) must be \(expected), found \(found)"
        case .transient(let message), .permanent(let message): return message
        }
    }
}
