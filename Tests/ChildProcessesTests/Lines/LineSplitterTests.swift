import ChildProcesses
import NIOCore
import Testing

@Suite struct LineSplitterTests {
    private func split(_ chunks: [String], cap: Int = LineSplitter.defaultMaximumLength) -> [LineSplitter.Line] {
        var splitter = LineSplitter(maximumLength: cap)
        var lines: [LineSplitter.Line] = []
        for chunk in chunks { splitter.feed(ByteBuffer(string: chunk)) { lines.append($0) } }
        splitter.finish { lines.append($0) }
        return lines
    }

    @Test func aLineSplitAcrossReadsArrivesWhole() {
        let lines = split(["###Phase-out", "put###: {\"key\":\"a\",", "\"value\":\"b\"}\nnext"])
        #expect(lines.map(\.text) == [#"###Phase-output###: {"key":"a","value":"b"}"#, "next"])
    }

    @Test func crlfLosesItsCarriageReturnButALoneOneStays() {
        let lines = split(["one\r\ntwo\rstill two\n", "\r\n"])
        #expect(lines.map(\.text) == ["one", "two\rstill two", ""])
    }

    @Test func aCarriageReturnAndItsNewlineInDifferentReadsStillEndTheLine() {
        #expect(split(["x\r", "\ny"]).map(\.text) == ["x", "y"])
    }

    @Test func emptyLinesAreLinesAndNoTrailingNewlineMeansALastLine() {
        #expect(split(["\n\na"]).map(\.text) == ["", "", "a"])
        #expect(split(["a\n"]).map(\.text) == ["a"])
        #expect(split([]).isEmpty)
    }

    @Test func a100KiBLineIsKeptWhole() {
        let long = String(repeating: "x", count: 100 << 10)
        let lines = split([long.prefix(70_000) + "", long.dropFirst(70_000) + "\n"])
        #expect(lines.count == 1)
        #expect(lines[0].text.utf8.count == 100 << 10)
        #expect(!lines[0].truncated)
    }

    @Test func aLineOverTheCapKeepsItsStartAndIsMarked() {
        let lines = split([String(repeating: "a", count: 10), String(repeating: "b", count: 10) + "\nafter\n"], cap: 16)
        #expect(lines.count == 2)
        #expect(lines[0].text == String(repeating: "a", count: 10) + String(repeating: "b", count: 6))
        #expect(lines[0].truncated)
        #expect(lines[0].length == 20)
        #expect(lines[1] == LineSplitter.Line(text: "after", truncated: false, length: 5))
    }

    @Test func manyMegabytesWithoutANewlineStayWithinTheCap() {
        // Linear: each read is scanned once (the old splitter rescanned all pending
        // bytes per read and took seconds on 5 MB). Memory: only the cap is kept.
        var splitter = LineSplitter(maximumLength: 1 << 20)
        let chunk = ByteBuffer(repeating: UInt8(ascii: "z"), count: 64 << 10)
        var lines: [LineSplitter.Line] = []
        for _ in 0..<160 { splitter.feed(chunk) { lines.append($0) } }
        splitter.finish { lines.append($0) }
        #expect(lines.count == 1)
        #expect(lines[0].text.utf8.count == 1 << 20)
        #expect(lines[0].length == 160 * (64 << 10))
    }

    @Test func invalidUTF8BecomesReplacementCharacters() {
        var splitter = LineSplitter()
        var lines: [String] = []
        splitter.feed(ByteBuffer(bytes: [0x61, 0xFF, 0x62, 0x0A])) { lines.append($0.text) }
        #expect(lines == ["a\u{FFFD}b"])
    }
}
