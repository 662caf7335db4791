import BlueprintModel
import GoTemplate

extension Executor {
    /// Arguments that render, but not to the type their function declares:
    /// `timeout: "{{ .Options.t }}"` with `--option t=junk`. Validation cannot
    /// see these (the text is a template), and the phase would refuse them only
    /// when it starts, after the phases before it ran; so every phase's arguments
    /// are rendered with the real options and read as their declared types here.
    /// Arguments that read earlier phases' outputs are left to run time.
    func renderedTypeErrors(_ prepared: PreparedRun) -> [RenderError] {
        var errors: [RenderError] = []
        for phase in prepared.action.allPhases {
            // A template that fails to render is reported as such by `dryRun`.
            guard let declaration = registry.declaration(of: phase.function),
                  let rendered = try? renderer.render(phase.args, phase: phase.name, data: data(for: phase, prepared),
                                                      unrendered: unrenderedArguments(of: phase)) else { continue }
            let arguments = FunctionArguments(rendered, declaration: declaration)
            for entry in phase.args where entry.value.containsTemplate && !Self.mentionsOutputs([entry]) {
                guard let declared = declaration.argument(named: entry.key), !declared.evaluatedByFunction else { continue }
                do throws(FunctionError) {
                    try arguments.check(entry.key, as: declared.type)
                } catch {
                    errors.append(RenderError(
                        location: entry.value.location, subject: "phase `\(phase.name)`, argument `\(entry.key)`",
                        message: prepared.redactor.redact(error.description), cause: .type))
                }
            }
        }
        return errors
    }

    /// The template data a phase's arguments are rendered with before any phase ran.
    private func data(for phase: Phase, _ prepared: PreparedRun) -> Value {
        var phaseValues: [String: Value] = [:]
        for phase in prepared.action.allPhases {
            phaseValues[phase.name] = TemplateParameters.placeholderPhaseValue(phase.name)
        }
        let deferValue = prepared.action.deferPhase.map { TemplateParameters.placeholderPhaseValue($0.name) } ?? .null
        return TemplateParameters.data(base: prepared.parameters.base, phases: phaseValues, deferPhase: deferValue,
                                       currentPhase: phase.name)
    }
}

extension FunctionArguments {
    /// Reads `name` as `type`, as the function will: the same conversions and the
    /// same errors. Durations must also be longer than zero (each is a timeout or
    /// a lease); types without a conversion (`any`) always pass.
    func check(_ name: String, as type: ArgumentType) throws(FunctionError) {
        switch type {
        case .string: _ = try string(name)
        case .int: _ = try int(name)
        case .bool: _ = try bool(name)
        case .duration:
            guard try duration(name).isPositive else {
                throw .invalidArgument(function: declaration.name, argument: name, expected: "a duration longer than zero",
                                       found: "\"\(try string(name))\"")
            }
        case .list(.string): _ = try stringList(name)
        case .map(.string): _ = try stringMap(name)
        case .oneOf(let allowed):
            let value = try string(name)
            guard allowed.contains(value) else {
                throw .invalidArgument(function: declaration.name, argument: name,
                                       expected: "one of " + allowed.joined(separator: ", "), found: "\"\(value)\"")
            }
        default: break
        }
    }
}
