@testable import BlueprintModel
import Foundation
import Testing

/// Every YAML limit refuses at its edge with a message that names the limit, at
/// the position where it is crossed, and accepts the input just inside it.
@Suite struct YAMLLimitsTests {
    /// The classic "billion laughs": 510 bytes, nine anchors each used nine times
    /// by the next, 9^9 "lol"s once expanded.
    static let billionLaughs = """
        a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]
        b: &b [*a,*a,*a,*a,*a,*a,*a,*a,*a]
        c: &c [*b,*b,*b,*b,*b,*b,*b,*b,*b]
        d: &d [*c,*c,*c,*c,*c,*c,*c,*c,*c]
        e: &e [*d,*d,*d,*d,*d,*d,*d,*d,*d]
        f: &f [*e,*e,*e,*e,*e,*e,*e,*e,*e]
        g: &g [*f,*f,*f,*f,*f,*f,*f,*f,*f]
        h: &h [*g,*g,*g,*g,*g,*g,*g,*g,*g]
        i: &i [*h,*h,*h,*h,*h,*h,*h,*h,*h]

        """

    @Test func billionLaughsIsRefusedWithinBoundedMemory() throws {
        let before = try #require(ProcessMemory.peakResidentBytes())
        let (documents, diagnostics) = YAMLReader.documents(in: Self.billionLaughs, file: "lol.yaml")
        let after = try #require(ProcessMemory.peakResidentBytes())
        #expect(documents.isEmpty)
        // Anchors a–e expand to 8,298 alias uses; f uses *e (7,381 each) twice
        // before its own list crosses 10,000. The list starts at its anchor, 6:4.
        #expect(diagnostics.map(\.description) == [
            "lol.yaml:6:4: error: YAML aliases expand more than 10000 times (the limit); here `*e` crosses it\n"
                + "    hint: write the values out, or use fewer aliases of aliases; this is how a \"billion laughs\" file is refused",
        ])
        #expect(after - before < 100 << 20, "peak RSS grew by \(after - before) bytes")
    }

    @Test func billionLaughsInABlueprintFileIsRefusedByTheLoader() {
        let (blueprints, diagnostics) = BlueprintLoader.load(text: Self.billionLaughs, file: "lol.yaml")
        #expect(blueprints.isEmpty)
        #expect(diagnostics.count == 1)
        #expect(diagnostics.first?.message.contains("aliases expand more than 10000 times") == true)
    }

    @Test func aliasUsedAsAKeyIsRefusedBeforeYamsHashesIt() {
        let text = Self.billionLaughs + "? *i\n: boom\n"
        let (documents, diagnostics) = YAMLReader.documents(in: text, file: "key.yaml")
        #expect(documents.isEmpty)
        #expect(diagnostics.map(\.location) == [SourceLocation(file: "key.yaml", line: 10, column: 1)])
        #expect(diagnostics.first?.message == "an alias or a list/map is used as a mapping key in a document that uses aliases")
    }

    @Test func aliasAsAnImplicitKeyIsRefusedAtTheAlias() {
        let text = Self.billionLaughs + "list:\n  - *i : boom\n"
        let (_, diagnostics) = YAMLReader.documents(in: text, file: "key.yaml")
        #expect(diagnostics.map(\.location) == [SourceLocation(file: "key.yaml", line: 11, column: 5)])
    }

    @Test func flowListAsAKeyIsRefusedAtItsClosingBracket() {
        let text = Self.billionLaughs + "[*i, *i]: boom\n"
        let (_, diagnostics) = YAMLReader.documents(in: text, file: "key.yaml")
        #expect(diagnostics.map(\.location) == [SourceLocation(file: "key.yaml", line: 10, column: 8)])
    }

    @Test func aliasesInQuotesCommentsAndBlockScalarsAreNotKeys() {
        let text = """
            base: &base {image: busybox}
            copy: *base
            quoted: "*base : not a key"
            # *base : a comment
            script: |
              *base : shell text
              ? also text
            list: [a, b]

            """
        let (documents, diagnostics) = YAMLReader.documents(in: text, file: "ok.yaml")
        #expect(diagnostics.isEmpty, "\(diagnostics)")
        #expect(documents.count == 1)
    }

    static func nestedFlowLists(_ depth: Int) -> String {
        String(repeating: "[", count: depth) + String(repeating: "]", count: depth) + "\n"
    }

    @Test func nestingAtTheLimitIsAccepted() {
        let (documents, diagnostics) = YAMLReader.documents(in: Self.nestedFlowLists(100), file: "deep.yaml")
        #expect(diagnostics.isEmpty, "\(diagnostics)")
        #expect(documents.count == 1)
    }

    @Test func nestingOneBeyondTheLimitIsRefusedAtTheDeepestList() {
        let (documents, diagnostics) = YAMLReader.documents(in: Self.nestedFlowLists(101), file: "deep.yaml")
        #expect(documents.isEmpty)
        #expect(diagnostics.map(\.description) == [
            "deep.yaml:1:101: error: lists and maps are nested more than 100 levels deep (the limit), counting expanded aliases\n"
                + "    hint: flatten the structure; blueprints need about 15 levels",
        ])
    }

    @Test func blockMapsNestedBeyondTheLimitAreRefusedAtTheDeepestMap() {
        // Line k holds a key indented k-1 spaces: the map on line k is k levels deep.
        var text = ""
        for k in 0..<101 { text += String(repeating: " ", count: k) + (k == 100 ? "a: x\n" : "a:\n") }
        let (_, diagnostics) = YAMLReader.documents(in: text, file: "deep.yaml")
        #expect(diagnostics.map(\.location) == [SourceLocation(file: "deep.yaml", line: 101, column: 101)])
    }

    @Test func libyamlsOwnNestingCapIsReportedInOurTermsWithoutItsInternals() {
        let (documents, diagnostics) = YAMLReader.documents(in: Self.nestedFlowLists(5000), file: "deep.yaml")
        #expect(documents.isEmpty)
        #expect(diagnostics.count == 1)
        let message = diagnostics.first?.description ?? ""
        #expect(message.contains("nested more than 100 levels deep (the limit)"))
        #expect(!message.contains("yaml_set_max_nest_level"))
        #expect(diagnostics.first?.location.line == 1)
    }

    @Test func nestingAddedByAnAliasCountsAtItsUse() {
        // 60 levels behind the anchor, used 50 levels deep: 110 once expanded.
        let text = "a: &a " + Self.nestedFlowLists(60) + "b: " + String(repeating: "[", count: 49) + "*a"
            + String(repeating: "]", count: 49) + "\n"
        let (_, diagnostics) = YAMLReader.documents(in: text, file: "deep.yaml")
        // Reported at the innermost list holding the alias: line 2, after "b: " and 48 brackets.
        #expect(diagnostics.map(\.location) == [SourceLocation(file: "deep.yaml", line: 2, column: 52)])
        #expect(diagnostics.first?.message.contains("more than 100 levels") == true)
    }

    static let small = YAMLLimits(maxBytes: 64, maxDepth: 100, maxAliasExpansions: 3, maxNodes: 10, maxExpandedBytes: 12)

    @Test func nodesAtTheLimitAreAcceptedAndOneMoreIsRefused() {
        // A list of nine scalars is ten nodes.
        let accepted = YAMLReader.documents(in: "[1,2,3,4,5,6,7,8,9]\n", file: "n.yaml", limits: Self.small)
        #expect(accepted.diagnostics.isEmpty, "\(accepted.diagnostics)")
        let refused = YAMLReader.documents(in: "[1,2,3,4,5,6,7,8,9,0]\n", file: "n.yaml", limits: Self.small)
        #expect(refused.diagnostics.map(\.description) == [
            "n.yaml:1:1: error: the YAML expands to more than 10 values (the limit), counting each use of an alias in full\n"
                + "    hint: write the values out, or use fewer aliases of aliases; this is how a \"billion laughs\" file is refused",
        ])
    }

    @Test func aliasUsesAtTheLimitAreAcceptedAndOneMoreIsRefused() {
        let accepted = YAMLReader.documents(in: "- &a x\n- [*a, *a, *a]\n", file: "a.yaml", limits: Self.small)
        #expect(accepted.diagnostics.isEmpty, "\(accepted.diagnostics)")
        #expect(accepted.documents.first?.items?[1].items?.map(\.string) == ["x", "x", "x"])
        let refused = YAMLReader.documents(in: "- &a x\n- [*a, *a, *a, *a]\n", file: "a.yaml", limits: Self.small)
        #expect(refused.diagnostics.map(\.location) == [SourceLocation(file: "a.yaml", line: 2, column: 3)])
        #expect(refused.diagnostics.first?.message == "YAML aliases expand more than 3 times (the limit); here `*a` crosses it")
    }

    @Test func expandedTextAtTheLimitIsAcceptedAndOneByteMoreIsRefused() {
        // "abcd" three times is 12 bytes.
        let accepted = YAMLReader.documents(in: "- &a abcd\n- *a\n- *a\n", file: "b.yaml", limits: Self.small)
        #expect(accepted.diagnostics.isEmpty, "\(accepted.diagnostics)")
        let refused = YAMLReader.documents(in: "- &a abcde\n- *a\n- *a\n", file: "b.yaml", limits: Self.small)
        #expect(refused.diagnostics.first?.message.contains("text expands to more than 12 bytes (the limit)") == true)
    }

    @Test func sizeAtTheLimitIsAcceptedAndOneByteMoreIsRefusedWhereItGoesOver() {
        var limits = YAMLLimits.default
        limits.maxBytes = 64
        let atLimit = "k: " + String(repeating: "v", count: 61)
        #expect(atLimit.utf8.count == 64)
        #expect(YAMLReader.documents(in: atLimit, file: "s.yaml", limits: limits).diagnostics.isEmpty)
        let over = YAMLReader.documents(in: atLimit + "\n", file: "s.yaml", limits: limits)
        #expect(over.diagnostics.map(\.description) == [
            "s.yaml:1:65: error: the YAML is larger than the limit of 64 bytes; it goes on past here\n"
                + "    hint: blueprints are rarely over 100 KiB; split the file, or move large data out of it (into a ConfigMap or the object store)",
        ])
    }

    @Test func theDefaultLimitsAreThoseDocumented() {
        #expect(YAMLLimits.default == YAMLLimits(maxBytes: 4 << 20, maxDepth: 100, maxAliasExpansions: 10_000,
                                                 maxNodes: 200_000, maxExpandedBytes: 16 << 20))
    }
}

