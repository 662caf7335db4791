import GoTemplate

/// The state one run shares across its concurrently running phases: the outputs
/// later templates read and the redactor, which learns secret outputs as they
/// appear.
actor ActionRun {
    let base: [String: Value]
    private var phases: [String: Value] = [:]
    private var deferPhase: Value = .null
    private(set) var redactor: Redactor

    init(base: [String: Value], redactor: Redactor) {
        self.base = base
        self.redactor = redactor
    }

    func templateData(for phase: String) -> Value {
        TemplateParameters.data(base: base, phases: phases, deferPhase: deferPhase, currentPhase: phase)
    }

    /// Stores the outputs and returns them as the journal may show them.
    func record(_ output: FunctionOutput, phase: String, isDeferPhase: Bool) -> [String: ArgumentValue] {
        for key in output.secretKeys {
            if let value = output.values[key] { redactor.add(SecretValue(value.description, from: .phaseOutput(phase: phase, key: key))) }
        }
        let value = TemplateParameters.phaseValue(output.values)
        phases[phase] = value
        if isDeferPhase { deferPhase = value }
        var shown: [String: ArgumentValue] = [:]
        for (key, value) in output.values {
            shown[key] = output.secretKeys.contains(key) ? .string(Redactor.mask) : redactor.redact(value)
        }
        return shown
    }
}
