/// Checks a loaded blueprint against Kanister's rules, the function catalog and
/// our extensions. Structural problems are found while loading; this finds the
/// semantic ones: names, references, arguments, the phase graph.
public struct BlueprintValidator: Sendable {
    /// Declarations by function name.
    public var catalog: [String: FunctionDeclaration]

    public init(catalog: [String: FunctionDeclaration]) {
        self.catalog = catalog
    }

    /// `sourceText` (the file's text) lets template errors point inside a value;
    /// without it they point at the value's start.
    public func validate(_ blueprint: Blueprint, sourceText: String? = nil) -> [Diagnostic] {
        var diagnostics: [Diagnostic] = []
        checkUniquePhaseNames(blueprint, &diagnostics)
        let templates = TemplateValidation(mapper: sourceText.map(ScalarPositionMapper.init), functions: .sprig, catalog: catalog)
        for action in blueprint.actions {
            for phase in action.allPhases {
                checkFunction(phase, &diagnostics)
            }
            checkDependencies(action, &diagnostics)
            checkConsistency(action, &diagnostics)
            checkPhaseReferences(action, &diagnostics)
            templates.check(action, diagnostics: &diagnostics)
        }
        checkArtifactReferences(blueprint, &diagnostics)
        return Self.deduplicated(diagnostics)
    }

    /// The same mistake can be seen by two checks (an unknown `.Phases.x` by the
    /// reference scan and the template checker); report it once.
    private static func deduplicated(_ diagnostics: [Diagnostic]) -> [Diagnostic] {
        var seenPhaseReferences = Set<SourceLocation>()
        for d in diagnostics where d.message.contains("does not name a phase") { seenPhaseReferences.insert(d.location) }
        return diagnostics.filter { d in
            !(d.message.hasPrefix("template:") && d.message.contains(".Phases.")
                && seenPhaseReferences.contains { $0.file == d.location.file && $0.line == d.location.line })
        }
    }

    /// Kanister requires phase names to be unique across the whole blueprint,
    /// because outputs are addressed by phase name.
    private func checkUniquePhaseNames(_ blueprint: Blueprint, _ diagnostics: inout [Diagnostic]) {
        var seen: [String: (action: String, location: SourceLocation)] = [:]
        for action in blueprint.actions {
            for phase in action.allPhases {
                if let first = seen[phase.name] {
                    let what = phase.name.isEmpty ? "a second phase without a name" : "duplicate phase name `\(phase.name)`"
                    diagnostics.append(.error(
                        at: phase.location,
                        "\(what) (first used in action `\(first.action)` at line \(first.location.line))",
                        hint: "phase names must be unique across all actions of a blueprint (Kanister's rule); rename one of them"))
                } else {
                    seen[phase.name] = (action.name, phase.location)
                }
            }
        }
    }

    private func checkFunction(_ phase: Phase, _ diagnostics: inout [Diagnostic]) {
        guard !phase.function.isEmpty else { return }
        guard let declaration = catalog[phase.function] else {
            diagnostics.append(.error(
                at: phase.functionLocation, "unknown function `\(phase.function)`",
                hint: Suggestion.hint(for: phase.function, in: catalog.keys)
                    ?? "run `blueprint functions` to list the available functions"))
            return
        }
        let where_ = phase.name.isEmpty ? "" : " in phase `\(phase.name)`"
        for argument in declaration.arguments where argument.required {
            if phase.arg(argument.name) == nil {
                diagnostics.append(.error(
                    at: phase.argsLocation ?? phase.location,
                    "\(declaration.name) is missing required argument `\(argument.name)`\(where_)",
                    hint: "add `\(argument.name): …` (\(argument.type)) under `args`: \(argument.description)"))
            }
        }
        for entry in phase.args {
            guard let argument = declaration.argument(named: entry.key) else {
                diagnostics.append(.error(
                    at: entry.keyLocation, "unknown argument `\(entry.key)` for \(declaration.name)\(where_)",
                    hint: Suggestion.hint(for: entry.key, in: declaration.arguments.map(\.name))
                        ?? "\(declaration.name) takes: \(declaration.arguments.map { "`\($0.name)`" }.joined(separator: ", "))"))
                continue
            }
            ArgumentTypeChecker.check(entry.value, against: argument.type,
                                      what: "argument `\(entry.key)` of \(declaration.name)",
                                      required: argument.required,
                                      durationUnits: declaration.origin == .kanister ? .go : .withDaysAndWeeks,
                                      diagnostics: &diagnostics)
            if argument.isCommand, case .list(let items, let location) = entry.value, items.isEmpty {
                diagnostics.append(.error(
                    at: location, "argument `\(entry.key)` of \(declaration.name)\(where_) is an empty list: there is no program to run",
                    hint: argument.required
                        ? "give the program and its arguments, e.g. `\(entry.key): [sh, -c, \"echo hello\"]`"
                        : "give the program and its arguments, or remove `\(entry.key)`"))
            }
        }
    }

