import BlueprintFunctions
import BlueprintModel
import Foundation
import Testing

/// Kanister's published blueprints must load and validate unchanged.
@Suite struct KanisterCorpusTests {
    /// Files that break a rule Kanister itself enforces (`validatePhaseNames` in
    /// pkg/blueprint/validate: phase names are unique across all actions of a
    /// blueprint). They were published before Kanister added that check.
    static let invalidUnderKanisterRules: [String: String] = [
        "aws-rds/postgresql/rds-postgres-blueprint.yaml":
            "phase `restoreSnapshots` is used in two actions (restore and restore-from-snapshot)",
        "elasticsearch-incremental/elasticsearch-incremental-blueprint.yaml":
            "phase `setupNodeKeyStore` is used in three actions",
    ]

    @Test func everyPublishedBlueprintValidatesWithoutErrors() throws {
        let root = TestPaths.kanisterBlueprints.path
        let report = ValidationReport.validate(paths: [root], catalog: BuiltinFunctions.registry.catalog)
        #expect(report.files.count == 50, "expected the 50 files of the corpus, found \(report.files.count)")
        for file in report.files {
            let relative = String(file.dropFirst(root.count + 1))
            let errors = report.diagnostics.filter { $0.location.file == file && $0.severity == .error }
            if let reason = Self.invalidUnderKanisterRules[relative] {
                #expect(!errors.isEmpty, "\(relative) should fail Kanister's rule: \(reason)")
                #expect(errors.allSatisfy { $0.message.contains("duplicate phase name") },
                        "\(relative): only the duplicate-phase rule should fail, got \(errors)")
            } else {
                #expect(errors.isEmpty, "\(relative): \(errors.map(\.description).joined(separator: "\n"))")
            }
        }
        #expect(report.warningCount == 0, "\(report.diagnostics.filter { $0.severity == .warning })")
    }

    /// The corpus file with deferPhases: one unnamed (line 17, `func: KubeOps`),
    /// one named `StartupApplication` (line 155, `func: ScaleWorkload`).
    @Test func loadsTheDeferPhasesOfTheStartStopBlueprint() throws {
        let file = TestPaths.kanisterBlueprints.appendingPathComponent("postgresql/postgres-start-stop-blueprint.yaml").path
        let (blueprints, diagnostics) = BlueprintLoader.load(file: file)
        #expect(diagnostics.isEmpty)
        let deferPhases = try #require(blueprints.first).actions.compactMap(\.deferPhase)
        #expect(deferPhases.map(\.function) == ["KubeOps", "ScaleWorkload"])
        #expect(deferPhases.map(\.name) == ["", "StartupApplication"])
        #expect(deferPhases.map(\.functionLocation.line) == [17, 155])
    }
}
