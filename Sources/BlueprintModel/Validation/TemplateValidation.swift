import GoTemplate

/// Checks every template in an action before anything runs: syntax (Go's parse
/// errors, unknown functions) and references that cannot resolve against the
/// parameters Kanister provides (`.Deploymnt.Name`, `.Phases.nosuch.Output`).
struct TemplateValidation {
    let mapper: ScalarPositionMapper?
    let functions: FunctionMap
    let catalog: [String: FunctionDeclaration]

    /// The parameter shape of one action: Kanister's `TemplateParams`, with
    /// `.Phases` limited to the phases the action has.
    static func parameterShape(for action: BlueprintAction) -> Shape {
        let workload: Shape = .map([
            "Name": .scalar, "Namespace": .scalar, "Pods": .list(.scalar), "Containers": .list(.list(.scalar)),
            "PersistentVolumeClaims": .dictionary(.dictionary(.scalar)),
        ])
        let artifact: Shape = .map(["KeyValue": .dictionary(.scalar), "KopiaSnapshot": .scalar])
        var phases: [String: Shape] = [:]
        // A phase's `objects` of kind Secret / ConfigMap are read before it runs and
        // exposed under the phase, as Kanister does.
        for phase in action.allPhases where !phase.name.isEmpty {
            phases[phase.name] = .map(["Output": .any, "Secrets": .dictionary(.any), "ConfigMaps": .dictionary(.any)])
        }
        return .map([
            "Object": .any,
            "Deployment": workload,
            "StatefulSet": workload,
            "DeploymentConfig": workload,
            "PVC": .map(["Name": .scalar, "Namespace": .scalar]),
            "Namespace": .map(["Name": .scalar]),
            "ArtifactsIn": .dictionary(artifact),
            "ArtifactsOut": .dictionary(artifact),
            "ConfigMaps": .dictionary(.any),
            "Secrets": .dictionary(.any),
            "Time": .scalar,
            "Profile": .any,
            "RepositoryServer": .any,
            "Options": .dictionary(.scalar),
            "Phases": .map(phases),
            "DeferPhase": .map(["Output": .any]),
            "CurrentPhase": .any,
            "PodOverride": .any,
            "PodLabels": .dictionary(.scalar),
            "PodAnnotations": .dictionary(.scalar),
        ])
    }

    func check(_ action: BlueprintAction, diagnostics: inout [Diagnostic]) {
        let shape = Self.parameterShape(for: action)
        for phase in action.allPhases {
            for entry in phase.args {
                let deferred = catalog[phase.function]?.argument(named: entry.key)?.evaluatedByFunction == true
                SourceValue.map([entry], entry.keyLocation).forEachString { text, scalar in
                    check(text, scalar: scalar, shape: deferred ? nil : shape, diagnostics: &diagnostics)
                }
            }
            for object in phase.objects {
                for text in [object.name, object.namespace, object.kind, object.apiVersion, object.group, object.resource]
                    .compactMap({ $0 }) {
                    check(text, scalar: .init(text: text, kind: .string, location: object.location),
                          shape: shape, diagnostics: &diagnostics)
                }
            }
        }
        for artifact in action.outputArtifacts {
            for entry in artifact.keyValue {
                if case .scalar(let scalar) = entry.value {
                    check(scalar.text, scalar: scalar, shape: shape, diagnostics: &diagnostics)
                }
            }
            if let snapshot = artifact.kopiaSnapshot {
                check(snapshot.text, scalar: snapshot, shape: shape, diagnostics: &diagnostics)
            }
        }
    }

    /// With a nil `shape` only the syntax is checked.
    private func check(_ text: String, scalar: SourceValue.Scalar, shape: Shape?, diagnostics: inout [Diagnostic]) {
        guard text.contains("{{") else { return }
        let template: Template
        do {
            template = try Template(name: "config", text: text, functions: functions)
        } catch let error as TemplateError {
            diagnostics.append(.error(
                at: location(line: error.line, column: error.column, in: scalar),
                "template: \(error.reason)", hint: hint(for: error)))
            return
        } catch {
            diagnostics.append(.error(at: scalar.location, "template: \(error)"))
            return
        }
        guard let shape else { return }
        for problem in template.check(against: shape) {
            diagnostics.append(.error(
                at: location(line: problem.line, column: problem.column, in: scalar),
                "template: \(problem.message) in `\(problem.reference)`",
                hint: problem.suggestion.map { "did you mean `\($0)`?" }))
        }
    }

    private func location(line: Int, column: Int, in scalar: SourceValue.Scalar) -> SourceLocation {
        guard let mapper, line > 0 else { return scalar.location }
        return mapper.location(line: line, column: max(column, 1), in: scalar)
    }

    private func hint(for error: TemplateError) -> String? {
        if error.reason.contains("bad character U+002D '-'") {
            return "a field name with `-` must be read with index: `index .Object.metadata.labels \"app-name\"`"
        }
        if error.reason.contains("function") && error.reason.contains("not defined") {
            return "templates can use Go's built-ins and sprig's functions; check the spelling"
        }
        return nil
    }
}
