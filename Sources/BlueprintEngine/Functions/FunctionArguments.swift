import BlueprintModel

/// A phase's rendered arguments, decoded into Swift types with Kanister's weak
/// typing (`"3"` is an int, `"true"` a bool, a single string is a one-item list),
/// falling back to the declared default when an argument is absent.
public struct FunctionArguments: Sendable, Equatable {
    public var values: [String: ArgumentValue]
    public var declaration: FunctionDeclaration

    public init(_ values: [String: ArgumentValue], declaration: FunctionDeclaration) {
        self.values = values
        self.declaration = declaration
    }

    /// The raw value, or the declared default rendered as a string; nil when
    /// absent. Every read goes through here, and reading a name the function did
    /// not declare is an error of its own (a typo in the function's code), never a
    /// confusing "missing required argument".
    public func value(_ name: String) throws(FunctionError) -> ArgumentValue? {
        guard let declared = declaration.argument(named: name) else {
            throw .undeclaredArgument(function: declaration.name, argument: name)
        }
        if let value = values[name], value != .null { return value }
        if let fallback = declared.defaultValue { return .string(fallback) }
        return nil
    }

    public func has(_ name: String) throws(FunctionError) -> Bool { try value(name) != nil }

    private func required(_ name: String) throws(FunctionError) -> ArgumentValue {
        guard let value = try value(name) else {
            throw .missingArgument(function: declaration.name, argument: name)
        }
        return value
    }

    private func invalid(_ name: String, _ expected: String, _ value: ArgumentValue) -> FunctionError {
        .invalidArgument(function: declaration.name, argument: name, expected: expected, found: "\"\(value)\"")
    }

    public func string(_ name: String) throws(FunctionError) -> String {
        let value = try required(name)
        switch value {
        case .string(let s): return s
        case .int, .float, .bool: return value.description
        default: throw invalid(name, "a string", value)
        }
    }

    public func optionalString(_ name: String) throws(FunctionError) -> String? {
        try has(name) ? try string(name) : nil
    }

    public func int(_ name: String) throws(FunctionError) -> Int {
        let value = try required(name)
        switch value {
        case .int(let i): return i
        case .float(let d) where d == d.rounded(): return Int(d)
        case .string(let s):
            if let i = Int(s.trimmingCharacters(in: .whitespaces)) { return i }
        case .bool(let b): return b ? 1 : 0
        default: break
        }
        throw invalid(name, "an integer", value)
    }

    public func bool(_ name: String) throws(FunctionError) -> Bool {
        let value = try required(name)
        switch value {
        case .bool(let b): return b
        case .int(let i): return i != 0
        case .string(let s):
            switch s.lowercased().trimmingCharacters(in: .whitespaces) {
            case "true", "1", "t", "yes": return true
            case "false", "0", "f", "no", "": return false
            default: break
            }
        default: break
        }
        throw invalid(name, "true or false", value)
    }

    public func duration(_ name: String) throws(FunctionError) -> BlueprintDuration {
        let text = try string(name)
        do {
            return try BlueprintDuration.parse(text, units: .go)
        } catch {
            throw .invalidArgument(function: declaration.name, argument: name, expected: "a duration such as \"30s\"",
                                   found: "\"\(text)\"")
        }
    }

    public func stringList(_ name: String) throws(FunctionError) -> [String] {
        let value = try required(name)
        switch value {
        case .list(let items):
            var strings: [String] = []
            for item in items {
                switch item {
                case .string(let s): strings.append(s)
                case .int, .float, .bool: strings.append(item.description)
                default: throw invalid(name, "a list of strings", value)
                }
            }
            return strings
        case .string(let s): return [s]
        default: throw invalid(name, "a list of strings", value)
        }
    }

    public func optionalStringList(_ name: String) throws(FunctionError) -> [String]? {
        try has(name) ? try stringList(name) : nil
    }

    public func stringMap(_ name: String) throws(FunctionError) -> [String: String] {
        let value = try required(name)
        guard case .map(let entries) = value else { throw invalid(name, "a map of strings", value) }
        var result: [String: String] = [:]
        for (key, item) in entries {
            switch item {
            case .string(let s): result[key] = s
            case .int, .float, .bool, .null: result[key] = item.description
            default: throw invalid(name, "a map of strings", value)
            }
        }
        return result
    }
}
