/// Turns YAML documents into ``Blueprint`` values, checking the structure of
/// every level (Kanister's fields plus our extensions) and reporting all problems.
enum BlueprintDecoder {
    static let topLevelFields = ["apiVersion", "kind", "metadata", "actions"]
    static let metadataFields = [
        "name", "namespace", "labels", "annotations", "generateName", "uid", "resourceVersion", "generation",
        "creationTimestamp", "deletionTimestamp", "ownerReferences", "finalizers", "managedFields",
    ]
    static let actionFields = [
        "name", "kind", "configMapNames", "secretNames", "inputArtifactNames", "outputArtifacts", "phases",
        "deferPhase", "timeout", "secretOptions",
    ]
    static let phaseFields = ["func", "name", "objects", "args", "retry", "timeout", "dependsOn", "consistency"]
    static let objectFields = ["apiVersion", "group", "resource", "kind", "name", "namespace"]
    static let artifactFields = ["keyValue", "kopiaSnapshot"]
    static let retryFields = ["attempts", "backoff", "maxBackoff", "on"]

    static func decode(_ document: SourceValue, diagnostics: inout [Diagnostic]) -> Blueprint? {
        let top = FieldReader(document, context: "the blueprint", known: topLevelFields, diagnostics: &diagnostics)
        guard top.isMap else { return nil }

        if let apiVersion = top.string("apiVersion", required: true, diagnostics: &diagnostics),
           apiVersion.text != Blueprint.apiVersion {
            diagnostics.append(.error(at: apiVersion.location, "unsupported apiVersion \"\(apiVersion.text)\"",
                                      hint: "blueprints use `apiVersion: \(Blueprint.apiVersion)`"))
        }
        if let kind = top.string("kind", required: true, diagnostics: &diagnostics), kind.text != Blueprint.kind {
            diagnostics.append(.error(at: kind.location, "kind \"\(kind.text)\" is not a Blueprint",
                                      hint: "blueprints use `kind: \(Blueprint.kind)`"))
        }

        var name = ""
        let metadata = top.raw("metadata")
        if let metadata {
            let reader = FieldReader(metadata, context: "metadata", known: metadataFields, diagnostics: &diagnostics)
            if reader.isMap {
                name = reader.string("name", required: true, diagnostics: &diagnostics)?.text ?? ""
            }
        } else {
            diagnostics.append(.error(at: document.location, "the blueprint is missing required field `metadata`",
                                      hint: "add `metadata: {name: my-blueprint}`"))
        }

        var actions: [BlueprintAction] = []
        if let actionsMap = top.map("actions", diagnostics: &diagnostics) {
            if actionsMap.entries.isEmpty {
                diagnostics.append(.error(at: actionsMap.location, "the blueprint has no actions"))
            }
            for entry in actionsMap.entries {
                if let action = decodeAction(entry, diagnostics: &diagnostics) { actions.append(action) }
            }
        } else if top.raw("actions") == nil {
            diagnostics.append(.error(at: document.location, "the blueprint is missing required field `actions`"))
        }
        return Blueprint(name: name, metadata: metadata, actions: actions, location: document.location)
    }

    static func decodeAction(_ entry: SourceValue.Entry, diagnostics: inout [Diagnostic]) -> BlueprintAction? {
        let context = "action `\(entry.key)`"
        let reader = FieldReader(entry.value, context: context, known: actionFields, diagnostics: &diagnostics)
        guard reader.isMap else { return nil }
        var action = BlueprintAction(name: entry.key, location: entry.keyLocation)
        action.kind = reader.string("kind", diagnostics: &diagnostics)?.text
        action.configMapNames = reader.stringList("configMapNames", diagnostics: &diagnostics).map(\.text)
        action.secretNames = reader.stringList("secretNames", diagnostics: &diagnostics).map(\.text)
        action.inputArtifactNames = reader.stringList("inputArtifactNames", diagnostics: &diagnostics).map(\.text)
        action.timeout = reader.duration("timeout", .positive, diagnostics: &diagnostics)
        action.secretOptions = reader.stringList("secretOptions", diagnostics: &diagnostics).map(\.text)

        if let artifacts = reader.map("outputArtifacts", diagnostics: &diagnostics) {
            for artifact in artifacts.entries {
                if let decoded = decodeArtifact(artifact, action: entry.key, diagnostics: &diagnostics) {
                    action.outputArtifacts.append(decoded)
                }
            }
        }

        if let phases = reader.raw("phases") {
            switch phases {
            case .list(let items, _):
                for (index, item) in items.enumerated() {
                    if let phase = decodePhase(item, context: "phase \(index + 1) of \(context)", diagnostics: &diagnostics) {
                        action.phases.append(phase)
                    }
                }
            case .null: break
            default:
                diagnostics.append(.error(at: phases.location, "`phases` in \(context) must be a list, found \(phases.kindName)",
                                          hint: "write each phase as a list item starting with `- func: …`"))
            }
        }
        if action.phases.isEmpty && reader.raw("phases") == nil {
            diagnostics.append(.error(at: entry.keyLocation, "\(context) has no `phases`"))
        }
        if let deferPhase = reader.raw("deferPhase") {
            action.deferPhase = decodePhase(deferPhase, context: "deferPhase of \(context)", diagnostics: &diagnostics)
        }
        return action
    }

