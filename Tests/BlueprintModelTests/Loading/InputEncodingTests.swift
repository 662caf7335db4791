import BlueprintModel
import Foundation
import Testing

/// Encoding problems are reported where they are — line, column and byte
/// offset — and nothing from the input reaches a message unescaped.
@Suite struct InputEncodingTests {
    static func temporaryFile(_ bytes: [UInt8]) throws -> String {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("enc-\(UUID().uuidString).yaml").path
        try Data(bytes).write(to: URL(fileURLWithPath: path))
        return path
    }

    @Test func invalidUTF8IsReportedAtItsLineColumnAndByteOffset() throws {
        // "a: 1\n" and "b: 2\n" are bytes 0–9; on line 3, "c: caf" is bytes 10–15
        // (columns 1–6), so the Latin-1 é (0xE9) is byte 16, column 7.
        let path = try Self.temporaryFile(Array("a: 1\nb: 2\nc: caf".utf8) + [0xE9] + Array("\n".utf8))
        defer { try? FileManager.default.removeItem(atPath: path) }
        let (blueprints, diagnostics) = BlueprintLoader.load(file: path)
        #expect(blueprints.isEmpty)
        #expect(diagnostics.map(\.description) == [
            "\(path):3:7: error: the file is not UTF-8 text: invalid byte sequence 0xE9 at byte offset 16\n"
                + "    hint: save the file as UTF-8 (e.g. `iconv -f latin1 -t utf-8`), or remove the bytes at that offset",
        ])
    }

    @Test func aTruncatedMultibyteCharacterIsReportedAtItsFirstByte() throws {
        // "x: " then the first two bytes of "€" (E2 82 AC) and a newline: column 4, offset 3.
        let path = try Self.temporaryFile(Array("x: ".utf8) + [0xE2, 0x82] + Array("\n".utf8))
        defer { try? FileManager.default.removeItem(atPath: path) }
        let diagnostics = BlueprintLoader.load(file: path).diagnostics
        #expect(diagnostics.map(\.location) == [SourceLocation(file: path, line: 1, column: 4)])
        #expect(diagnostics.first?.message.contains("invalid byte sequence 0xE2 0x82 at byte offset 3") == true)
    }

    @Test func columnsAfterMultibyteCharactersCountCharacters() throws {
        // "é" is two bytes but one column: the 0xFF after "k: é" is column 5, byte 5.
        let path = try Self.temporaryFile(Array("k: é".utf8) + [0xFF])
        defer { try? FileManager.default.removeItem(atPath: path) }
        let diagnostics = BlueprintLoader.load(file: path).diagnostics
        #expect(diagnostics.map(\.location) == [SourceLocation(file: path, line: 1, column: 5)])
        #expect(diagnostics.first?.message.contains("byte offset 5") == true)
    }

    static let nineLines = """
        apiVersion: cr.kanister.io/v1alpha1
        kind: Blueprint
        metadata:
          name: demo
        actions:
          backup:
            phases:
            - func: Exec
              name: r\u{0}n

        """

    @Test func aNulByteOnLineNineIsReportedOnLineNine() {
        let (blueprints, diagnostics) = BlueprintLoader.load(text: Self.nineLines, file: "nul.yaml")
        #expect(blueprints.isEmpty)
        // Line 9 is "      name: r" + NUL: six spaces, "name:" (7–11), a space, "r" (13), NUL at 14.
        // Its byte offset: lines 1–8 are 36+16+10+13+9+10+12+17 = 123 bytes, plus 13.
        #expect(diagnostics.map(\.description) == [
            "nul.yaml:9:14: error: control character U+0000 (NUL) is not allowed in YAML (byte offset 136)\n"
                + "    hint: remove it; to put a control character in a value, write an escape in a double-quoted string, e.g. \"\\e\" or \"\\u001b\"",
        ])
    }

    @Test func aRawEscapeCharacterIsRefusedWithoutBeingEchoed() {
        let text = "apiVersion: cr.kanister.io/v1alpha1\nkind: \u{1B}[2JBlueprint\n"
        let diagnostics = BlueprintLoader.load(text: text, file: "esc.yaml").diagnostics
        #expect(diagnostics.map(\.location) == [SourceLocation(file: "esc.yaml", line: 2, column: 7)])
        #expect(diagnostics.first?.message.contains("U+001B (ESC)") == true)
        #expect(!diagnostics.contains { $0.description.unicodeScalars.contains { $0.value == 0x1B } })
    }

    @Test func escapeSequencesWrittenAsYAMLEscapesAreShownEscaped() {
        // A double-quoted "\e" is legal YAML and becomes a real ESC in the key.
        let text = "apiVersion: cr.kanister.io/v1alpha1\nkind: Blueprint\nmetadata: {name: x}\nactions: {}\n\"evil\\e[2J\": 1\n"
        let diagnostics = BlueprintLoader.load(text: text, file: "esc.yaml").diagnostics
        let unknown = diagnostics.first { $0.message.contains("unknown field") }
        #expect(unknown?.message == "unknown field `evil\\u{1B}[2J` in the blueprint")
        #expect(!diagnostics.contains { $0.description.unicodeScalars.contains { $0.value == 0x1B } })
    }

    @Test func displayTextEscapesControlsAndBidiOverridesButKeepsOrdinaryText() {
        #expect(DisplayText.escaped("plain café ✓") == "plain café ✓")
        #expect(DisplayText.escaped("a\u{1B}[31mb\u{7}") == "a\\u{1B}[31mb\\u{7}")
        #expect(DisplayText.escaped("x\u{202E}y") == "x\\u{202E}y")
        #expect(DisplayText.escaped("line\nnext") == "line\\u{A}next")
        #expect(DisplayText.escaped("line\nnext", keepingLayout: true) == "line\nnext")
    }
}
