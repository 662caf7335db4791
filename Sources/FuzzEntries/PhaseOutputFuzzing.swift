import BlueprintEngine
import ChildProcesses
import Foundation
import NIOCore

/// Command output as a phase's command could print it: cut into lines by
/// ``LineSplitter`` in reads of varying sizes, checked against a plain split of
/// the whole input, and read for `###Phase-output###` lines by
/// ``PhaseOutputParser``, whose outputs then go where the engine sends them
/// (templates, the journal's JSON).
///
/// The first input byte sets the line cap (small, so long lines are cut) and
/// seeds the read sizes; the rest is the output.
enum PhaseOutputFuzzing {
    static func run(_ data: Data) {
        let bytes = Array(data)
        guard let header = bytes.first else { return }
        let cap = 8 + Int(header) * 4
        let output = bytes[1...]
        var splitter = LineSplitter(maximumLength: cap)
        var lines: [LineSplitter.Line] = []
        var state = UInt32(header) | 1
        var start = output.startIndex
        while start < output.endIndex {
            // A small xorshift: read sizes from 1 to 64 bytes, the same for the same input.
            state ^= state << 13; state ^= state >> 17; state ^= state << 5
            let end = min(start + 1 + Int(state % 64), output.endIndex)
            splitter.feed(ByteBuffer(bytes: output[start..<end])) { lines.append($0) }
            start = end
        }
        splitter.finish { lines.append($0) }
        let expected = reference(output, cap: cap)
        precondition(lines == expected, "LineSplitter disagrees with a plain split of the output")

        var parser = PhaseOutputParser()
        for line in lines { parser.consume(line) }
        for (_, value) in parser.outputs {
            _ = value.templateValue
            _ = value.description
        }
        _ = try? JSONEncoder().encode(parser.outputs)
    }

    /// The lines as ``LineSplitter`` documents them, from the whole output at once.
    static func reference(_ output: ArraySlice<UInt8>, cap: Int) -> [LineSplitter.Line] {
        var segments = output.split(separator: UInt8(ascii: "\n"), omittingEmptySubsequences: false)
        if segments.last?.isEmpty == true { segments.removeLast() }
        return segments.map { segment in
            let truncated = segment.count > cap
            var kept = segment.prefix(cap)
            if !truncated, kept.last == UInt8(ascii: "\r") { kept = kept.dropLast() }
            return LineSplitter.Line(text: String(decoding: kept, as: UTF8.self), truncated: truncated, length: segment.count)
        }
    }
}
