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
        case .markdown: print(FunctionReference.markdown(declarations), terminator: "")
        }
    }
}
