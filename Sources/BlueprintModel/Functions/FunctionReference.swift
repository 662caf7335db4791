/// The reference of functions in the forms people and machines read: the text
/// `blueprint functions` prints, its JSON, and the Markdown in the README.
/// All three come from the declarations, so the docs cannot drift from validation.
public struct FunctionReference: Encodable, Sendable {
    public struct Argument: Encodable, Sendable {
        public var name: String
        public var type: String
        public var required: Bool
        public var `default`: String?
        public var description: String
    }

    public var name: String
    public var summary: String
    public var origin: String
    public var implemented: Bool
    public var arguments: [Argument]
    public var outputs: [String]?

    public init(_ declaration: FunctionDeclaration) {
        name = declaration.name
        summary = declaration.summary
        origin = declaration.origin.rawValue
        implemented = declaration.implemented
        outputs = declaration.outputs
        arguments = declaration.arguments.map {
            Argument(name: $0.name, type: $0.type.description, required: $0.required,
                     default: $0.defaultValue, description: $0.description)
        }
    }

    public static func text(_ declaration: FunctionDeclaration) -> String {
        var lines = ["\(declaration.name) — \(declaration.summary)"]
        if !declaration.implemented { lines.append("  (declared; not implemented yet)") }
        let width = declaration.arguments.map(\.name.count).max() ?? 0
        for argument in declaration.arguments {
            var line = "  " + argument.name.padding(toLength: width, withPad: " ", startingAt: 0)
            line += "  \(argument.type)"
            line += argument.required ? ", required" : ""
            if let value = argument.defaultValue { line += ", default \(value)" }
            line += ". \(argument.description)"
            lines.append(line)
        }
        if let outputs = declaration.outputs, !outputs.isEmpty {
            lines.append("  outputs: " + outputs.joined(separator: ", "))
        }
        return lines.joined(separator: "\n") + "\n"
    }

    public static func markdown(_ declaration: FunctionDeclaration) -> String {
        var lines = ["#### \(declaration.name)", "", declaration.summary
            + (declaration.origin == .blueprint ? " *(our extension)*" : "")
            + (declaration.implemented ? "" : " *(declared; body not implemented yet)*"), ""]
        if !declaration.arguments.isEmpty {
            lines.append("| argument | type | required | default | description |")
            lines.append("|---|---|---|---|---|")
            for argument in declaration.arguments {
                let type = argument.type.description.replacingOccurrences(of: "|", with: "\\|")
                let defaultValue = argument.defaultValue.map { "`\($0)`" } ?? ""
                lines.append("| `\(argument.name)` | \(type) | \(argument.required ? "yes" : "no") | \(defaultValue) | \(argument.description) |")
            }
        }
        if let outputs = declaration.outputs, !outputs.isEmpty {
            lines.append("")
            lines.append("Outputs: " + outputs.map { "`\($0)`" }.joined(separator: ", "))
        }
        return lines.joined(separator: "\n") + "\n"
    }

    /// The whole reference section of the README.
    public static func markdown(_ declarations: [FunctionDeclaration]) -> String {
        declarations.map(markdown).joined(separator: "\n")
    }
}