    /// `consistency` roles come in order within an action (freeze, then snapshot,
    /// then thaw) and not on the deferPhase, which runs after the group.
    private func checkConsistency(_ action: BlueprintAction, _ diagnostics: inout [Diagnostic]) {
        let order: [ConsistencyRole: Int] = [.freeze: 0, .snapshot: 1, .thaw: 2]
        var latest: (role: ConsistencyRole, phase: String)?
        for phase in action.phases {
            guard let role = phase.consistency else { continue }
            if let previous = latest, order[role]! < order[previous.role]! {
                diagnostics.append(.error(
                    at: phase.location, "phase `\(phase.name)` (consistency: \(role.rawValue)) comes after phase "
                        + "`\(previous.phase)` (consistency: \(previous.role.rawValue)) in action `\(action.name)`",
                    hint: "order the phases freeze, then snapshot, then thaw"))
            }
            latest = (role, phase.name)
        }
        if let deferPhase = action.deferPhase, deferPhase.consistency != nil {
            diagnostics.append(.error(at: deferPhase.location, "the deferPhase cannot have `consistency`",
                                      hint: "mark the action's phases; a freeze's undo thaws on failure"))
        }
    }

    /// `dependsOn` must name phases of the same action and form no cycle.
    private func checkDependencies(_ action: BlueprintAction, _ diagnostics: inout [Diagnostic]) {
        let names = Set(action.phases.map(\.name))
        var graph: [String: [String]] = [:]
        for phase in action.phases {
            for (dependency, location) in zip(phase.dependsOn, phase.dependsOnLocations) {
                if dependency == phase.name {
                    diagnostics.append(.error(at: location, "phase `\(phase.name)` depends on itself"))
                } else if names.contains(dependency) {
                    graph[phase.name, default: []].append(dependency)
                } else {
                    diagnostics.append(.error(
                        at: location, "phase `\(phase.name)` depends on `\(dependency)`, which is not a phase of action `\(action.name)`",
                        hint: Suggestion.hint(for: dependency, in: names.subtracting([phase.name]))))
                }
            }
        }
        if let deferPhase = action.deferPhase, let location = deferPhase.dependsOnLocations.first {
            diagnostics.append(.error(at: location, "the deferPhase cannot use `dependsOn`",
                                      hint: "the deferPhase always runs last, after every phase"))
        }
        if let cycle = PhaseGraph.findCycle(in: graph, order: action.phases.map(\.name)) {
            let phase = action.phases.first { $0.name == cycle[0] }!
            let index = phase.dependsOn.firstIndex(of: cycle[1]) ?? 0
            let location = phase.dependsOnLocations.indices.contains(index) ? phase.dependsOnLocations[index] : phase.location
            diagnostics.append(.error(
                at: location, "dependsOn cycle: \((cycle + [cycle[0]]).map { "`\($0)`" }.joined(separator: " → "))",
                hint: "remove one of these dependencies so the phases can be ordered"))
        }
    }

    /// `.Phases.NAME.Output` must name a phase of the same action that runs before.
    private func checkPhaseReferences(_ action: BlueprintAction, _ diagnostics: inout [Diagnostic]) {
        let names = action.allPhases.map(\.name)
        for phase in action.allPhases {
            var strings: [(String, SourceValue.Scalar)] = []
            for entry in phase.args { SourceValue.map([entry], entry.keyLocation).forEachString { strings.append(($0, $1)) } }
            for (text, scalar) in strings {
                for reference in TemplateReferences.phaseNames(in: text) where !names.contains(reference) {
                    diagnostics.append(.error(
                        at: scalar.location,
                        "`.Phases.\(reference)` does not name a phase of action `\(action.name)`",
                        hint: Suggestion.hint(for: reference, in: names)
                            ?? "outputs are read from earlier phases of the same action: \(names.map { "`\($0)`" }.joined(separator: ", "))"))
                }
            }
        }
        for artifact in action.outputArtifacts {
            for entry in artifact.keyValue {
                guard let text = entry.value.string else { continue }
                for reference in TemplateReferences.phaseNames(in: text) where !names.contains(reference) {
                    diagnostics.append(.error(
                        at: entry.value.location,
                        "`.Phases.\(reference)` does not name a phase of action `\(action.name)`",
                        hint: Suggestion.hint(for: reference, in: names)))
                }
            }
        }
    }

    /// An `.ArtifactsIn.NAME` reference should name an artifact some action of the
    /// blueprint produces (a warning: artifacts may also come from elsewhere).
    private func checkArtifactReferences(_ blueprint: Blueprint, _ diagnostics: inout [Diagnostic]) {
        let produced = Set(blueprint.actions.flatMap { $0.outputArtifacts.map(\.name) })
        for action in blueprint.actions {
            let declaredInputs = Set(action.inputArtifactNames)
            for phase in action.allPhases {
                var strings: [(String, SourceValue.Scalar)] = []
                for entry in phase.args { SourceValue.map([entry], entry.keyLocation).forEachString { strings.append(($0, $1)) } }
                for (text, scalar) in strings {
                    for name in TemplateReferences.artifactNames(in: text)
                    where !produced.contains(name) && !declaredInputs.contains(name) {
                        diagnostics.append(.warning(
                            at: scalar.location,
                            "`.ArtifactsIn.\(name)` is not an output artifact of any action in blueprint `\(blueprint.name)`",
                            hint: Suggestion.hint(for: name, in: produced)
                                ?? "declare it under `outputArtifacts` of the action that produces it, or in `inputArtifactNames`"))
                    }
                }
            }
        }
    }
}
