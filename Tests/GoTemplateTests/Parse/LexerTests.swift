import Testing
@testable import GoTemplate

@Suite struct LexerTests {
    private func kinds(_ text: String) -> [TokenKind] {
        var lexer = Lexer(text)
        var out: [TokenKind] = []
        while true {
            let t = lexer.nextItem()
            out.append(t.kind)
            if t.kind == .eof || t.kind == .error { return out }
        }
    }

    private func values(_ text: String) -> [String] {
        var lexer = Lexer(text)
        var out: [String] = []
        while true {
            let t = lexer.nextItem()
            if t.kind == .eof { return out }
            out.append(t.value)
            if t.kind == .error { return out }
        }
    }

    @Test func actionTokens() {
        #expect(kinds("a{{ .x | f 1 }}b") == [.text, .leftDelim, .space, .field, .space, .pipe, .space, .identifier,
                                             .space, .number, .space, .rightDelim, .text, .eof])
    }

    @Test func fieldChainsAreSeparateTokens() {
        #expect(values("{{.a.b}}") == ["{{", ".a", ".b", "}}"])
    }

    @Test func trimMarkersRemoveSurroundingSpace() {
        #expect(values("a \n {{- 1 -}} \n b") == ["a", "{{", "1", "}}", "b"])
    }

    @Test func hyphenInFieldIsABadCharacter() {
        #expect(values("{{ .foo-bar }}").last == "bad character U+002D '-'")
    }

    @Test func numbersAndQuotes() {
        #expect(kinds("{{ 0x1F 1_000 1e6 'a' `raw` \"s\" 1+2i }}").filter { $0 != .space }
                == [.leftDelim, .number, .number, .number, .charConstant, .rawString, .string, .complex, .rightDelim, .eof])
    }

    @Test func unterminatedConstructsAreErrors() {
        #expect(values("{{ \"abc }}").last == "unterminated quoted string")
        #expect(values("{{ 'a }}").last == "unterminated character constant")
        #expect(values("{{/* x }}").last == "unclosed comment")
        #expect(values("{{ .a").last == "unclosed action")
    }

    @Test func commentsAreSkipped() {
        #expect(values("a{{/* c */}}b") == ["a", "b"])
    }
}
