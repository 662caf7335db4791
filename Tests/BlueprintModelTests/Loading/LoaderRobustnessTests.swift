import BlueprintModel
import Testing

/// Damaged blueprints — cut short anywhere, or with a YAML indicator or a
/// forbidden character dropped in anywhere — load without a crash, and every
/// problem found points inside the text. A deterministic cousin of the fuzzer.
@Suite struct LoaderRobustnessTests {
    static let source = Array(BlueprintLoaderTests.text.unicodeScalars)

    static func check(_ text: String, _ what: String) {
        let (blueprints, diagnostics) = BlueprintLoader.load(text: text, file: "m.yaml")
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false).count
        #expect(!blueprints.isEmpty || diagnostics.hasErrors, "\(what): neither a blueprint nor an error")
        for diagnostic in diagnostics {
            #expect(diagnostic.location.line >= 1 && diagnostic.location.line <= lines + 1, "\(what): \(diagnostic)")
            #expect(diagnostic.location.column >= 1, "\(what): \(diagnostic)")
        }
    }

    @Test func everyTruncationLoadsWithoutACrash() {
        for length in 0..<Self.source.count {
            var text = ""
            text.unicodeScalars.append(contentsOf: Self.source[..<length])
            Self.check(text, "cut at \(length)")
        }
    }

    @Test(arguments: ["*", "&", "? ", "[", "{", "|", "\"", "'", "\t", "\u{0}", "\u{1B}", "*a: ", "- ", ": "])
    func anIndicatorInsertedAnywhereLoadsWithoutACrash(_ insertion: String) {
        for offset in stride(from: 0, through: Self.source.count, by: 5) {
            var text = ""
            text.unicodeScalars.append(contentsOf: Self.source[..<offset])
            text += insertion
            text.unicodeScalars.append(contentsOf: Self.source[offset...])
            Self.check(text, "\(insertion.debugDescription) at \(offset)")
        }
    }
}
