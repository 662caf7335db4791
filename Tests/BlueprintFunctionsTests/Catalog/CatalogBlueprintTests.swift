import BlueprintFunctions
import BlueprintModel
import Foundation
import Testing

/// The catalog in blueprints/: every entry validates cleanly against the real
/// function declarations and explains itself in a header comment.
struct CatalogBlueprintTests {
    static let directory = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().appendingPathComponent("../../../blueprints").standardized
    static let expected = ["mongodb.yaml", "mysql.yaml", "notify-webhook.yaml", "postgresql.yaml", "redis.yaml"]

    @Test func catalogHasTheDocumentedEntries() throws {
        let files = try FileManager.default.contentsOfDirectory(atPath: Self.directory.path).filter { $0.hasSuffix(".yaml") }
        #expect(Set(Self.expected).isSubset(of: Set(files)))
    }

    @Test(arguments: expected)
    func blueprintValidatesWithoutDiagnostics(_ name: String) {
        let path = Self.directory.appendingPathComponent(name).path
        let validator = BlueprintValidator(catalog: BuiltinFunctions.registry.catalog)
        let diagnostics = ValidationReport.validate(file: path, validator: validator)
        #expect(diagnostics.isEmpty, "\(name):\n\(diagnostics.map(\.description).joined(separator: "\n"))")
    }

    @Test(arguments: expected)
    func blueprintStartsWithAHeaderComment(_ name: String) throws {
        let text = try String(contentsOf: Self.directory.appendingPathComponent(name), encoding: .utf8)
        let header = text.split(separator: "\n").prefix { $0.hasPrefix("#") }
        #expect(header.count >= 5, "\(name) needs a header comment saying what it does and its options")
    }

    /// `blueprint catalog` lists the options the templates read; the header must
    /// explain each one, so the listing never names an undocumented option.
    @Test func everyOptionATemplateReadsIsDocumentedInTheHeader() {
        let (entries, diagnostics) = BlueprintCatalog.load(directory: Self.directory.path)
        #expect(!diagnostics.hasErrors)
        #expect(entries.count >= Self.expected.count)
        for entry in entries {
            for option in entry.options {
                let word = try? NSRegularExpression(pattern: "\\b\(NSRegularExpression.escapedPattern(for: option))\\b")
                let found = word?.firstMatch(in: entry.description, range: NSRange(entry.description.startIndex..., in: entry.description))
                #expect(found != nil, "\(entry.name): option `\(option)` is read but not documented")
            }
        }
    }

    @Test func mongodbEntrySaysItIsUntestedHere() throws {
        let text = try String(contentsOf: Self.directory.appendingPathComponent("mongodb.yaml"), encoding: .utf8)
        #expect(text.contains("UNTESTED HERE"))
    }
}
