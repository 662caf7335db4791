/// A template that failed to parse or to execute, with Go's message and where in the
/// template text the problem is.
///
/// `description` is byte-for-byte the message Go's `text/template` returns (Kanister
/// shows it to users and tooling greps for it, e.g. `map has no entry for key`);
/// `kind`, `line` and `column` let callers react without parsing that text.
public struct TemplateError: Error, CustomStringConvertible, Sendable, Equatable {
    /// When the error happened: Go reports parse errors for the whole template before
    /// anything runs, execution errors after partial output.
    public enum Phase: String, Sendable, Equatable {
        case parse
        case exec
    }

    /// A coarse class of the problem.
    public enum Kind: String, Sendable, Equatable {
        /// Malformed template text (unclosed action, bad character, unexpected token…).
        case syntax
        /// A function name that is neither a builtin nor in the function map.
        case undefinedFunction
        /// A `$variable` used before its declaration.
        case undefinedVariable
        /// `define`/`block` of a template name that already has a body.
        case redefinedTemplate
        /// `.key` on a map without that key (`missingkey=error`).
        case missingKey
        /// `.field` on a nil value.
        case nilPointer
        /// `.field` on a value that has no fields (a string, a list, a number…).
        case badField
        /// A function called with the wrong number of arguments.
        case wrongArgumentCount
        /// An argument whose type the function cannot take.
        case wrongArgumentType
        /// A function that returned an error (`error calling NAME: …`).
        case functionFailed
        /// `{{template "x"}}` of an unknown template, or nesting too deep.
        case templateInvocation
        /// A limit of ``TemplateLimits`` was reached (output size, loop iterations,
        /// value size or depth, nesting); ``TemplateError/limit`` says which. Go has
        /// no such error: it would run out of memory or stack instead.
        case limitExceeded
        /// Anything else Go reports while executing (range over a number of variables,
        /// `nil is not a command`, …).
        case execution
    }

    public let phase: Phase
    public let kind: Kind
    /// Go's message without the location prefix, e.g. `map has no entry for key "x"`.
    public let reason: String
    /// The template name Go reports (the parse name for the location).
    public let templateName: String
    /// 1-based line of the problem in the template text.
    public let line: Int
    /// 1-based column (in bytes) of the problem; for parse errors, of the last token read.
    public let column: Int
    /// The full message, exactly as Go prints it.
    public let message: String
    /// For ``Kind/limitExceeded``: the limit that was reached.
    public let limit: TemplateLimits.Limit?

    public var description: String { message }

    init(
        phase: Phase, kind: Kind, reason: String, templateName: String, line: Int, column: Int, message: String,
        limit: TemplateLimits.Limit? = nil
    ) {
        self.limit = limit
        self.phase = phase
        self.kind = kind
        self.reason = reason
        self.templateName = templateName
        self.line = line
        self.column = column
        self.message = message
    }

    /// A parse error: `template: NAME:LINE: REASON`.
    static func parse(_ reason: String, name: String, line: Int, column: Int, limit: TemplateLimits.Limit? = nil) -> TemplateError {
        let kind: Kind
        if limit != nil {
            kind = .limitExceeded
        } else if reason.hasPrefix("function ") && reason.hasSuffix(" not defined") {
            kind = .undefinedFunction
        } else if reason.hasPrefix("undefined variable") {
            kind = .undefinedVariable
        } else if reason.hasPrefix("template: multiple definition") {
            kind = .redefinedTemplate
        } else {
            kind = .syntax
        }
        return TemplateError(
            phase: .parse, kind: kind, reason: reason, templateName: name, line: line, column: column,
            message: "template: \(name):\(line): \(reason)", limit: limit)
    }
}
