import BlueprintFunctions
import BlueprintModel
import Foundation
import Testing

/// Each broken fixture yields exactly the expected diagnostics at the expected
/// line:column. Positions were worked out by hand from the fixture text.
@Suite struct BrokenBlueprintTests {
    struct Expected: Sendable, CustomStringConvertible {
        var line: Int
        var column: Int
        var severity: Diagnostic.Severity = .error
        var message: String
        var hint: String? = nil
        var description: String { "\(line):\(column) \(message)" }
    }

    static func e(_ line: Int, _ column: Int, _ message: String, hint: String? = nil) -> Expected {
        Expected(line: line, column: column, message: message, hint: hint)
    }

    static let cases: [(String, [Expected])] = [
        ("01-yaml-syntax.yaml", [e(9, 17, "mapping values are not allowed", hint: "must be quoted")]),
        ("02-tab-indentation.yaml", [e(9, 1, "tab character in indentation", hint: "spaces")]),
        ("03-unknown-top-level-field.yaml", [
            e(1, 1, "missing required field `actions`"),
            e(5, 1, "unknown field `action` in the blueprint", hint: "did you mean `actions`?"),
        ]),
        ("04-misspelled-deferPhase.yaml", [e(14, 5, "unknown field `deferphase`", hint: "did you mean `deferPhase`?")]),
        ("05-missing-func.yaml", [e(8, 7, "missing required field `func`")]),
        ("06-unknown-function.yaml", [e(8, 13, "unknown function `KubeExex`", hint: "did you mean `KubeExec`?")]),
        ("07-missing-required-arg.yaml", [e(11, 9, "KubeExec is missing required argument `pod`")]),
        ("08-unknown-arg.yaml", [e(14, 9, "unknown argument `containr` for KubeExec", hint: "did you mean `container`?")]),
        ("09-wrong-arg-type-list.yaml", [e(13, 18, "argument `command` of KubeExec must be a list of string, found a string")]),
        ("10-duplicate-phase-across-actions.yaml", [e(16, 7, "duplicate phase name `dump`")]),
        ("11-dependson-cycle.yaml", [e(10, 19, "dependsOn cycle: `first` → `second` → `first`")]),
        ("12-unitless-phase-timeout.yaml", [e(10, 16, "duration \"30\" has no unit", hint: "\"30s\"")]),
        ("13-dependson-unknown-phase.yaml", [e(10, 19, "depends on `dumpp`, which is not a phase")]),
        ("14-wrong-api-version.yaml", [e(1, 13, "unsupported apiVersion \"cr.kanister.io/v1\"")]),
        ("15-wrong-kind.yaml", [e(2, 7, "kind \"ActionSet\" is not a Blueprint")]),
        ("16-missing-metadata-name.yaml", [e(4, 3, "metadata is missing required field `name`")]),
        ("17-phases-not-a-list.yaml", [e(8, 7, "`phases` in action `backup` must be a list, found a map")]),
        ("18-unknown-phase-field.yaml", [
            e(8, 7, "unknown field `function`", hint: "did you mean `func`?"),
            e(8, 7, "missing required field `func`"),
        ]),
        ("19-unknown-action-field.yaml", [e(7, 5, "unknown field `inputArtifacts`", hint: "did you mean `inputArtifactNames`?")]),
        ("20-retry-attempts-zero.yaml", [e(10, 25, "`attempts` in `retry` of phase `dump` must be a whole number ≥ 1")]),
        ("21-unknown-retry-condition.yaml", [e(12, 14, "unknown retry condition `anything`", hint: "`any`")]),
        ("22-maxbackoff-below-backoff.yaml", [e(10, 54, "`maxBackoff` (1s) is shorter than `backoff` (10s)")]),
        ("23-unknown-duration-unit.yaml", [e(10, 16, "duration \"5min\" has unknown unit \"min\"")]),
        ("24-duplicate-key.yaml", [e(9, 7, "duplicate key `name`")]),
        ("25-wrong-bool-arg.yaml", [e(12, 23, "`waitForReady` of ScaleWorkload must be true or false, found \"maybe\"")]),
        ("26-wrong-int-arg.yaml", [e(11, 19, "`replicas` of ScaleWorkload must be an integer, found \"three\"")]),
        ("27-wrong-choice-arg.yaml", [e(12, 17, "`method` of Webhook must be one of")]),
        ("28-unknown-phase-reference.yaml", [e(17, 27, "`.Phases.dumpp` does not name a phase", hint: "did you mean `dump`?")]),
        ("29-undeclared-artifact-reference.yaml", [
            Expected(line: 24, column: 27, severity: .warning, message: "`.ArtifactsIn.mysqlDumpp` is not an output artifact",
                     hint: "did you mean `mysqlDump`?"),
        ]),
        ("30-self-dependency.yaml", [e(10, 19, "phase `dump` depends on itself")]),
        ("31-empty-file.yaml", [e(1, 1, "the file contains no blueprint")]),
        ("32-artifact-without-content.yaml", [e(8, 7, "has neither `keyValue` nor `kopiaSnapshot`")]),
        ("33-deferphase-dependson.yaml", [e(17, 19, "the deferPhase cannot use `dependsOn`")]),
        ("34-list-item-wrong-type.yaml", [e(13, 19, "an item of argument `command` of KubeExec must be a string, found a list")]),
        ("35-document-not-a-map.yaml", [e(1, 1, "the blueprint must be a map, found a list")]),
        ("36-unitless-action-timeout.yaml", [e(7, 14, "`timeout` in action `backup`: duration \"600\" has no unit")]),
        ("37-second-document-broken.yaml", [e(22, 13, "unknown function `kubeexec`", hint: "did you mean `KubeExec`?")]),
        // Template positions: the value starts one column after its quote; the error
        // column inside the template is added to it.
        ("38-template-syntax-error.yaml", [e(11, 47, "template: unexpected \"}\" in operand")]),
        ("39-template-unknown-function.yaml", [e(12, 18, "template: function \"indx\" not defined")]),
        ("40-template-hyphen-in-field.yaml", [e(11, 40, "template: bad character U+002D '-'", hint: "index")]),
        ("41-template-misspelled-parameter.yaml", [e(11, 24, "unknown field \"StatefulSt\"", hint: "did you mean `StatefulSet`?")]),
        // In a literal block the template's second line is the file's line 18,
        // indented 10 columns.
        ("42-template-error-in-block-scalar.yaml", [e(18, 43, "template: function \"nosuchfunc\" not defined")]),
    ]