    static func decodeArtifact(_ entry: SourceValue.Entry, action: String, diagnostics: inout [Diagnostic]) -> OutputArtifact? {
        let context = "output artifact `\(entry.key)` of action `\(action)`"
        let reader = FieldReader(entry.value, context: context, known: artifactFields, diagnostics: &diagnostics)
        guard reader.isMap else { return nil }
        var artifact = OutputArtifact(name: entry.key, location: entry.keyLocation)
        if let keyValue = reader.map("keyValue", diagnostics: &diagnostics) {
            for pair in keyValue.entries {
                switch pair.value {
                case .scalar, .null: artifact.keyValue.append(pair)
                default:
                    diagnostics.append(.error(at: pair.value.location,
                                              "value of `\(pair.key)` in \(context) must be a string, found \(pair.value.kindName)"))
                }
            }
        }
        artifact.kopiaSnapshot = reader.string("kopiaSnapshot", diagnostics: &diagnostics)
        if reader.raw("keyValue") == nil && reader.raw("kopiaSnapshot") == nil {
            diagnostics.append(.error(at: entry.keyLocation, "\(context) has neither `keyValue` nor `kopiaSnapshot`"))
        }
        return artifact
    }

    static func decodePhase(_ value: SourceValue, context: String, diagnostics: inout [Diagnostic]) -> Phase? {
        var reader = FieldReader(value, context: context, known: phaseFields, diagnostics: &diagnostics)
        guard reader.isMap else { return nil }
        // Kanister does not require a name (its start-stop example has an unnamed
        // deferPhase); an unnamed phase simply has no addressable outputs.
        let name = reader.string("name", diagnostics: &diagnostics)
        let named = name.map { "phase `\($0.text)`" } ?? context
        reader.context = named
        let function = reader.string("func", required: true, diagnostics: &diagnostics)
        var phase = Phase(
            name: name?.text ?? "", function: function?.text ?? "",
            functionLocation: function?.location ?? value.location, location: value.location)

        if let objects = reader.map("objects", diagnostics: &diagnostics) {
            for entry in objects.entries {
                let objectReader = FieldReader(entry.value, context: "object `\(entry.key)` of \(named)",
                                               known: objectFields, diagnostics: &diagnostics)
                guard objectReader.isMap else { continue }
                phase.objects.append(ObjectReference(
                    ref: entry.key,
                    apiVersion: objectReader.string("apiVersion", diagnostics: &diagnostics)?.text,
                    group: objectReader.string("group", diagnostics: &diagnostics)?.text,
                    resource: objectReader.string("resource", diagnostics: &diagnostics)?.text,
                    kind: objectReader.string("kind", diagnostics: &diagnostics)?.text,
                    name: objectReader.string("name", diagnostics: &diagnostics)?.text,
                    namespace: objectReader.string("namespace", diagnostics: &diagnostics)?.text,
                    location: entry.keyLocation))
            }
        }
        if let args = reader.map("args", diagnostics: &diagnostics) {
            phase.args = args.entries
            phase.argsLocation = args.location
        }
        phase.timeout = reader.duration("timeout", .positive, diagnostics: &diagnostics)
        for dependency in reader.stringList("dependsOn", diagnostics: &diagnostics) {
            phase.dependsOn.append(dependency.text)
            phase.dependsOnLocations.append(dependency.location)
        }
        if let retry = reader.raw("retry") {
            phase.retry = decodeRetry(retry, context: "`retry` of \(named)", diagnostics: &diagnostics)
        }
        if let role = reader.string("consistency", diagnostics: &diagnostics) {
            if let value = ConsistencyRole(rawValue: role.text) {
                phase.consistency = value
            } else {
                diagnostics.append(.error(
                    at: role.location, "`consistency` of \(named) must be freeze, snapshot or thaw, not `\(role.text)`",
                    hint: Suggestion.hint(for: role.text, in: ConsistencyRole.allCases.map(\.rawValue))
                        ?? "freeze: quiesces; snapshot: cuts the copy; thaw: resumes"))
            }
        }
        return phase
    }

    static func decodeRetry(_ value: SourceValue, context: String, diagnostics: inout [Diagnostic]) -> RetryPolicy? {
        let reader = FieldReader(value, context: context, known: retryFields, diagnostics: &diagnostics)
        guard reader.isMap else { return nil }
        var policy = RetryPolicy(attempts: 1)
        if let attempts = reader.raw("attempts") {
            if case .scalar(let s) = attempts, s.kind == .int, let n = Int(s.text), n >= 1 {
                policy.attempts = n
            } else {
                diagnostics.append(.error(at: attempts.location, "`attempts` in \(context) must be a whole number ≥ 1",
                                          hint: "attempts counts the first try too: `attempts: 3` retries twice"))
            }
        } else {
            diagnostics.append(.error(at: value.location, "\(context) is missing required field `attempts`"))
        }
        if let backoff = reader.duration("backoff", .notNegative, diagnostics: &diagnostics) { policy.backoff = backoff }
        if let maxBackoff = reader.duration("maxBackoff", .notNegative, diagnostics: &diagnostics) { policy.maxBackoff = maxBackoff }
        if policy.maxBackoff.nanoseconds < policy.backoff.nanoseconds, let location = reader.raw("maxBackoff")?.location {
            diagnostics.append(.error(at: location, "`maxBackoff` (\(policy.maxBackoff)) is shorter than `backoff` (\(policy.backoff)) in \(context)"))
        }
        let conditions = reader.stringList("on", diagnostics: &diagnostics)
        if !conditions.isEmpty {
            policy.on = []
            for condition in conditions {
                if let parsed = RetryPolicy.Condition(rawValue: condition.text) {
                    policy.on.append(parsed)
                } else {
                    diagnostics.append(.error(
                        at: condition.location, "unknown retry condition `\(condition.text)` in \(context)",
                        hint: Suggestion.hint(for: condition.text, in: RetryPolicy.Condition.allCases.map(\.rawValue))
                            ?? "use `transient` (the default) or `any`"))
                }
            }
        }
        return policy
    }
}
