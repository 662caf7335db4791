import Testing
@testable import GoTemplate

/// Parse errors: messages and lines as Go 1.26 reports them.
@Suite struct ParserTests {
    private func parseError(_ text: String) -> TemplateError? {
        do {
            _ = try Template(name: "config", text: text, functions: FunctionMap())
            return nil
        } catch let error as TemplateError {
            return error
        } catch {
            return nil
        }
    }

    @Test func unknownFunctionIsAParseErrorWithItsLine() {
        let e = parseError("line1\n{{ if .a }}\n{{ .b | nosuch }}\n{{ end }}")
        #expect(e?.message == "template: config:3: function \"nosuch\" not defined")
        #expect(e?.kind == .undefinedFunction)
        #expect(e?.phase == .parse)
        #expect(e?.line == 3)
    }

    @Test func undefinedVariable() {
        let e = parseError("{{ $x := 1 }}{{ $y }}")
        #expect(e?.message == "template: config:1: undefined variable \"$y\"")
        #expect(e?.kind == .undefinedVariable)
    }

    @Test func structuralErrors() {
        #expect(parseError("{{ .Object.kind")?.message == "template: config:1: unclosed action")
        #expect(parseError("{{ if .Flags.t }}")?.message == "template: config:1: unexpected EOF")
        #expect(parseError("{{ end }}")?.message == "template: config:1: unexpected {{end}}")
        #expect(parseError("{{ }}")?.message == "template: config:1: missing value for command")
        #expect(parseError("{{ .Object..kind }}")?.message == "template: config:1: unexpected <.> in operand")
        #expect(parseError("{{ (1 }}")?.message == "template: config:1: unclosed left paren")
        #expect(parseError("{{ 1 | 2 }}")?.message == "template: config:1: non executable command in pipeline stage 2")
        #expect(parseError("{{ if 1 }}{{ break }}{{ end }}")?.message == "template: config:1: {{break}} outside {{range}}")
        #expect(parseError("{{ with 1 }}{{ else }}{{ else }}{{ end }}")?.message
                == "template: config:1: expected end; found {{else}}")
        #expect(parseError("{{ ..Object }}")?.message == "template: config:1: unexpected . after term \".\"")
    }

    @Test func literalErrors() {
        #expect(parseError("{{ \"bad \\q escape\" }}")?.message == "template: config:1: invalid syntax")
        #expect(parseError("{{ 99999999999999999999 }}")?.message
                == "template: config:1: integer overflow: \"99999999999999999999\"")
        #expect(parseError("{{ 08 }}")?.message == "template: config:1: integer overflow: \"08\"")
        #expect(parseError("{{ 'ab' }}")?.message == "template: config:1: malformed character constant: 'ab'")
        #expect(parseError("{{ 0xZZ }}")?.message == "template: config:1: bad number syntax: \"0xZ\"")
        #expect(parseError("{{ - 3 }}")?.message == "template: config:1: illegal number syntax: \"-\"")
    }

    @Test func definitions() {
        #expect(parseError("{{ define \"a\" }}A{{ end }}{{ define \"a\" }}B{{ end }}")?.message
                == "template: config:1: template: multiple definition of template \"a\"")
        #expect(parseError("{{ if 1 }}{{ define \"x\" }}x{{ end }}{{ end }}")?.message
                == "template: config:1: unexpected <define> in command")
        #expect(parseError("{{ define \"a\" }}A{{ end }}{{ define \"a\" }}  {{ end }}") == nil)
    }

    @Test func validTemplatesParse() {
        #expect(parseError("{{ $x := 1 }}{{ range $i, $v := .l }}{{ $i }}{{ $v }}{{ break }}{{ end }}{{ $x = 2 }}") == nil)
        #expect(parseError("{{ if 1 }}a{{ else if 2 }}b{{ else }}c{{ end }}") == nil)
        #expect(parseError("{{ with 1 }}a{{ else with 2 }}b{{ end }}{{ block \"b\" . }}x{{ end }}") == nil)
    }
}
