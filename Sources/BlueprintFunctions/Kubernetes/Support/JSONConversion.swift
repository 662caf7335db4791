import BlueprintEngine
import Foundation
import GoTemplate
import KubeClient
import Yams

extension JSONValue {
    /// A rendered argument as Kubernetes JSON.
    init(_ argument: ArgumentValue) {
        switch argument {
        case .null: self = .null
        case .string(let s): self = .string(s)
        case .int(let i): self = .int(Int64(i))
        case .float(let d): self = .double(d)
        case .bool(let b): self = .bool(b)
        case .list(let l): self = .array(l.map(JSONValue.init))
        case .map(let m): self = .object(m.mapValues(JSONValue.init))
        }
    }

    /// The value as a function output or target document.
    var argumentValue: ArgumentValue {
        switch self {
        case .null: return .null
        case .string(let s): return .string(s)
        case .int(let i): return .int(Int(i))
        case .double(let d): return .float(d)
        case .bool(let b): return .bool(b)
        case .array(let a): return .list(a.map(\.argumentValue))
        case .object(let o): return .map(o.mapValues(\.argumentValue))
        }
    }

    /// The value as templates see it (Wait conditions evaluate over the object).
    var templateValue: GoTemplate.Value { argumentValue.templateValue }

    /// Parses a YAML or JSON manifest (KubeOps `spec`).
    static func parsingYAML(_ text: String) throws -> JSONValue {
        guard let parsed = try Yams.load(yaml: text) else { return .null }
        return JSONValue(any: parsed)
    }

    init(any: Any) {
        switch any {
        case let s as String: self = .string(s)
        case let b as Bool: self = .bool(b)
        case let i as Int: self = .int(Int64(i))
        case let d as Double: self = .double(d)
        case let list as [Any]: self = .array(list.map(JSONValue.init(any:)))
        case let map as [String: Any]: self = .object(map.mapValues(JSONValue.init(any:)))
        case let map as [AnyHashable: Any]:
            self = .object(Dictionary(map.map { ("\($0.key)", JSONValue(any: $0.value)) }, uniquingKeysWith: { a, _ in a }))
        default: self = any is NSNull ? .null : .string("\(any)")
        }
    }

    /// Deep merge, `overlay` winning; lists are replaced (Kanister's podOverride
    /// merge is strategic, which merges containers by name: done by the caller).
    func merged(with overlay: JSONValue) -> JSONValue {
        guard case .object(var base) = self, case .object(let top) = overlay else { return overlay }
        for (key, value) in top {
            base[key] = base[key].map { $0.merged(with: value) } ?? value
        }
        return .object(base)
    }
}
