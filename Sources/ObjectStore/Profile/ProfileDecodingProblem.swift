import Foundation
import Yams

/// What a decoder's complaint about a profile means to the person who wrote
/// it: the field (`location.type`), its place in the file, what was expected
/// (the allowed values of an enum), and a hint. A raw `DecodingError` dump names
/// Swift types and coding paths nobody typed.
struct ProfileDecodingProblem: Equatable {
    var field: String
    var line: Int?
    var column: Int?
    var problem: String
    var hint: String?

    /// The message of an enum field whose value is not one of its cases.
    static func notOneOf(_ value: String, what: String, allowed: [String]) -> String {
        "\"\(value)\" is not a valid \(what); allowed: \(allowed.joined(separator: ", "))"
    }

    /// Explains `error` for the document `root` (parsed with positions; `nil`
    /// when the text could not be parsed as YAML, e.g. JSON with tabs).
    static func explain(_ error: DecodingError, in root: Node?) -> ProfileDecodingProblem {
        switch error {
        case let .keyNotFound(key, context):
            let field = path(context.codingPath + [key])
            let parent = root.flatMap { ProfileNodeLocator.node(at: context.codingPath, in: $0) }
            return ProfileDecodingProblem(
                field: field, line: parent?.mark?.line, column: parent?.mark?.column,
                problem: "missing field \(field)", hint: hintForMissing(field))
        case let .typeMismatch(type, context):
            let node = root.flatMap { ProfileNodeLocator.node(at: context.codingPath, in: $0) }
            // Values under `credential` may be secrets put in the wrong place.
            let reveal = !path(context.codingPath).hasPrefix("credential")
            let found = node.map { ", found \(describe($0, reveal: reveal))" } ?? ""
            return ProfileDecodingProblem(
                field: path(context.codingPath), line: node?.mark?.line, column: node?.mark?.column,
                problem: "expected \(expectation(for: type))\(found)",
                hint: hint(for: path(context.codingPath)))
        case let .valueNotFound(type, context):
            let node = root.flatMap { ProfileNodeLocator.node(at: context.codingPath, in: $0) }
            return ProfileDecodingProblem(
                field: path(context.codingPath), line: node?.mark?.line, column: node?.mark?.column,
                problem: "expected \(expectation(for: type)), found no value", hint: hint(for: path(context.codingPath)))
        case let .dataCorrupted(context):
            let node = root.flatMap { ProfileNodeLocator.node(at: context.codingPath, in: $0) }
            let problem = context.debugDescription
            return ProfileDecodingProblem(
                field: path(context.codingPath), line: node?.mark?.line, column: node?.mark?.column,
                problem: problem, hint: hint(for: path(context.codingPath)))
        @unknown default:
            return ProfileDecodingProblem(field: "", problem: "\(error)")
        }
    }

    static func path(_ keys: [any CodingKey]) -> String {
        var text = ""
        for key in keys {
            if let index = key.intValue {
                text += "[\(index)]"
            } else {
                text += (text.isEmpty ? "" : ".") + key.stringValue
            }
        }
        return text
    }

    /// What a field of this type looks like in YAML.
    private static func expectation(for type: Any.Type) -> String {
        var name = "\(type)"
        if name.hasPrefix("Optional<") { name = String(name.dropFirst(9).dropLast()) }
        switch name {
        case "String", "Substring": return "a string"
        case "Bool": return "true or false"
        case "Int", "Int64", "Int32", "UInt", "Double", "Float": return "a number"
        // Yams names the node kind it wanted, not the Swift type.
        case "Scalar": return "a single value"
        case "Sequence": return "a list"
        default: return name.hasPrefix("Array") ? "a list" : "a mapping (key: value)"
        }
    }

    private static func describe(_ node: Node, reveal: Bool) -> String {
        switch node {
        case .scalar where !reveal:
            return "a single value"
        case let .scalar(scalar):
            let value = scalar.string.count > 40 ? String(scalar.string.prefix(40)) + "…" : scalar.string
            return "\"\(value)\""
        case .mapping: return "a mapping"
        case .sequence: return "a list"
        case .alias: return "an alias"
        }
    }

    private static func hintForMissing(_ field: String) -> String? {
        switch field {
        case "location":
            return "a profile starts with a location, e.g. `location: {type: filesystem, path: /var/backups}` or `location: {type: s3Compliant, bucket: NAME, endpoint: URL}`"
        case "location.type":
            return "add `type: filesystem` or `type: s3Compliant` under location"
        case "credential.keyPair.secret.name":
            return "name the Kubernetes Secret that holds the key pair"
        default:
            return "add the field \(field)"
        }
    }

    private static func hint(for field: String) -> String? {
        switch field {
        case "location.type":
            return "Kanister's gcs and azure locations are not supported: use s3Compliant for any S3-compatible service, filesystem for a local folder"
        case "location.addressing":
            return "path works with any S3-compatible server; virtualHosted is AWS's default"
        case "connectTimeout", "readTimeout":
            return "write a duration such as 5s, 90s or 2m"
        case "skipSSLVerify":
            return "write skipSSLVerify: true or skipSSLVerify: false"
        default:
            return nil
        }
    }
}
