import BlueprintModel
import Testing

@Suite struct BlueprintLoaderTests {
    static let text = """
        apiVersion: cr.kanister.io/v1alpha1
        kind: Blueprint
        metadata:
          name: demo
        actions:
          backup:
            outputArtifacts:
              dump:
                keyValue:
                  path: "{{ .Phases.dump.Output.path }}"
            phases:
            - func: Exec
              name: dump
              timeout: 1m
              retry: {attempts: 3, backoff: 2s, maxBackoff: 20s, on: [any]}
              args:
                command: [sh, -c, "echo hi"]
            - func: Exec
              name: after
              dependsOn: [dump]
              args: {command: ["true"]}
            deferPhase:
              func: Exec
              name: cleanup
              args: {command: ["true"]}
        ---
        apiVersion: cr.kanister.io/v1alpha1
        kind: Blueprint
        metadata: {name: second}
        actions:
          delete:
            phases:
            - func: Exec
              name: rm
              args: {command: ["true"]}
        """

    @Test func loadsEveryDocumentWithExtensions() throws {
        let (blueprints, diagnostics) = BlueprintLoader.load(text: Self.text, file: "demo.yaml")
        #expect(diagnostics.isEmpty, "\(diagnostics)")
        #expect(blueprints.map(\.name) == ["demo", "second"])
        let backup = try #require(blueprints[0].action(named: "backup"))
        #expect(backup.phases.map(\.name) == ["dump", "after"])
        #expect(backup.deferPhase?.name == "cleanup")
        #expect(backup.isGraph)
        let dump = backup.phases[0]
        #expect(dump.timeout?.seconds == 60)
        #expect(dump.retry == RetryPolicy(attempts: 3, backoff: .init(seconds: 2), maxBackoff: .init(seconds: 20), on: [.any]))
        #expect(backup.phases[1].dependsOn == ["dump"])
        #expect(backup.outputArtifacts.map(\.name) == ["dump"])
    }

    @Test func everyNodeKnowsItsPosition() throws {
        let (blueprints, _) = BlueprintLoader.load(text: Self.text, file: "demo.yaml")
        let dump = try #require(blueprints.first?.actions.first?.phases.first)
        #expect(dump.location == SourceLocation(file: "demo.yaml", line: 12, column: 7))
        #expect(dump.functionLocation == SourceLocation(file: "demo.yaml", line: 12, column: 13))
        let command = try #require(dump.arg("command"))
        #expect(command.location.line == 17)
        #expect(command.items?[2].location == SourceLocation(file: "demo.yaml", line: 17, column: 27))
        let second = try #require(blueprints.last)
        #expect(second.location.line == 27)
    }
}
