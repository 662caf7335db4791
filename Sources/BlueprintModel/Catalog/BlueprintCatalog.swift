import Foundation

/// The catalog: the blueprint files of a directory (`blueprints/` in the
/// repository, `--blueprints DIR` for the CLI), in the forms people and machines
/// read — the text `blueprint catalog` prints and the README's Markdown — all
/// generated from the files, as the function reference is from the declarations.
public enum BlueprintCatalog {
    /// Every blueprint under `directory`, sorted by name; files that do not load
    /// come back as diagnostics.
    public static func load(directory: String) -> (entries: [CatalogEntry], diagnostics: [Diagnostic]) {
        let (files, missing) = BlueprintLoader.blueprintFiles(in: [directory])
        var diagnostics = missing.map {
            Diagnostic.error(at: SourceLocation(file: $0, line: 1, column: 1), "no such directory",
                             hint: "name the catalog's directory with --blueprints DIR")
        }
        var entries: [CatalogEntry] = []
        for file in files {
            do {
                let (entry, found) = CatalogEntry.read(text: try SourceFile.read(file), file: file)
                diagnostics += found
                if let entry { entries.append(entry) }
            } catch {
                diagnostics.append(error.diagnostic)
            }
        }
        return (entries.sorted { $0.name < $1.name }, diagnostics)
    }

    /// One line of summary, then the actions and options of each entry.
    public static func text(_ entries: [CatalogEntry]) -> String {
        entries.map { entry in
            "\(entry.name) — \(entry.summary)\n  actions: \(entry.actions.joined(separator: ", "))\n"
                + "  options: \(entry.options.isEmpty ? "none" : entry.options.joined(separator: ", "))\n"
        }.joined(separator: "\n")
    }

    /// One entry in full: its header comment, then what the YAML has.
    public static func fullText(_ entry: CatalogEntry) -> String {
        "\(entry.name) (\(entry.file))\n\n\(entry.description)\n\n"
            + "actions: \(entry.actions.joined(separator: ", "))\n"
            + "options read by its templates: \(entry.options.isEmpty ? "none" : entry.options.joined(separator: ", "))\n"
    }

    /// The README's catalog section; `linkDirectory` is where the files are,
    /// relative to the README.
    public static func markdown(_ entries: [CatalogEntry], linkDirectory: String = "blueprints") -> String {
        entries.map { entry in
            let file = "\(linkDirectory)/\(URL(fileURLWithPath: entry.file).lastPathComponent)"
            let body = entry.description.split(separator: "\n", omittingEmptySubsequences: false).dropFirst()
                .drop { $0.isEmpty }.joined(separator: "\n")
            var lines = ["#### \(entry.name)", "", "\(entry.summary) ([\(file)](\(file)))", "",
                         "Actions: " + entry.actions.map { "`\($0)`" }.joined(separator: ", ")
                            + " · Options: " + (entry.options.isEmpty ? "none" : entry.options.map { "`\($0)`" }.joined(separator: ", "))]
            if !body.isEmpty { lines += ["", "```text", body, "```"] }
            return lines.joined(separator: "\n") + "\n"
        }.joined(separator: "\n")
    }
}
