/// A parsed Go `text/template`, ready to render with Go's semantics and
/// `missingkey=error` (how Kanister renders blueprint fields).
///
/// Parse once, render many times: parsing resolves every function name against the
/// ``FunctionMap`` (an unknown function is a parse error, as in Go), so rendering does
/// no lookups by name.
public struct Template: Sendable {
    /// The template's name, used in error messages (`template: config:1:3: …`).
    public let name: String
    /// The template text as given.
    public let text: String
    let trees: [String: Tree]

    /// Parses `text`. Throws a ``TemplateError`` with Go's parse error message.
    public init(name: String = "config", text: String, functions: FunctionMap = .sprig) throws {
        self.name = name
        self.text = text
        let context = ParseContext(text: text, name: name, functions: functions)
        do {
            try TreeParser.parseAll(context)
        } catch {
            let column = Template.column(of: error.pos, in: text)
            throw TemplateError.parse(error.message, name: name, line: error.line, column: column)
        }
        trees = context.trees
    }

    private static func column(of pos: Int, in text: String) -> Int {
        var lineStart = 0
        var i = 0
        for b in text.utf8 {
            if i >= pos { break }
            if b == 0x0A { lineStart = i + 1 }
            i += 1
        }
        return max(pos - lineStart, 0) + 1
    }

    /// The names of the templates this text defines (`define` / `block`), with the
    /// main template's name when it has a body.
    public var definedTemplates: [String] { trees.keys.sorted() }

    /// Renders the template with `data` as dot. Throws a ``TemplateError`` with Go's
    /// execution error message.
    public func render(_ data: Value) throws -> String {
        let result = execute(data)
        if let error = result.error { throw error }
        return result.output
    }

    /// Renders like ``render(_:)`` but returns, on failure, the output written before
    /// the error too (Go's `Execute` has written it by then), for tools that show it.
    public func execute(_ data: Value) -> (output: String, error: TemplateError?) {
        guard let tree = trees[name] else {
            let reason = "\(GoQuote.quote(name)) is an incomplete or empty template"
            return ("", TemplateError(
                phase: .exec, kind: .templateInvocation, reason: reason,
                templateName: name, line: 1, column: 1, message: "template: \(name): \(reason)"))
        }
        var executor = Executor(trees: trees, text: text, parseName: name)
        do {
            try executor.execute(tree, data: data)
        } catch {
            return (executor.output, error.error)
        }
        return (executor.output, nil)
    }

    /// Parses and renders `text` in one step.
    public static func render(
        _ text: String, data: Value, name: String = "config", functions: FunctionMap = .sprig
    ) throws -> String {
        try Template(name: name, text: text, functions: functions).render(data)
    }
}
