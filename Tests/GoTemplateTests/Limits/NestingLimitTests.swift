import Testing
@testable import GoTemplate

/// Templates nest `if`/`range`/`with`/`block` as deep as Go parses them (10,000), in
/// debug and release builds, and deeper nesting is an error, not a stack overflow.
@Suite struct NestingLimitTests {
    static let limit = TemplateLimits.maxNesting

    static func nested(_ open: String, _ close: String, _ n: Int, body: String = "x") -> String {
        String(repeating: open, count: n) + body + String(repeating: close, count: n)
    }

    @Test func tenThousandNestedIfRangeWithParseAndRender() throws {
        #expect(Self.limit >= 10_000)
        #expect(renderResult(Self.nested("{{if true}}", "{{end}}", Self.limit)).output == "x")
        #expect(renderResult(Self.nested("{{with 1}}", "{{end}}", Self.limit)).output == "x")
        #expect(renderResult(Self.nested("{{range until 1}}", "{{end}}", Self.limit)).output == "x")
    }

    @Test func tenThousandElseIfArmsParseAndRender() throws {
        let text = "{{if false}}" + String(repeating: "{{else if false}}", count: Self.limit - 1) + "{{else}}x{{end}}"
        #expect(renderResult(text).output == "x")
    }

    @Test func nestingPastTheLimitIsAParseErrorNamingTheLimit() throws {
        let text = "\n" + Self.nested("{{if true}}", "{{end}}", Self.limit + 1)
        let error = try #require(renderResult(text).error)
        #expect(error.phase == .parse)
        #expect(error.kind == .limitExceeded)
        #expect(error.limit == .nesting)
        #expect(error.line == 2)
        #expect(error.message.contains("TemplateLimits.maxNesting"))
        // 100,000 levels: still an error, not a crash.
        #expect(renderResult(Self.nested("{{with 1}}", "{{end}}", 100_000)).error?.limit == .nesting)
    }

    @Test func blocksNestedDeepParseAndRender() throws {
        var text = ""
        for i in 0..<2000 { text += "{{block \"b\(i)\" .}}" }
        text += "x" + String(repeating: "{{end}}", count: 2000)
        #expect(renderResult(text).output == "x")
    }

    @Test func parenthesesNestAsDeepAsGoAllows() throws {
        let text = "{{" + Self.nested("(", ")", 5000, body: "1") + "}}"
        #expect(renderResult(text).output == "1")
        let tooDeep = "{{" + Self.nested("(", ")", 10_001, body: "1") + "}}"
        #expect(renderResult(tooDeep).error?.message.contains("max expression depth exceeded") == true)
    }

    @Test func runawayTemplateRecursionIsAnErrorNotACrash() throws {
        let text = "{{define \"a\"}}{{if true}}{{template \"a\" .}}{{end}}{{end}}{{template \"a\" .}}"
        let error = try #require(renderResult(text).error)
        #expect(error.limit == .nesting)
        #expect(error.message.contains("check for a template that calls itself"))
    }

    @Test func aDeepTemplateIsFreedWithoutOverflowingTheStack() throws {
        // Parse and drop many times: each drop frees 10,000 levels of nodes.
        for _ in 0..<3 {
            let t = try Template(text: Self.nested("{{if true}}", "{{end}}", Self.limit))
            #expect(t.definedTemplates == ["config"])
        }
    }

    @Test func checkingADeepTemplateDoesNotOverflowTheStack() throws {
        let t = try Template(text: Self.nested("{{with .a}}", "{{end}}", Self.limit, body: "{{.b}}"))
        _ = t.check(against: .any)
    }
}
