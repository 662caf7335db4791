import GoTemplate

/// Stands for a phase's outputs during `--dry-run`, when no phase has run:
/// any key renders as `<output PHASE.KEY>` so the plan shows where the value
/// will come from.
struct OutputPlaceholder: GoObject {
    var phase: String

    var goTypeName: String { "map[string]interface {}" }
    var goKind: String { "map" }
    var goDescription: String { "<outputs of \(phase)>" }

    func member(_ name: String) -> GoMember? {
        .field(.string("<output \(phase).\(name)>"))
    }
}