/// The entry point for YAML files other than blueprints (an `--app-file`).
@Suite struct YAMLFileReadingTests {
    @Test func aFileOfAnyKindIsReadWithinTheSameLimits() throws {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("app-\(UUID().uuidString).yaml").path
        try YAMLLimitsTests.billionLaughs.write(toFile: path, atomically: true, encoding: .utf8)
        defer { try? FileManager.default.removeItem(atPath: path) }
        let (documents, diagnostics) = YAMLReader.documents(inFile: path)
        #expect(documents.isEmpty)
        #expect(diagnostics.map(\.location) == [SourceLocation(file: path, line: 6, column: 4)])
    }

    @Test func plainValuesAreWhatYamsLoadGives() throws {
        let (documents, _) = YAMLReader.documents(in: "kind: StatefulSet\nreplicas: 3\nratio: 0.5\nready: true\nnone: ~\npods: [a, b]\n", file: "app.yaml")
        let map = try #require(documents.first?.plainValue as? [String: Any])
        #expect(map["kind"] as? String == "StatefulSet")
        #expect(map["replicas"] as? Int == 3)
        #expect(map["ratio"] as? Double == 0.5)
        #expect(map["ready"] as? Bool == true)
        #expect(map.keys.contains("none"))
        #expect(map["pods"] as? [Any] as? [String] == ["a", "b"])
    }
}
