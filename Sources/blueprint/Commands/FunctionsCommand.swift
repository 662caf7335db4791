import ArgumentParser
import BlueprintFunctions
import BlueprintModel
import Foundation

/// `blueprint functions [NAME]`: the reference of every function, generated from
/// the same declarations validation uses.
struct FunctionsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "functions",
        abstract: "List the functions blueprints can call, with their arguments."
    )

    @Argument(help: "Show only this function.")
    var name: String?

    @Option(name: .shortAndLong, help: "Output format: text, json or markdown.")
    var output: Format = .text

    enum Format: String, ExpressibleByArgument, CaseIterable {
        case text, json, markdown
    }

    func run() throws {
        var declarations = BuiltinFunctions.registry.declarations
        if let name {
            declarations = declarations.filter { $0.name == name }
            if declarations.isEmpty {
                let known = BuiltinFunctions.registry.declarations.map(\.name)
                var message = "unknown function `\(name)`"
                if let close = known.first(where: { $0.lowercased() == name.lowercased() }) {
                    message += "; did you mean `\(close)`?"
                }
                throw ValidationError(message)
            }
        }
        switch output {
        case .json: try JSONOutput.print(declarations.map(FunctionReference.init))
        case .text: print(declarations.map(FunctionReference.text).joined(separator: "\n"))
        case .markdown: print(declarations.map(FunctionReference.markdown).joined(separator: "\n"))
        }
    }
}

/// A function's reference entry in the shapes `blueprint functions` prints.
struct FunctionReference: Encodable {
    struct Argument: Encodable {
        var name: String
        var type: String
        var required: Bool
        var `default`: String?
        var description: String
    }

    var name: String
    var summary: String
    var origin: String
    var implemented: Bool
    var arguments: [Argument]
    var outputs: [String]?

    init(_ declaration: FunctionDeclaration) {
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

    static func text(_ declaration: FunctionDeclaration) -> String {
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

    static func markdown(_ declaration: FunctionDeclaration) -> String {
        var lines = ["### \(declaration.name)", "", declaration.summary
            + (declaration.origin == .blueprint ? " *(our extension)*" : "")
            + (declaration.implemented ? "" : " *(declared; body not implemented yet)*"), ""]
        lines.append("| argument | type | required | default | description |")
        lines.append("|---|---|---|---|---|")
        for argument in declaration.arguments {
            let type = argument.type.description.replacingOccurrences(of: "|", with: "\\|")
            lines.append("| `\(argument.name)` | \(type) | \(argument.required ? "yes" : "no") | \(argument.defaultValue.map { "`\($0)`" } ?? "") | \(argument.description) |")
        }
        if let outputs = declaration.outputs, !outputs.isEmpty {
            lines.append("")
            lines.append("Outputs: " + outputs.map { "`\($0)`" }.joined(separator: ", "))
        }
        return lines.joined(separator: "\n") + "\n"
    }
}
