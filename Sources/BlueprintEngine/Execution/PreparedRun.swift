import BlueprintModel
import Foundation

/// A run that passed every check that can be made before the first phase:
/// the blueprint loads and validates, the action exists, the target and `--from`
/// run are readable, and every template that does not depend on a phase's
/// output renders. Nothing runs until a `PreparedRun` exists — bad input never
/// leaves a half-run action.
public struct PreparedRun: Sendable {
    public var blueprint: Blueprint
    public var blueprintFile: String
    public var action: BlueprintAction
    public var plan: ActionPlan
    public var target: LocalTarget
    public var parameters: TemplateParameters
    public var redactor: Redactor
    /// The run whose artifacts feed `.ArtifactsIn`.
    public var from: String?
    /// The artifacts the `--from` run stored, for functions that read them back.
    public var inputArtifacts: [StoredArtifact] = []
    /// Validation warnings, for display.
    public var warnings: [Diagnostic]
    /// Secrets that cannot be redacted (too short), for display.
    public var secretWarnings: [String] = []

    /// The options as the journal keeps them: secret options (and any secret
    /// inside another option) masked.
    public var journaledOptions: [String: String] {
        var options: [String: String] = [:]
        for (key, value) in target.options {
            options[key] = target.secretOptions[key] != nil ? Redactor.mask : redactor.redact(value)
        }
        return options
    }
}

/// Why a run could not start: input problems, reported with exit status 2.
public enum PrepareError: Error, Sendable, CustomStringConvertible {
    case invalid([Diagnostic])
    case noBlueprint(String)
    case unknownAction(String, available: [String], blueprint: String)
    case target(LocalTarget.LoadError)
    case from(RunStore.StoreError)
    case fromNotSucceeded(String, RunRecord.State)
    case render([RenderError])
    case secretOptionsOnCommandLine([String], action: String)

    public var description: String {
        switch self {
        case .invalid(let diagnostics):
            return diagnostics.filter { $0.severity == .error }.map(\.description).joined(separator: "\n")
        case .noBlueprint(let file): return "\(file): the file contains no blueprint"
        case .unknownAction(let name, let available, let blueprint):
            var text = "blueprint `\(blueprint)` has no action `\(name)`"
            if let close = available.first(where: { $0.lowercased() == name.lowercased() }) {
                text += "; did you mean `\(close)`?"
            }
            return text + " (actions: \(available.joined(separator: ", ")))"
        case .target(let error): return error.description
        case .from(let error): return error.description
        case .fromNotSucceeded(let id, let state):
            return "run `\(id)` is \(state.rawValue); --from needs a run that succeeded and recorded its artifacts"
        case .render(let errors): return errors.map(\.description).joined(separator: "\n")
        case .secretOptionsOnCommandLine(let names, let action):
            let list = names.map { "`\($0)`" }.joined(separator: ", ")
            return "action `\(action)` declares \(list) secret, so \(names.count == 1 ? "it" : "they") cannot be given with "
                + "--option (command lines are visible to every user of the machine); pass "
                + names.map { "--option-from-file \($0)=PATH or --option-from-env \($0)=VARIABLE" }.joined(separator: ", ")
        }
    }
}
