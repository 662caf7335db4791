import ChildProcesses
import Foundation
import Testing
@testable import DataRepository

@Suite struct ZstdTests {
    @Test func roundTripsAndShrinksText() throws {
        let text = Array(String(repeating: "the same line of a log file\n", count: 10_000).utf8)
        let packed = try Zstd.compress(text)
        #expect(packed.count < text.count / 20, "\(packed.count) bytes for \(text.count) of repetitive text")
        #expect(try Zstd.decompress(packed, limit: 1 << 20) == text)
        #expect(try Zstd.decompress(try Zstd.compress([]), limit: 0) == [])
    }

    @Test func theZstdCommandReadsWhatWeWrite() async throws {
        // The format is the standard one: Debian's zstd tool (scripts/setup.sh installs it) decodes it.
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("zstd-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let input = Array("interoperable\n".utf8)
        _ = FileManager.default.createFile(atPath: folder.appendingPathComponent("a.zst").path, contents: Data(try Zstd.compress(input)))
        let status = try await ChildProcess.run(ProcessCommand("zstd", ["-q", "-d", "a.zst", "-o", "a"], workingDirectory: folder.path),
                                                killGracePeriod: .seconds(1)) { _, _ in }
        #expect(status.succeeded)
        #expect(FileManager.default.contents(atPath: folder.appendingPathComponent("a").path).map(Array.init) == input)
    }

    @Test func aBlobClaimingMoreThanTheLimitIsRefusedBeforeAllocation() throws {
        let zeros = [UInt8](repeating: 0, count: 8 << 20)  // 8 MiB of zeros compress to a few hundred bytes
        let bomb = try Zstd.compress(zeros)
        #expect(bomb.count < 4096)
        #expect(throws: Zstd.ZstdError.tooLarge(claimed: 8 << 20, limit: 1 << 20)) { try Zstd.decompress(bomb, limit: 1 << 20) }
    }

    @Test func corruptOrForeignBytesAreAnErrorNotACrash() throws {
        var packed = try Zstd.compress(Array(String(repeating: "abc", count: 1000).utf8))
        packed[packed.count / 2] ^= 0xFF
        #expect(throws: Zstd.ZstdError.self) { try Zstd.decompress(packed, limit: 1 << 20) }
        #expect(throws: Zstd.ZstdError.self) { try Zstd.decompress(Array("not zstd at all".utf8), limit: 1 << 20) }
        #expect(throws: Zstd.ZstdError.self) { try Zstd.decompress([], limit: 1 << 20) }
    }
}
