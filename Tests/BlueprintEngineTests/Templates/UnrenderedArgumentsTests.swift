import BlueprintEngine
import BlueprintModel
import GoTemplate
import Testing

/// Wait's `conditions` hold templates over the watched object (`$.status…`);
/// like Kanister, the engine must hand them to the function unrendered.
@Suite struct UnrenderedArgumentsTests {
    @Test func argumentsEvaluatedByTheFunctionPassThroughAsWritten() throws {
        let text = """
            apiVersion: cr.kanister.io/v1alpha1
            kind: Blueprint
            metadata: {name: w}
            actions:
              a:
                phases:
                - func: WaitV2
                  name: wait
                  args:
                    timeout: "{{ .Options.t }}"
                    conditions:
                      anyOf:
                      - condition: '{{ $.status.phase }}'
            """
        let (blueprints, diagnostics) = BlueprintLoader.load(text: text, file: "w.yaml")
        #expect(diagnostics.isEmpty)
        let phase = try #require(blueprints.first?.actions.first?.phases.first)
        let data = Value.map(["Options": .map(["t": .string("5m")])])
        let rendered = try ArgumentRenderer().render(phase.args, phase: "wait", data: data, unrendered: ["conditions"])
        #expect(rendered["timeout"] == .string("5m"))
        #expect(rendered["conditions"] == .map(["anyOf": .list([.map(["condition": .string("{{ $.status.phase }}")])])]))
        // Rendering it with the blueprint parameters would fail: `$` is not the object.
        #expect(throws: (any Error).self) { try ArgumentRenderer().render(phase.args, phase: "wait", data: data) }
    }
}
