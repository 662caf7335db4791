import BlueprintEngine
import Foundation
import GoTemplate
import KubeClient

/// The `conditions` of Wait and WaitV2: `anyOf` / `allOf` lists of
/// `{objectReference, condition}`, where the condition is a Go template over the
/// object (`$` is the object) that must print `true` or `false`.
///
/// Wait (v1) also accepts Kanister's JSONPath placeholders `{$.status.phase}`,
/// substituted before the template runs.
struct WaitConditions: Sendable {
    struct Condition: Sendable {
        var reference: [String: String]
        var template: String
    }

    var function: String
    var anyOf: [Condition]
    var allOf: [Condition]
    var jsonPathPlaceholders: Bool

    init(_ arguments: FunctionArguments, function: String, jsonPathPlaceholders: Bool) throws {
        self.function = function
        self.jsonPathPlaceholders = jsonPathPlaceholders
        guard case .map(let conditions)? = (try arguments.value("conditions")) else {
            throw FunctionError.invalidArgument(function: function, argument: "conditions", expected: "a map with anyOf and/or allOf",
                                                found: "\((try arguments.value("conditions"))?.description ?? "nothing")")
        }
        func parse(_ key: String) throws -> [Condition] {
            guard let value = conditions[key], value != .null else { return [] }
            guard case .list(let items) = value else {
                throw KubeFunctionError.invalidSpec(function: function, reason: "conditions.\(key) must be a list")
            }
            return try items.map { item in
                guard case .map(let entry) = item, let condition = entry["condition"]?.description,
                      case .map(let reference)? = entry["objectReference"] else {
                    throw KubeFunctionError.invalidSpec(function: function,
                                                        reason: "each entry of conditions.\(key) needs objectReference and condition")
                }
                return Condition(reference: reference.mapValues(\.description), template: condition)
            }
        }
        anyOf = try parse("anyOf")
        allOf = try parse("allOf")
        if anyOf.isEmpty && allOf.isEmpty {
            throw KubeFunctionError.invalidSpec(function: function, reason: "conditions needs anyOf or allOf")
        }
    }

    /// Waits until every allOf condition and (when given) one anyOf condition hold.
    func wait(client: KubernetesClient, limit: Duration) async throws {
        _ = try await Polling.until(function: function, waitingFor: "the conditions to hold", limit: limit) { () async throws -> (value: Bool?, state: String) in
            var pending: [String] = []
            for condition in allOf where try await !evaluate(condition, client: client) {
                pending.append(describe(condition))
            }
            if !anyOf.isEmpty {
                var any = false
                for condition in anyOf where try await evaluate(condition, client: client) { any = true; break }
                if !any { pending.append("none of " + anyOf.map(describe).joined(separator: ", ")) }
            }
            return (pending.isEmpty ? true : nil, "not yet true: " + pending.joined(separator: "; "))
        }
    }

    private func describe(_ condition: Condition) -> String {
        let r = condition.reference
        return "\(r["resource"] ?? "?") \([r["namespace"], r["name"]].compactMap { $0 }.filter { !$0.isEmpty }.joined(separator: "/"))"
    }

    /// A missing object is "not yet" (waiting for something to appear is common).
    func evaluate(_ condition: Condition, client: KubernetesClient) async throws -> Bool {
        let type = try ObjectReference.resourceType(condition.reference, function: function)
        guard let name = condition.reference["name"], !name.isEmpty else {
            throw KubeFunctionError.invalidSpec(function: function, reason: "objectReference needs a name")
        }
        let namespace = condition.reference["namespace"].flatMap { $0.isEmpty ? nil : $0 }
        guard let object = try await client.getIfPresent(type, name: name, namespace: namespace) else { return false }
        return try Self.evaluate(condition.template, on: object.json, function: function, jsonPath: jsonPathPlaceholders)
    }

    static func evaluate(_ text: String, on object: JSONValue, function: String, jsonPath: Bool) throws -> Bool {
        let source = jsonPath ? substituteJSONPath(text, in: object) : text
        let rendered: String
        do {
            rendered = try Template(name: "condition", text: source).render(object.templateValue)
        } catch {
            throw KubeFunctionError.conditionFailed(function: function, condition: text, reason: "\(error)")
        }
        switch rendered.trimmingCharacters(in: .whitespacesAndNewlines).lowercased() {
        case "true": return true
        case "false": return false
        case let other:
            throw KubeFunctionError.conditionFailed(function: function, condition: text,
                                                    reason: "it printed \"\(other)\", expected true or false")
        }
    }

    /// Replaces `{$.a.b[0].c}` with the value at that path ("" when absent).
    static func substituteJSONPath(_ text: String, in object: JSONValue) -> String {
        var result = ""
        var rest = Substring(text)
        while let open = rest.range(of: "{$") {
            guard let close = rest[open.upperBound...].firstIndex(of: "}") else { break }
            result += rest[..<open.lowerBound]
            let path = rest[open.upperBound..<close]
            result += value(at: path, in: object).map(Self.text) ?? ""
            rest = rest[rest.index(after: close)...]
        }
        return result + rest
    }

    static func value(at path: Substring, in object: JSONValue) -> JSONValue? {
        var current: JSONValue? = object
        for var segment in path.split(separator: ".") {
            var indices: [Int] = []
            while let bracket = segment.lastIndex(of: "["), segment.hasSuffix("]"),
                  let index = Int(segment[segment.index(after: bracket)..<segment.index(before: segment.endIndex)]) {
                indices.insert(index, at: 0)
                segment = segment[..<bracket]
            }
            if !segment.isEmpty { current = current?[String(segment)] }
            for index in indices { current = current?[index] }
        }
        return current
    }

    static func text(_ value: JSONValue) -> String {
        switch value {
        case .string(let s): return s
        case .bool(let b): return b ? "true" : "false"
        case .int(let i): return String(i)
        case .double(let d): return String(d)
        case .null: return ""
        default: return (try? value.jsonString()) ?? ""
        }
    }
}
