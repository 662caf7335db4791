import Foundation

/// Validates blueprint files and folders: loading, structure and semantics,
/// collecting every problem of every file.
public struct ValidationReport: Sendable, Codable {
    public var files: [String]
    public var diagnostics: [Diagnostic]

    public var errorCount: Int { diagnostics.filter { $0.severity == .error }.count }
    public var warningCount: Int { diagnostics.filter { $0.severity == .warning }.count }

    public static func validate(paths: [String], catalog: [String: FunctionDeclaration]) -> ValidationReport {
        let (files, missing) = BlueprintLoader.blueprintFiles(in: paths)
        var diagnostics = missing.map {
            Diagnostic.error(at: SourceLocation(file: $0, line: 0, column: 0), "no such file or directory")
        }
        let validator = BlueprintValidator(catalog: catalog)
        for file in files {
            diagnostics += validate(file: file, validator: validator)
        }
        return ValidationReport(files: files, diagnostics: diagnostics)
    }

    /// The diagnostics of one file, in source order.
    public static func validate(file: String, validator: BlueprintValidator) -> [Diagnostic] {
        let text: String
        do {
            text = try SourceFile.read(file)
        } catch {
            return [error.diagnostic]
        }
        let (blueprints, loadDiagnostics) = BlueprintLoader.load(text: text, file: file)
        var diagnostics = loadDiagnostics
        for blueprint in blueprints {
            diagnostics += validator.validate(blueprint, sourceText: text)
        }
        return diagnostics.sorted { $0.location < $1.location }
    }

    public static func validate(text: String, file: String, catalog: [String: FunctionDeclaration]) -> [Diagnostic] {
        let (blueprints, loadDiagnostics) = BlueprintLoader.load(text: text, file: file)
        let validator = BlueprintValidator(catalog: catalog)
        return (loadDiagnostics + blueprints.flatMap { validator.validate($0, sourceText: text) }).sorted { $0.location < $1.location }
    }
}
