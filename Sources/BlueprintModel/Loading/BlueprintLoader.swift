import Foundation

/// Loads blueprint files: YAML with positions, one or more documents per file.
public enum BlueprintLoader {
    /// The blueprints in `text` and every structural problem found.
    /// A document that cannot be read at all yields diagnostics and no blueprint.
    public static func load(text: String, file: String, limits: YAMLLimits = .default)
        -> (blueprints: [Blueprint], diagnostics: [Diagnostic]) {
        let (documents, yamlDiagnostics) = YAMLReader.documents(in: text, file: file, limits: limits)
        var diagnostics = yamlDiagnostics
        var blueprints: [Blueprint] = []
        var otherKinds: [SourceValue.Scalar] = []
        var sawBlueprintDocument = false
        for document in documents {
            if case .null = document { continue }
            // A Kubernetes object of another kind (a ConfigMap beside the blueprint,
            // an ActionSet given by mistake) is named once, not decoded field by field.
            if case .scalar(let kind)? = document["kind"], kind.text != Blueprint.kind, document["actions"] == nil {
                otherKinds.append(kind)
                continue
            }
            sawBlueprintDocument = true
            if let blueprint = BlueprintDecoder.decode(document, diagnostics: &diagnostics) {
                blueprints.append(blueprint)
            }
        }
        let hint = "a blueprint is a YAML document with `apiVersion: \(Blueprint.apiVersion)` and `kind: \(Blueprint.kind)`"
        if !sawBlueprintDocument, let first = otherKinds.first {
            let kinds = otherKinds.map { "`\($0.text)`" }.joined(separator: ", ")
            diagnostics.append(.error(at: first.location, "the file contains no blueprint, only \(kinds)",
                                      hint: hint + "; pass the blueprint's file instead"))
        } else {
            for kind in otherKinds {
                diagnostics.append(.error(at: kind.location, "kind \"\(kind.text)\" is not a Blueprint",
                                          hint: "keep other Kubernetes objects out of blueprint files"))
            }
        }
        if !sawBlueprintDocument && otherKinds.isEmpty && !diagnostics.hasErrors {
            diagnostics.append(.error(at: SourceLocation(file: file, line: 1, column: 1), "the file contains no blueprint",
                                      hint: hint))
        }
        return (blueprints, diagnostics)
    }

    /// Loads a blueprint file; reading problems (a directory, a FIFO, a file too
    /// large or not UTF-8) come back as diagnostics like any other.
    public static func load(file path: String, limits: YAMLLimits = .default)
        -> (blueprints: [Blueprint], diagnostics: [Diagnostic]) {
        do {
            return load(text: try SourceFile.read(path, limits: limits), file: path, limits: limits)
        } catch {
            return ([], [error.diagnostic])
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
