import BlueprintFunctions
import BlueprintModel
import Foundation

/// Blueprint files as `blueprint validate` reads them: the byte checks of a file
/// read from disk, YAML loading with its limits, and validation against the real
/// function catalog (argument types, templates, the phase graph).
enum BlueprintFuzzing {
    static let validator = BlueprintValidator(catalog: BuiltinFunctions.registry.catalog)

    static func run(_ data: Data) {
        let file = "fuzz.yaml"
        guard let text = try? SourceFile.text(Array(data)[...], path: file) else { return }
        let (blueprints, _) = BlueprintLoader.load(text: text, file: file)
        for blueprint in blueprints {
            _ = validator.validate(blueprint, sourceText: text)
        }
    }
}
