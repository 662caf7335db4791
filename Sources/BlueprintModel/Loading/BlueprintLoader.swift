import Foundation

/// Loads blueprint files: YAML with positions, one or more documents per file.
public enum BlueprintLoader {
    /// The blueprints in `text` and every structural problem found.
    /// A document that cannot be read at all yields diagnostics and no blueprint.
    public static func load(text: String, file: String) -> (blueprints: [Blueprint], diagnostics: [Diagnostic]) {
        let (documents, yamlDiagnostics) = YAMLReader.documents(in: text, file: file)
        var diagnostics = yamlDiagnostics
        var blueprints: [Blueprint] = []
        for document in documents {
            if case .null = document { continue }
            if let blueprint = BlueprintDecoder.decode(document, diagnostics: &diagnostics) {
                blueprints.append(blueprint)
            }
        }
        if documents.isEmpty && diagnostics.isEmpty {
            diagnostics.append(.error(at: SourceLocation(file: file, line: 1, column: 1), "the file contains no blueprint"))
        }
        return (blueprints, diagnostics)
    }

    public static func load(file path: String) -> (blueprints: [Blueprint], diagnostics: [Diagnostic]) {
        do {
            let data = try Data(contentsOf: URL(fileURLWithPath: path))
            guard let text = String(data: data, encoding: .utf8) else {
                return ([], [.error(at: SourceLocation(file: path, line: 1, column: 1), "the file is not UTF-8 text")])
            }
            return load(text: text, file: path)
        } catch {
            return ([], [.error(at: SourceLocation(file: path, line: 1, column: 1),
                                "cannot read the file: \(error.localizedDescription)")])
        }
    }

    /// The YAML files under each path (files as given; directories walked
    /// recursively for `*.yaml` / `*.yml`), sorted for stable output.
    public static func blueprintFiles(in paths: [String]) -> (files: [String], missing: [String]) {
        var files: [String] = []
        var missing: [String] = []
        let fm = FileManager.default
        for path in paths {
            var isDirectory: ObjCBool = false
            guard fm.fileExists(atPath: path, isDirectory: &isDirectory) else {
                missing.append(path)
                continue
            }
            if !isDirectory.boolValue {
                files.append(path)
                continue
            }
            var found: [String] = []
            if let enumerator = fm.enumerator(atPath: path) {
                while let relative = enumerator.nextObject() as? String {
                    if relative.hasSuffix(".yaml") || relative.hasSuffix(".yml") {
                        found.append((path as NSString).appendingPathComponent(relative))
                    }
                }
            }
            files += found.sorted()
        }
        return (files, missing)
    }
}
