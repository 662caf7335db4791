import Foundation

/// Typed access to arguments the evaluator already converted to the declared
/// parameter types; a mismatch is a bug in the caller, reported as an error.
enum SprigArgs {
    static func string(_ args: [Value], _ i: Int) throws -> String {
        guard i < args.count else { throw TemplateFunctionError("missing argument \(i + 1)") }
        switch args[i] {
        case .string(let s): return s
        case .bytes(let b): return String(decoding: b, as: UTF8.self)
        default: throw TemplateFunctionError("wrong type for value; expected string; got \(args[i].goTypeName)")
        }
    }

    static func int(_ args: [Value], _ i: Int) throws -> Int {
        guard i < args.count else { throw TemplateFunctionError("missing argument \(i + 1)") }
        switch args[i] {
        case .int(let v): return v
        case .int64(let v): return Int(v)
        default: throw TemplateFunctionError("wrong type for value; expected int; got \(args[i].goTypeName)")
        }
    }

    static func bool(_ args: [Value], _ i: Int) throws -> Bool {
        guard i < args.count, case .bool(let b) = args[i] else {
            throw TemplateFunctionError("wrong type for value; expected bool")
        }
        return b
    }

    static func map(_ args: [Value], _ i: Int) throws -> [String: Value] {
        guard i < args.count else { throw TemplateFunctionError("missing argument \(i + 1)") }
        switch args[i] {
        case .map(let m): return m
        default:
            throw TemplateFunctionError(
                "wrong type for value; expected map[string]interface {}; got \(args[i].goTypeName)")
        }
    }

    static func any(_ args: [Value], _ i: Int) -> Value {
        i < args.count ? args[i] : .null
    }
}