    @Test(arguments: cases.map(\.0))
    func fixtureYieldsExpectedDiagnostics(_ name: String) throws {
        let expected = try #require(Self.cases.first { $0.0 == name }?.1)
        let path = TestPaths.brokenFixtures.appendingPathComponent(name).path
        let validator = BlueprintValidator(catalog: BuiltinFunctions.registry.catalog)
        let diagnostics = ValidationReport.validate(file: path, validator: validator)
        #expect(diagnostics.count == expected.count,
                "\(name): expected \(expected), got:\n\(diagnostics.map(\.description).joined(separator: "\n"))")
        for (want, got) in zip(expected, diagnostics) {
            #expect(got.location.file == path)
            #expect(got.location.line == want.line && got.location.column == want.column,
                    "\(name): expected at \(want.line):\(want.column), got \(got)")
            #expect(got.severity == want.severity, "\(name): \(got)")
            #expect(got.message.contains(want.message), "\(name): expected message containing «\(want.message)», got «\(got.message)»")
            if let hint = want.hint {
                #expect(got.hint?.contains(hint) == true, "\(name): expected hint containing «\(hint)», got \(got.hint ?? "none")")
            }
        }
    }

    @Test func everyFixtureHasAnExpectation() throws {
        let files = try FileManager.default.contentsOfDirectory(atPath: TestPaths.brokenFixtures.path)
            .filter { $0.hasSuffix(".yaml") }
        #expect(files.count >= 30)
        #expect(Set(files) == Set(Self.cases.map(\.0)))
    }

    @Test func textOutputHasCompilerStyleLocation() {
        let diagnostics = ValidationReport.validate(
            text: "apiVersion: cr.kanister.io/v1alpha1\nkind: Blueprint\nmetadata: {name: x}\nactions:\n  a:\n    phases:\n    - func: Nope\n      name: p\n",
            file: "bp.yaml", catalog: BuiltinFunctions.registry.catalog)
        #expect(diagnostics.map(\.description) == ["bp.yaml:7:13: error: unknown function `Nope`\n    hint: run `blueprint functions` to list the available functions"])
    }
}
