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
    private let storage: TreeStorage
    var trees: [String: Tree] { storage.trees }

    /// Parses `text`. Throws a ``TemplateError`` with Go's parse error message.
    ///
    /// Parsing runs on ``BigStack`` so that nesting up to ``TemplateLimits/maxNesting``
    /// cannot overflow the caller's stack; deeper nesting is a ``TemplateError`` of
    /// kind `limitExceeded`.
    public init(name: String = "config", text: String, functions: FunctionMap = .sprigShared) throws {
        self.name = name
        self.text = text
        let parsed: Result<TreeStorage, TemplateError> = BigStack.run {
            let context = ParseContext(text: text, name: name, functions: functions)
            do throws(TreeParser.Failure) {
                try TreeParser.parseAll(context)
            } catch {
                let column = Template.column(of: error.pos, in: text)
                return .failure(TemplateError.parse(error.message, name: name, line: error.line, column: column, limit: error.limit))
            }
            return .success(TreeStorage(trees: context.trees, deep: context.maxNestingSeen > TreeStorage.shallowNesting))
        }
        storage = try parsed.get()
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
    /// execution error message, or of kind `limitExceeded` when the render passes one
    /// of `limits`.
    public func render(_ data: Value, limits: TemplateLimits = .default) throws -> String {
        let result = execute(data, limits: limits)
        if let error = result.error { throw error }
        return result.output
    }

    /// Renders like ``render(_:limits:)`` but returns, on failure, the output written
    /// before the error too (Go's `Execute` has written it by then), for tools that
    /// show it. Runs on ``BigStack``, with `limits` visible to template functions.
    public func execute(_ data: Value, limits: TemplateLimits = .default) -> (output: String, error: TemplateError?) {
        BigStack.run {
            RenderBudget.$limits.withValue(limits) { executeHere(data, limits: limits) }
        }
    }

    private func executeHere(_ data: Value, limits: TemplateLimits) -> (output: String, error: TemplateError?) {
        guard let tree = trees[name] else {
            let reason = "\(GoQuote.quote(name)) is an incomplete or empty template"
            return ("", TemplateError(
                phase: .exec, kind: .templateInvocation, reason: reason,
                templateName: name, line: 1, column: 1, message: "template: \(name): \(reason)"))
        }
        var executor = Executor(trees: trees, text: text, parseName: name, limits: limits)
        do {
            try executor.execute(tree, data: data)
        } catch {
            return (executor.output, error.error)
        }
        return (executor.output, nil)
    }

    /// Parses and renders `text` in one step.
    public static func render(
        _ text: String, data: Value, name: String = "config", functions: FunctionMap = .sprigShared,
        limits: TemplateLimits = .default
    ) throws -> String {
        try Template(name: name, text: text, functions: functions).render(data, limits: limits)
    }
}

extension FunctionMap {
    /// sprig's function map, built once for the process: `.sprig` assembles a new map
    /// of a few hundred functions on every use, which would dominate parsing time.
    public static let sprigShared: FunctionMap = .sprig
}
