import Foundation
import BlueprintEngine
import BlueprintModel
import GoTemplate
import Testing

@Suite struct ArgumentRendererTests {
    let at = SourceLocation(file: "bp.yaml", line: 3, column: 9)

    private func scalar(_ text: String, _ kind: SourceValue.Scalar.Kind = .string, line: Int = 3) -> SourceValue {
        .scalar(.init(text: text, kind: kind, location: SourceLocation(file: "bp.yaml", line: line, column: 9)))
    }

    @Test func rendersRecursivelyIncludingMapKeys() throws {
        let value = SourceValue.map([
            .init(key: "{{ .Options.k }}", keyLocation: at, value: .list([scalar("{{ .Options.v }}"), scalar("3", .int)], at)),
        ], at)
        let data = Value.map(["Options": .map(["k": .string("key"), "v": .string("value")])])
        let rendered = try ArgumentRenderer().render(value, subject: "argument `x`", data: data)
        #expect(rendered == .map(["key": .list([.string("value"), .int(3)])]))
    }

    @Test func errorsPointAtTheArgumentInTheBlueprint() {
        let data = Value.map(["Options": .map([:])])
        #expect {
            _ = try ArgumentRenderer().render(scalar("{{ .Options.nope }}", line: 12), subject: "argument `x`", data: data)
        } throws: { error in
            let error = error as! RenderError
            return error.location == SourceLocation(file: "bp.yaml", line: 12, column: 9)
                && error.description.hasPrefix("bp.yaml:12:9: error: cannot render argument `x`")
        }
    }

    @Test func timeIsRFC3339NanoInUTC() {
        let date = Date(timeIntervalSince1970: 1_700_000_000.123456)
        let text = TemplateParameters.rfc3339Nano(date)
        #expect(text.hasPrefix("2023-11-14T22:13:20.123456"))
        #expect(text.hasSuffix("Z"))
        #expect(TemplateParameters.rfc3339Nano(Date(timeIntervalSince1970: 1_700_000_000)) == "2023-11-14T22:13:20Z")
    }

    @Test func localTargetFillsKanistersWorkloadParameters() throws {
        let target = LocalTarget(document: [
            "kind": .string("StatefulSet"), "metadata": .map(["name": .string("db"), "namespace": .string("prod")]),
            "pods": .list([.string("db-0")]), "secrets": .map(["creds": .map(["password": .string("s3cret")])]),
        ], options: ["a": "b"])
        let base = target.parameters().base
        guard case .map(let sts)? = base["StatefulSet"] else { Issue.record("no .StatefulSet"); return }
        #expect(sts["Name"]?.goDescription == "db")
        #expect(sts["Namespace"]?.goDescription == "prod")
        #expect(sts["Pods"]?.goDescription == "[db-0]")
        if case .null? = base["Deployment"] {} else { Issue.record(".Deployment should be nil for a StatefulSet") }
        #expect(base["Namespace"]?.goDescription == "map[Name:prod]")
        #expect(target.secretValues.map(\.value) == ["s3cret"])
        #expect(target.secretValues.map(\.reference) == [.appFile(path: "(none)", keyPath: ["secrets", "creds", "password"])])
    }

    /// Kanister's `.Options` is a Go `map[string]string`: indexing an option nobody
    /// gave yields "" (a `map[string]interface{}` would print `<no value>`), while
    /// `.Options.missing` is still an error under `missingkey=error`.
    @Test func optionsAreAGoStringMapAsInKanister() throws {
        let data = Value.map(LocalTarget(options: ["given": "yes"]).parameters().base)
        let render = { (text: String) throws -> ArgumentValue in
            try ArgumentRenderer().render(self.scalar(text), subject: "argument `x`", data: data)
        }
        #expect(try render(#"[{{ index .Options "missing" }}]"#) == .string("[]"))
        #expect(try render(#"{{ index .Options "given" }} {{ .Options.given }}"#) == .string("yes yes"))
        #expect(try render(#"{{ printf "%T" .Options }}"#) == .string("map[string]string"))
        #expect(throws: RenderError.self) { try render("{{ .Options.missing }}") }
    }
}
