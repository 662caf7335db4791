import Testing
@testable import GoTemplate

/// Execution semantics; expected values are what Go 1.26's text/template produces.
@Suite struct ExecutorTests {
    private func render(_ text: String, _ json: String = "{}") throws -> String {
        try Template(name: "config", text: text, functions: FunctionMap()).render(try Value(json: json))
    }

    private func renderError(_ text: String, _ json: String = "{}") -> TemplateError? {
        do {
            _ = try render(text, json)
            return nil
        } catch let e as TemplateError {
            return e
        } catch {
            return nil
        }
    }

    @Test func rangeOverListsMapsAndIntegers() throws {
        #expect(try render(
            "{{ range $i, $v := .l }}{{ $i }}={{ $v }};{{ end }}{{ range 3 }}{{ . }}{{ end }}{{ range $k, $v := .m }}{{ $k }}{{ $v }}{{ else }}E{{ end }}",
            #"{"l":["a","b"],"m":{"z":1,"a":2}}"#) == "0=a;1=b;012a2z1")
        #expect(try render("{{ range .e }}x{{ else }}empty{{ end }}", #"{"e":[]}"#) == "empty")
    }

    @Test func breakAndContinue() throws {
        #expect(try render(
            "{{ range .l }}{{ if eq . 2 }}{{ continue }}{{ end }}{{ if eq . 4 }}{{ break }}{{ end }}{{ . }}{{ end }}",
            #"{"l":[1,2,3,4,5]}"#) == "13")
    }

    @Test func withElseWithAndAssignment() throws {
        #expect(try render("{{ with $x := .a }}{{ $x }}{{ else with .b }}B{{ . }}{{ else }}none{{ end }}",
                           #"{"a":0,"b":"bee"}"#) == "Bbee")
        #expect(try render("{{ $x := 1 }}{{ if true }}{{ $x = 2 }}{{ end }}{{ $x }}") == "2")
    }

    @Test func missingKeyIsAnErrorAtTheFieldPosition() {
        let e = renderError("a\n\n  {{ .missing }}")
        #expect(e?.message == "template: config:3:5: executing \"config\" at <.missing>: map has no entry for key \"missing\"")
        #expect(e?.kind == .missingKey)
        #expect(e?.line == 3)
        #expect(e?.column == 6)
    }

