import ArgumentParser
import BlueprintModel
import Foundation

/// `blueprint catalog [NAME]`: the shipped blueprints with their actions and
/// options, read from the files themselves (the header comment says what each
/// does; the actions and options are what its YAML has).
struct CatalogCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "catalog",
        abstract: "List the catalog's blueprints with their actions and options, or show one in full."
    )

    @Argument(help: "Show this blueprint (its metadata.name) in full.")
    var name: String?

    @Option(name: .customLong("blueprints"), help: "Directory of the catalog's blueprint files.")
    var blueprintsDirectory = "blueprints"

    @Option(name: .shortAndLong, help: "Output format: text, json or markdown.")
    var output: Format = .text

    enum Format: String, ExpressibleByArgument, CaseIterable {
        case text, json, markdown
    }

    func run() throws {
        let (all, diagnostics) = BlueprintCatalog.load(directory: blueprintsDirectory)
        // A broken file is named, but does not hide the rest of the catalog.
        for diagnostic in diagnostics { StandardStreams.err(diagnostic.description + "\n") }
        if all.isEmpty && diagnostics.hasErrors { throw ExitStatus.invalidInput }
        var entries = all
        if let name {
            entries = all.filter { $0.name == name }
            if entries.isEmpty {
                var message = "no blueprint `\(name)` in \(blueprintsDirectory)"
                if let close = all.first(where: { $0.name.lowercased() == name.lowercased() }) {
                    message += "; did you mean `\(close.name)`?"
                } else if !all.isEmpty {
                    message += " (it has: \(all.map(\.name).joined(separator: ", ")))"
                }
                throw ValidationError(message)
            }
        }
        switch output {
        case .json: try JSONOutput.print(name == nil ? AnyEncodable(entries) : AnyEncodable(entries[0]))
        case .text:
            if let entry = entries.first, name != nil {
                print(BlueprintCatalog.fullText(entry), terminator: "")
            } else {
                print(BlueprintCatalog.text(entries), terminator: "")
            }
        case .markdown: print(BlueprintCatalog.markdown(entries), terminator: "")
        }
    }
}

/// The list, or the one entry asked for, through one JSON printer.
private struct AnyEncodable: Encodable {
    let value: any Encodable
    init(_ value: any Encodable) { self.value = value }
    func encode(to encoder: any Encoder) throws { try value.encode(to: encoder) }
}
