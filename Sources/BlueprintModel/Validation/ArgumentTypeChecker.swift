/// Checks the YAML shape of an argument against its declared type.
///
/// A string holding a Go template may render to anything, so it is accepted for
/// every type; other values must match as Kanister's weak typing allows (`"3"` is
/// an int, `"true"` a bool).
enum ArgumentTypeChecker {
    /// `durationUnits`: Kanister's own functions parse durations with Go's
    /// `time.ParseDuration`, so their arguments take Go's units only; ours also
    /// take `d` and `w`.
    static func check(_ value: SourceValue, against type: ArgumentType, what: String, required: Bool,
                      durationUnits: BlueprintDuration.Units = .go, diagnostics: inout [Diagnostic]) {
        if case .scalar(let scalar) = value, scalar.text.contains("{{") { return }
        switch (type, value) {
        case (.any, _):
            return
        case (_, .null):
            if required {
                diagnostics.append(.error(at: value.location, "\(what) must not be empty"))
            }
        case (.string, .scalar):
            return
        case (.int, .scalar(let s)):
            if Int(s.text.trimmingCharacters(in: .whitespaces)) == nil {
                diagnostics.append(.error(at: s.location, "\(what) must be an integer, found \"\(s.text)\""))
            }
        case (.bool, .scalar(let s)):
            if s.kind != .bool && !["true", "false"].contains(s.text.lowercased()) {
                diagnostics.append(.error(at: s.location, "\(what) must be true or false, found \"\(s.text)\""))
            }
        case (.duration, .scalar(let s)):
            do {
                let duration = try BlueprintDuration.parse(s.text, units: durationUnits)
                if duration.nanoseconds <= 0 {
                    diagnostics.append(.error(
                        at: s.location, "\(what) must be longer than zero, found \(duration)",
                        hint: "duration arguments are timeouts and leases; give how long, e.g. \"30s\" or \"5m\""))
                }
            } catch {
                diagnostics.append(.error(at: s.location, "\(what): \(error)", hint: error.hint))
            }
        case (.oneOf(let choices), .scalar(let s)):
            if !choices.contains(s.text) {
                diagnostics.append(.error(
                    at: s.location, "\(what) must be one of \(choices.joined(separator: ", ")), found \"\(s.text)\"",
                    hint: Suggestion.hint(for: s.text, in: choices)))
            }
        case (.list(let element), .list(let items, _)):
            for item in items {
                check(item, against: element, what: "an item of \(what)", required: true, durationUnits: durationUnits,
                      diagnostics: &diagnostics)
            }
        case (.map(let element), .map(let entries, _)):
            for entry in entries {
                check(entry.value, against: element, what: "`\(entry.key)` of \(what)", required: false,
                      durationUnits: durationUnits, diagnostics: &diagnostics)
            }
        default:
            diagnostics.append(.error(at: value.location, "\(what) must be \(expected(type)), found \(value.kindName)",
                                      hint: hint(for: type, found: value)))
        }
    }

    private static func expected(_ type: ArgumentType) -> String {
        switch type {
        case .string: return "a string"
        case .int: return "an integer"
        case .bool: return "true or false"
        case .duration: return "a duration such as \"30s\""
        case .list(let element): return "a list of \(element)"
        case .map(let element): return "a map of \(element)"
        case .any: return "any value"
        case .oneOf(let choices): return "one of \(choices.joined(separator: ", "))"
        }
    }

    private static func hint(for type: ArgumentType, found: SourceValue) -> String? {
        switch (type, found) {
        case (.list, .scalar(let s)): return "write it as a YAML list, e.g. `[\"\(s.text)\"]`"
        default: return nil
        }
    }
}