    @Test func nilAndFieldErrorsNameInterfaceTypes() {
        #expect(renderError("{{ .a.b.c }}", #"{"a":{"b":null}}"#)?.message
                == "template: config:1:5: executing \"config\" at <.a.b.c>: nil pointer evaluating interface {}.c")
        #expect(renderError("{{ .a.x }}", #"{"a":"s"}"#)?.message
                == "template: config:1:5: executing \"config\" at <.a.x>: can't evaluate field x in type interface {}")
        #expect(renderError("{{ .a }}", "[1]")?.message
                == "template: config:1:3: executing \"config\" at <.a>: can't evaluate field a in type []interface {}")
        #expect(renderError("a\n{{ .x\n.y }}", #"{"x":1,"y":2}"#)?.message
                == "template: config:2:3: executing \"config\" at <.x>: x is not a method but has arguments")
    }

    @Test func nilPrintsNoValue() throws {
        #expect(try render("{{ .a }}|{{ index .m \"nope\" }}", #"{"a":null,"m":{}}"#) == "<no value>|<no value>")
    }

    @Test func andOrShortCircuitAndReturnTheDecidingValue() throws {
        #expect(try render("{{ or .a .Nope }}", #"{"a":"x"}"#) == "x")
        #expect(try render("{{ and .a .Nope }}", #"{"a":""}"#) == "")
        #expect(try render("{{ or 0 \"\" }}|{{ and 1 2 }}|{{ not 0 }}") == "|2|true")
    }

    @Test func comparisonsFollowBasicKinds() throws {
        #expect(try render("{{ eq .i 7 }} {{ lt 1 2 }} {{ eq \"a\" \"b\" \"a\" }} {{ eq .n nil }}", #"{"i":7,"n":null}"#)
                == "true true true true")
        #expect(renderError("{{ eq .i 7.0 }}", #"{"i":7}"#)?.reason
                == "error calling eq: incompatible types for comparison: int64 and float64")
        #expect(renderError("{{ lt true false }}")?.reason == "error calling lt: invalid type for comparison")
        #expect(renderError("{{ eq .l .l }}", #"{"l":[1]}"#)?.reason
                == "error calling eq: non-comparable type [%!s(int64=1)]: []interface {}")
    }

    @Test func indexLenAndSlice() throws {
        #expect(try render("{{ index .l 1 }} {{ index .m \"k\" }} {{ len .l }} {{ slice .l 1 }} {{ index \"abc\" 1 }}",
                           #"{"l":["a","b"],"m":{"k":"v"}}"#) == "b v 2 [b] 98")
        #expect(renderError("{{ index .l 2 }}", #"{"l":["a","b"]}"#)?.reason
                == "error calling index: reflect: slice index out of range")
        #expect(renderError("{{ len 3 }}")?.reason == "error calling len: len of type int")
    }

    @Test func printFunctionsAndEscapers() throws {
        #expect(try render("{{ print 1 2 \"a\" }}|{{ printf \"%05.1f\" 3.14159 }}|{{ println \"x\" }}") == "1 2a|003.1|x\n")
        #expect(try render("{{ html \"<a href='x'>\" }}|{{ js \"a'b<\" }}|{{ urlquery \"a b&c\" }}")
                == "&lt;a href=&#39;x&#39;&gt;|a\\'b\\u003C|a+b%26c")
    }

    @Test func templatesAndBlocks() throws {
        #expect(try render("{{ define \"t\" }}[{{ . }}]{{ end }}{{ template \"t\" 1 }}{{ block \"b\" 2 }}<{{ . }}>{{ end }}")
                == "[1]<2>")
        #expect(renderError("{{ template \"missing\" }}")?.message
                == "template: config:1:12: executing \"config\" at <{{template \"missing\"}}>: template \"missing\" not defined")
    }

    @Test func infiniteTemplateRecursionStops() {
        #expect(renderError("{{ define \"loop\" }}{{ template \"loop\" }}{{ end }}{{ template \"loop\" }}")?.reason
                .hasPrefix("exceeded maximum template depth") == true)
    }

    @Test func numbersKeepGoTypes() throws {
        #expect(try render("{{ 1e3 }} {{ 1e6 }} {{ 0x1F }} {{ 'a' }} {{ 1i }} {{ printf \"%T %T\" 1 .n }}", #"{"n":1}"#)
                == "1000 1e+06 31 97 (0+1i) int int64")
    }

    @Test func userFunctionsConvertArgumentsLikeGo() throws {
        var functions = FunctionMap()
        functions.add(TemplateFunction("twice", [.int]) { args in
            guard case .int(let i) = args[0] else { return .null }
            return .int(i * 2)
        })
        functions.add(TemplateFunction("fail", [.string]) { args in
            throw TemplateFunctionError("boom")
        })
        let data = try Value(json: #"{"n":3}"#)
        #expect(try Template(text: "{{ twice 4 }}", functions: functions).render(data) == "8")
        do {
            _ = try Template(text: "{{ twice .n }}", functions: functions).render(data)
            Issue.record("int64 passed to an int parameter must fail")
        } catch let e as TemplateError {
            #expect(e.reason == "wrong type for value; expected int; got int64")
            #expect(e.kind == .wrongArgumentType)
        }
        do {
            _ = try Template(text: "{{ fail \"x\" }}", functions: functions).render(data)
            Issue.record("a throwing function must fail the render")
        } catch let e as TemplateError {
            #expect(e.message == "template: config:1:3: executing \"config\" at <fail \"x\">: error calling fail: boom")
        }
        do {
            _ = try Template(text: "{{ twice \"x\" }}", functions: functions).render(data)
            Issue.record("a string constant for an int parameter must fail")
        } catch let e as TemplateError {
            #expect(e.reason == "expected integer; found \"x\"")
        }
    }

    @Test func functionMapOverridesBuiltins() throws {
        var functions = FunctionMap()
        functions.add(TemplateFunction("len", [.any]) { _ in .string("mine") })
        #expect(try Template(text: "{{ len 3 }}", functions: functions).render(.null) == "mine")
    }
}
