/// Reads the fields of one YAML mapping against a fixed set of known keys,
/// collecting every problem (unknown key with a suggestion, wrong kind, missing
/// required field) instead of stopping at the first.
struct FieldReader {
    let value: SourceValue
    /// Names the mapping in messages; may be refined once a name is known.
    var context: String
    let known: [String]
    var diagnostics: [Diagnostic] = []
    private let entries: [SourceValue.Entry]

    /// `context` names the mapping in messages ("phase `dump`", "action `backup`").
    init(_ value: SourceValue, context: String, known: [String], diagnostics: inout [Diagnostic]) {
        self.value = value
        self.context = context
        self.known = known
        if case .map(let entries, _) = value {
            self.entries = entries
            for entry in entries where !known.contains(entry.key) {
                diagnostics.append(.error(
                    at: entry.keyLocation, "unknown field `\(entry.key)` in \(context)",
                    hint: Suggestion.hint(for: entry.key, in: known)
                        ?? "known fields: \(known.map { "`\($0)`" }.joined(separator: ", "))"))
            }
        } else {
            self.entries = []
            diagnostics.append(.error(at: value.location, "\(context) must be a map, found \(value.kindName)"))
        }
    }

    var isMap: Bool { value.entries != nil }

    func entry(_ key: String) -> SourceValue.Entry? { entries.first { $0.key == key } }

    func raw(_ key: String) -> SourceValue? { entry(key)?.value }

    /// A scalar field as text; a missing required one is reported at the mapping.
    func string(_ key: String, required: Bool = false, diagnostics: inout [Diagnostic]) -> SourceValue.Scalar? {
        guard let value = raw(key) else {
            if required && isMap {
                diagnostics.append(.error(at: self.value.location, "\(context) is missing required field `\(key)`"))
            }
            return nil
        }
        switch value {
        case .scalar(let scalar): return scalar
        case .null:
            if required { diagnostics.append(.error(at: value.location, "`\(key)` in \(context) must not be empty")) }
            return nil
        default:
            diagnostics.append(.error(at: value.location, "`\(key)` in \(context) must be a string, found \(value.kindName)"))
            return nil
        }
    }

    func stringList(_ key: String, diagnostics: inout [Diagnostic]) -> [SourceValue.Scalar] {
        guard let value = raw(key) else { return [] }
        switch value {
        case .null: return []
        case .list(let items, _):
            return items.compactMap { item in
                if case .scalar(let s) = item { return s }
                diagnostics.append(.error(at: item.location, "items of `\(key)` in \(context) must be strings, found \(item.kindName)"))
                return nil
            }
        default:
            diagnostics.append(.error(at: value.location, "`\(key)` in \(context) must be a list of strings, found \(value.kindName)",
                                      hint: "write it as a YAML list: `\(key): [a, b]`"))
            return []
        }
    }

    /// A map field's entries; nil when absent or not a map (reported).
    func map(_ key: String, diagnostics: inout [Diagnostic]) -> (entries: [SourceValue.Entry], location: SourceLocation)? {
        guard let value = raw(key) else { return nil }
        switch value {
        case .null: return ([], value.location)
        case .map(let entries, let location): return (entries, location)
        default:
            diagnostics.append(.error(at: value.location, "`\(key)` in \(context) must be a map, found \(value.kindName)"))
            return nil
        }
    }

    /// What a duration field may hold beyond being a duration.
    enum DurationRule {
        /// A timeout: zero or less would expire before the work starts.
        case positive
        /// A wait such as a backoff: zero means "at once"; negative means nothing.
        case notNegative
    }

    func duration(_ key: String, _ rule: DurationRule, diagnostics: inout [Diagnostic]) -> BlueprintDuration? {
        guard let value = raw(key) else { return nil }
        return FieldReader.duration(value, what: "`\(key)` in \(context)", rule: rule, diagnostics: &diagnostics)
    }

    static func duration(_ value: SourceValue, what: String, rule: DurationRule,
                         diagnostics: inout [Diagnostic]) -> BlueprintDuration? {
        guard case .scalar(let scalar) = value else {
            diagnostics.append(.error(at: value.location, "\(what) must be a duration such as \"30s\", found \(value.kindName)"))
            return nil
        }
        let duration: BlueprintDuration
        do {
            duration = try BlueprintDuration.parse(scalar.text)
        } catch {
            diagnostics.append(.error(at: scalar.location, "\(what): \(error)", hint: error.hint))
            return nil
        }
        switch rule {
        case .positive where duration.nanoseconds <= 0:
            diagnostics.append(.error(
                at: scalar.location, "\(what) must be longer than zero, found \(duration)",
                hint: "a timeout of \(duration) would stop the work before it starts; give how long it may run, e.g. \"10m\", or remove the field for no limit"))
            return nil
        case .notNegative where duration.nanoseconds < 0:
            diagnostics.append(.error(at: scalar.location, "\(what) must not be negative, found \(duration)",
                                      hint: "use \"0s\" to retry at once, or a wait such as \"5s\""))
            return nil
        default:
            return duration
        }
    }
}
