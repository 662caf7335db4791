/// Finds parameter references in template text without a full parse: enough to
/// check the names blueprints most often get wrong (phases and artifacts).
enum TemplateReferences {
    /// Names in `.Phases.NAME` and `index .Phases "NAME"` references.
    static func phaseNames(in text: String) -> [String] {
        guard text.contains(".Phases") else { return [] }
        return dottedNames(after: ".Phases.", in: text) + indexedNames(after: ".Phases", in: text)
    }

    /// Names in `.ArtifactsIn.NAME` and `index .ArtifactsIn "NAME"` references.
    static func artifactNames(in text: String) -> [String] {
        guard text.contains(".ArtifactsIn") else { return [] }
        return dottedNames(after: ".ArtifactsIn.", in: text) + indexedNames(after: ".ArtifactsIn", in: text)
    }

    private static func dottedNames(after marker: String, in text: String) -> [String] {
        var names: [String] = []
        var rest = Substring(text)
        while let range = rest.range(of: marker) {
            let name = rest[range.upperBound...].prefix { $0.isLetter || $0.isNumber || $0 == "_" }
            if !name.isEmpty { names.append(String(name)) }
            rest = rest[range.upperBound...]
        }
        return names
    }

    private static func indexedNames(after marker: String, in text: String) -> [String] {
        var names: [String] = []
        var rest = Substring(text)
        while let range = rest.range(of: "index " + marker) {
            var after = rest[range.upperBound...]
            guard after.first == " " else { rest = after; continue }
            after = after.drop { $0 == " " }
            if after.first == "\"" {
                let name = after.dropFirst().prefix { $0 != "\"" }
                if !name.isEmpty { names.append(String(name)) }
            }
            rest = after
        }
        return names
    }
}
