import BlueprintModel
import GoTemplate

/// The one place templates are rendered, so the template engine can be swapped
/// without touching the executor.
///
/// Renders recursively over lists and maps, map keys included; a scalar without
/// `{{` keeps its YAML type (an int stays an int), a rendered one becomes a string,
/// as in Kanister.
public struct ArgumentRenderer: Sendable {
    /// The budget of each template render (one argument string): output bytes,
    /// loop iterations and value size, so an argument built from an earlier
    /// phase's output cannot take the host's memory or the engine's stack.
    public var limits: TemplateLimits

    public init(limits: TemplateLimits = .default) {
        self.limits = limits
    }

    /// `unrendered` names arguments whose templates the function evaluates itself
    /// (Wait's `conditions`, as Kanister's skipRenderFuncs): they pass through as written.
    public func render(_ args: [SourceValue.Entry], phase: String, data: Value,
                       unrendered: Set<String> = []) throws(RenderError) -> [String: ArgumentValue] {
        var result: [String: ArgumentValue] = [:]
        for entry in args {
            if unrendered.contains(entry.key) {
                result[entry.key] = literal(entry.value)
                continue
            }
            let subject = "phase `\(phase)`, argument `\(entry.key)`"
            result[entry.key] = try render(entry.value, subject: subject, data: data)
        }
        return result
    }

    /// The value as written, templates left in place.
    public func literal(_ value: SourceValue) -> ArgumentValue {
        switch value {
        case .null: return .null
        case .scalar(let scalar):
            switch scalar.kind {
            case .string: return .string(scalar.text)
            case .int: return Int(scalar.text).map(ArgumentValue.int) ?? .string(scalar.text)
            case .float: return Double(scalar.text).map(ArgumentValue.float) ?? .string(scalar.text)
            case .bool: return scalar.boolValue.map(ArgumentValue.bool) ?? .string(scalar.text)
            }
        case .list(let items, _): return .list(items.map(literal))
        case .map(let entries, _):
            var result: [String: ArgumentValue] = [:]
            for entry in entries { result[entry.key] = literal(entry.value) }
            return .map(result)
        }
    }

    public func render(_ value: SourceValue, subject: String, data: Value) throws(RenderError) -> ArgumentValue {
        switch value {
        case .null: return .null
        case .scalar(let scalar):
            if scalar.text.contains("{{") {
                return .string(try renderString(scalar.text, at: scalar.location, subject: subject, data: data))
            }
            switch scalar.kind {
            case .string: return .string(scalar.text)
            case .int: return Int(scalar.text).map(ArgumentValue.int) ?? .string(scalar.text)
            case .float: return Double(scalar.text).map(ArgumentValue.float) ?? .string(scalar.text)
            case .bool: return scalar.boolValue.map(ArgumentValue.bool) ?? .string(scalar.text)
            }
        case .list(let items, _):
            var rendered: [ArgumentValue] = []
            rendered.reserveCapacity(items.count)
            for item in items { rendered.append(try render(item, subject: subject, data: data)) }
            return .list(rendered)
        case .map(let entries, _):
            var rendered: [String: ArgumentValue] = [:]
            for entry in entries {
                let key = entry.key.contains("{{")
                    ? try renderString(entry.key, at: entry.keyLocation, subject: subject, data: data) : entry.key
                rendered[key] = try render(entry.value, subject: subject, data: data)
            }
            return .map(rendered)
        }
    }

    public func renderString(_ text: String, at location: SourceLocation, subject: String,
                             data: Value) throws(RenderError) -> String {
        guard text.contains("{{") else { return text }
        do {
            let template = try Template(name: location.description, text: text)
            return try template.render(data, limits: limits)
        } catch let error as TemplateError where error.kind == .limitExceeded {
            throw RenderError(location: location, subject: subject, message: error.reason, cause: .limit)
        } catch {
            throw RenderError(location: location, subject: subject, message: String(describing: error))
        }
    }
}
