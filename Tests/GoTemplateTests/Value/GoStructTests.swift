import Testing
@testable import GoTemplate

/// Go structs in templates: fields read by Go name, `encoding/json` order and tags.
/// Expected texts follow Go's rules: `json.Marshal` writes struct fields in
/// declaration order under their tag names, a nil pointer as `null`,
/// `omitempty` drops empty fields; text/template indirects a pointer it prints.
@Suite struct GoStructTests {
    /// `struct { Zeta string; Alpha string `json:"alpha"`; Gone string `json:"gone,omitempty"`; Ptr *v1.Secret }`
    static let sample: Value = .object(GoStruct("main.Sample", pointer: true, fields: [
        .init("Zeta", .string("z")),
        .init("Alpha", json: "alpha", .string("a<&>")),
        .init("Gone", json: "gone", omitEmpty: true, .string("")),
        .init("Ptr", .object(GoNilPointer("*v1.Secret"))),
        .init("Inner", .object(GoStruct("main.Inner", fields: [.init("N", .int64(3))]))),
    ]))

    static func render(_ text: String, _ data: Value = sample) throws -> String {
        try Template.render(text, data: .map(["S": data]))
    }

    @Test func toJsonWritesFieldsInDeclarationOrderUnderTheirTags() throws {
        #expect(try Self.render("{{ toJson .S }}")
            == #"{"Zeta":"z","alpha":"a\u003c\u0026\u003e","Ptr":null,"Inner":{"N":3}}"#)
        #expect(try Self.render("{{ toRawJson .S }}") == #"{"Zeta":"z","alpha":"a<&>","Ptr":null,"Inner":{"N":3}}"#)
    }

    @Test func toPrettyJsonIndentsInTheSameOrder() throws {
        #expect(try Self.render("{{ toPrettyJson .S.Inner }}") == "{\n  \"N\": 3\n}")
        let two: Value = .object(GoStruct("main.T", fields: [.init("B", .int64(1)), .init("A", .int64(2))]))
        #expect(try Self.render("{{ toPrettyJson .S }}", two) == "{\n  \"B\": 1,\n  \"A\": 2\n}")
    }

    @Test func omitEmptyKeepsAFieldThatHasAValue() throws {
        let kept: Value = .object(GoStruct("main.T", fields: [.init("Gone", json: "gone", omitEmpty: true, .string("x"))]))
        #expect(try Self.render("{{ toJson .S }}", kept) == #"{"gone":"x"}"#)
        let empty: Value = .object(GoStruct("main.T", fields: []))
        #expect(try Self.render("{{ toJson .S }}", empty) == "{}")
    }

    @Test func templatesReadGoNamesNotJsonNames() throws {
        #expect(try Self.render("{{ .S.Alpha }}/{{ .S.Inner.N }}") == "a<&>/3")
        do {
            _ = try Self.render("{{ .S.Inner.n }}")
            Issue.record("a JSON name is not a field")
        } catch let e as TemplateError {
            #expect(e.reason == "can't evaluate field n in type main.Inner")
        }
    }

    @Test func aNilPointerIsNilEverywhere() throws {
        #expect(try Self.render("{{ .S.Ptr }}") == "<nil>")
        #expect(try Self.render("{{ if .S.Ptr }}yes{{ else }}no{{ end }}") == "no")
        #expect(try Self.render("{{ empty .S.Ptr }}") == "true")
        #expect(try Self.render("{{ typeOf .S.Ptr }}") == "*v1.Secret")
        do {
            _ = try Self.render("{{ .S.Ptr.Data }}")
            Issue.record("a field through a nil pointer must fail")
        } catch let e as TemplateError {
            #expect(e.reason == "nil pointer evaluating *v1.Secret.Data")
        }
    }

    @Test func printingShowsTheStructAsTextTemplateDoes() throws {
        #expect(try Self.render("{{ .S }}") == "{z a<&>  <nil> {3}}")
        #expect(try Self.render("{{ typeOf .S }}|{{ kindOf .S }}|{{ kindOf .S.Inner }}") == "*main.Sample|ptr|struct")
        #expect(try Self.render("{{ if .S }}yes{{ end }}") == "yes")
    }
}
