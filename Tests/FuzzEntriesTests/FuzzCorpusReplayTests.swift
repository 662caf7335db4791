import Foundation
import FuzzEntries
import Testing

/// CI does not build the libFuzzer executables (they need `-sanitize=fuzzer`);
/// instead every seed input of `Fuzz/Corpus/<target>` and every crash ever found,
/// kept in `Fuzz/Crashes/<target>`, is fed to the function the fuzzer calls. A
/// crash that comes back fails the suite the way it failed the fuzzer.
@Suite struct FuzzCorpusReplayTests {
    static let fuzzDirectory = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("Fuzz")

    static func inputs(_ kind: String, of target: FuzzTarget) -> [URL] {
        let directory = fuzzDirectory.appendingPathComponent(kind).appendingPathComponent(target.rawValue)
        let names = (try? FileManager.default.contentsOfDirectory(atPath: directory.path)) ?? []
        return names.filter { !$0.hasPrefix(".") }.sorted().map { directory.appendingPathComponent($0) }
    }

    @Test("each target's seed corpus and kept crashes run to completion", arguments: FuzzTarget.allCases)
    func replay(_ target: FuzzTarget) throws {
        let seeds = Self.inputs("Corpus", of: target)
        #expect(!seeds.isEmpty, "Fuzz/Corpus/\(target.rawValue) has no seed inputs")
        for file in seeds + Self.inputs("Crashes", of: target) {
            target.run(try Data(contentsOf: file))
        }
    }
}
