import BlueprintModel

extension LocalTarget {
    /// The app file's document, read like a blueprint through ``YAMLReader``:
    /// regular files only, and ``YAMLLimits`` on size, nesting and alias
    /// expansion, so a "billion laughs" app file is refused before it is
    /// expanded; errors give file:line:col and a hint.
    static func readAppFile(_ path: String) throws(LoadError) -> [String: ArgumentValue] {
        let (documents, diagnostics) = YAMLReader.documents(inFile: path)
        let errors = diagnostics.filter { $0.severity == .error }
        if !errors.isEmpty { throw .invalid(path, errors.map(\.description).joined(separator: "\n")) }
        guard documents.count <= 1, let document = documents.first?.plainValue,
              case .map(let map) = convert(document) else {
            throw .invalid(path, "expected one map describing the target object (kind, metadata, …)")
        }
        return map
    }
}
