import Foundation

/// One blueprint of the catalog as `blueprint catalog` and the README show it:
/// what its header comment says, and what its YAML actually has — the actions
/// from the model, the options from the templates that read them — so the
/// listing cannot claim an action or option the blueprint lacks.
public struct CatalogEntry: Encodable, Sendable, Equatable {
    /// `metadata.name`, the name an annotation or `--blueprint` uses.
    public var name: String
    public var file: String
    /// The header comment's first line.
    public var summary: String
    /// The header comment without its `# ` markers (the summary included).
    public var description: String
    public var actions: [String]
    /// Every option a template reads (`index .Options "x"`, `.Options.x`), sorted.
    public var options: [String]

    public init(name: String, file: String, summary: String, description: String, actions: [String], options: [String]) {
        self.name = name
        self.file = file
        self.summary = summary
        self.description = description
        self.actions = actions
        self.options = options
    }

    /// The entry of one blueprint file's text; nil when it holds no blueprint.
    public static func read(text: String, file: String) -> (entry: CatalogEntry?, diagnostics: [Diagnostic]) {
        let (blueprints, diagnostics) = BlueprintLoader.load(text: text, file: file)
        guard let blueprint = blueprints.first, !diagnostics.hasErrors else { return (nil, diagnostics) }
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false)
        let header = lines.prefix { $0.hasPrefix("#") }.map { line -> String in
            let body = line.dropFirst()
            return String(body.hasPrefix(" ") ? body.dropFirst() : body)
        }
        let code = lines.filter { !$0.trimmingCharacters(in: .whitespaces).hasPrefix("#") }.joined(separator: "\n")
        let entry = CatalogEntry(
            name: blueprint.name, file: file, summary: header.first ?? "", description: header.joined(separator: "\n"),
            actions: blueprint.actions.map(\.name), options: options(in: code))
        return (entry, diagnostics)
    }

    /// The names of `.Options` a template reads, in either spelling.
    static func options(in text: String) -> [String] {
        let patterns = [#"index\s+\.Options\s+"([^"]+)""#, #"\.Options\.([A-Za-z_][A-Za-z0-9_]*)"#]
        var names = Set<String>()
        for pattern in patterns {
            guard let expression = try? NSRegularExpression(pattern: pattern) else { continue }
            let range = NSRange(text.startIndex..., in: text)
            for match in expression.matches(in: text, range: range) {
                if let name = Range(match.range(at: 1), in: text) { names.insert(String(text[name])) }
            }
        }
        return names.sorted()
    }
}
