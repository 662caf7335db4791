import NIOCore
import Testing
@testable import KubeClient

@Suite struct StderrFilterTests {
    func feed(_ filter: inout StderrFilter, _ chunks: [String]) -> String {
        chunks.compactMap { filter.consume(ByteBuffer(string: $0)) }.map { String(buffer: $0) }.joined()
    }

    @Test func pidLineIsRemovedEvenWhenSplitAcrossFrames() {
        var filter = StderrFilter(expectMarker: true, tailLimit: 100)
        let passed = feed(&filter, ["@@kubeclient-", "exec-pid 4242\nwarn", "ing\n"])
        #expect(filter.pid == 4242)
        #expect(passed == "warning\n")
        #expect(filter.total == "warning\n".utf8.count)
    }

    @Test func stderrWithoutMarkerPassesUntouched() {
        var filter = StderrFilter(expectMarker: true, tailLimit: 100)
        #expect(feed(&filter, ["sh: exec: nope: not found\n"]) == "sh: exec: nope: not found\n")
        #expect(filter.pid == nil)
    }

    @Test func noMarkerExpectedMeansNoParsing() {
        var filter = StderrFilter(expectMarker: false, tailLimit: 100)
        #expect(feed(&filter, ["@@kubeclient-exec-pid 1\n"]) == "@@kubeclient-exec-pid 1\n")
    }

    @Test func tailKeepsTheLastBytes() {
        var filter = StderrFilter(expectMarker: false, tailLimit: 4)
        _ = feed(&filter, ["abcdef", "ghij", "klmnop"])
        #expect(filter.tailText == "mnop")
        #expect(filter.total == 16)
    }
}
