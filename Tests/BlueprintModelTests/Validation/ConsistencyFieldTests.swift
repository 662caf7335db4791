import BlueprintModel
import Testing

/// `consistency:` on a phase (our extension): parsed, checked for its values,
/// for their order within an action, and refused on the deferPhase.
@Suite struct ConsistencyFieldTests {
    static func validate(_ phases: String, deferPhase: String = "") -> [String] {
        let text = """
            apiVersion: cr.kanister.io/v1alpha1
            kind: Blueprint
            metadata: {name: bp}
            actions:
              snapshot:
                phases:
            \(phases)\(deferPhase)
            """
        return ValidationReport.validate(text: text, file: "bp.yaml", catalog: ValidateInputTests.catalog).map(\.description)
    }

    @Test func theRolesAreParsedInOrder() throws {
        let text = """
            apiVersion: cr.kanister.io/v1alpha1
            kind: Blueprint
            metadata: {name: bp}
            actions:
              snapshot:
                phases:
                - {func: Exec, name: a, consistency: freeze, args: {command: ["true"]}}
                - {func: Exec, name: b, consistency: snapshot, args: {command: ["true"]}}
                - {func: Exec, name: c, args: {command: ["true"]}}
                - {func: Exec, name: d, consistency: thaw, args: {command: ["true"]}}
            """
        let (blueprints, diagnostics) = BlueprintLoader.load(text: text, file: "bp.yaml")
        #expect(diagnostics.isEmpty, "\(diagnostics)")
        #expect(blueprints.first?.actions.first?.phases.map(\.consistency) == [.freeze, .snapshot, nil, .thaw])
        #expect(ValidationReport.validate(text: text, file: "bp.yaml", catalog: ValidateInputTests.catalog).isEmpty)
    }

    @Test func anUnknownRoleIsAnErrorWithASuggestion() {
        let errors = Self.validate("    - {func: Exec, name: a, consistency: freez, args: {command: [\"true\"]}}\n")
        #expect(errors.contains { $0.contains("`consistency` of phase `a` must be freeze, snapshot or thaw, not `freez`")
            && $0.contains("did you mean `freeze`?") }, "\(errors)")
    }

    @Test func aThawBeforeTheSnapshotIsAnError() {
        let errors = Self.validate("""
                - {func: Exec, name: a, consistency: thaw, args: {command: ["true"]}}
                - {func: Exec, name: b, consistency: snapshot, args: {command: ["true"]}}

            """)
        #expect(errors.contains { $0.contains("phase `b` (consistency: snapshot) comes after phase `a` (consistency: thaw)") },
                "\(errors)")
    }

    @Test func theDeferPhaseCannotTakePart() {
        let errors = Self.validate("    - {func: Exec, name: a, consistency: freeze, args: {command: [\"true\"]}}\n",
                                   deferPhase: "    deferPhase: {func: Exec, name: z, consistency: thaw, args: {command: [\"true\"]}}\n")
        #expect(errors.contains { $0.contains("the deferPhase cannot have `consistency`") }, "\(errors)")
    }
}
