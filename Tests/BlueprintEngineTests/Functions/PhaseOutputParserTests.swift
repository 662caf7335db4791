import BlueprintEngine
import Testing

@Suite struct PhaseOutputParserTests {
    @Test func findsKandoOutputLinesAnywhereInALine() {
        var parser = PhaseOutputParser()
        parser.consume(line: #"###Phase-output###: {"key":"path","value":"/a"}"#)
        parser.consume(line: #"2024-01-01 INFO ###Phase-output###: {"key":"size","value":"12"}"#)
        #expect(parser.outputs == ["path": .string("/a"), "size": .string("12")])
    }

    @Test func laterKeysOverwriteEarlierOnes() {
        var parser = PhaseOutputParser()
        parser.consume(line: #"###Phase-output###: {"key":"k","value":"first"}"#)
        parser.consume(line: #"###Phase-output###: {"key":"k","value":"second"}"#)
        #expect(parser.outputs == ["k": .string("second")])
    }

    @Test func keysMustBeAlphanumericOrUnderscore() {
        var parser = PhaseOutputParser()
        parser.consume(line: #"###Phase-output###: {"key":"bad-key","value":"x"}"#)
        parser.consume(line: #"###Phase-output###: {"key":"good_key_1","value":"y"}"#)
        parser.consume(line: #"###Phase-output###: not json"#)
        parser.consume(line: "plain output")
        #expect(parser.outputs == ["good_key_1": .string("y")])
    }

    @Test func nonStringValuesAreKept() {
        var parser = PhaseOutputParser()
        parser.consume(line: #"###Phase-output###: {"key":"n","value":5}"#)
        #expect(parser.outputs == ["n": .int(5)])
    }
}
