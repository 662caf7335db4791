import Testing
@testable import GoTemplate

@Suite struct TemplateCheckerTests {
    static let params: Shape = .map([
        "Deployment": .map(["Name": .scalar, "Namespace": .scalar, "Pods": .list(.scalar)]),
        "Object": .any,
        "Options": .any,
        "Phases": .map(["dump": .map(["Name": .scalar, "Output": .any])]),
        "ConfigMaps": .dictionary(.map(["Name": .scalar, "Data": .any])),
    ])

    private func check(_ text: String) throws -> [TemplateDiagnostic] {
        try Template(text: text, functions: FunctionMap()).check(against: Self.params)
    }

    @Test func misspelledTopLevelFieldIsReportedWithPositionAndSuggestion() throws {
        let d = try check("echo\n  {{ .Deploymnt.Name }}")
        #expect(d.count == 1)
        #expect(d.first?.field == "Deploymnt")
        #expect(d.first?.reference == ".Deploymnt.Name")
        #expect(d.first?.suggestion == "Deployment")
        #expect(d.first?.line == 2)
        #expect(d.first?.column == 6)
    }

    @Test func unknownPhaseIsReported() throws {
        let d = try check("{{ .Phases.nosuch.Output.x }} {{ .Phases.dump.Output.anything }}")
        #expect(d.map(\.field) == ["nosuch"])
    }

    @Test func openMapsAcceptAnything() throws {
        #expect(try check("{{ .Object.metadata.name }} {{ .Options.x | printf \"%s\" }} {{ .ConfigMaps.cm.Data.k }}").isEmpty)
    }

    @Test func dotFollowsWithAndRange() throws {
        #expect(try check("{{ with .Deployment }}{{ .Name }}{{ end }}{{ range .Deployment.Pods }}{{ . }}{{ end }}").isEmpty)
        let d = try check("{{ with .Deployment }}{{ .Nme }}{{ end }}{{ range $p := .Deployment.Pods }}{{ $p.x }}{{ end }}")
        #expect(d.map(\.field) == ["Nme", "x"])
    }

    @Test func dollarAndVariablesResolveAgainstTheRoot() throws {
        let d = try check("{{ range .Deployment.Pods }}{{ $.Deployment.Namespace }}{{ $.Nope }}{{ end }}{{ $d := .Deployment }}{{ $d.Pods }}{{ $d.Bad }}")
        #expect(d.map(\.field) == ["Nope", "Bad"])
    }

    @Test func functionResultsAreNotChecked() throws {
        #expect(try check("{{ (index .Deployment.Pods 0).whatever }} {{ (.Object).x }}").isEmpty)
    }
}
