import Crypto
import Testing
@testable import DataRepository

@Suite struct ChunkerTests {
    /// SplitMix64: reproducible pseudo-random data, so the statistics below are fixed facts.
    struct SplitMix: RandomNumberGenerator {
        var state: UInt64
        mutating func next() -> UInt64 {
            state &+= 0x9E37_79B9_7F4A_7C15
            var z = state
            z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
            z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
            return z ^ (z >> 31)
        }
    }

    static func randomBytes(_ count: Int, seed: UInt64) -> [UInt8] {
        var generator = SplitMix(state: seed)
        var bytes = [UInt8]()
        bytes.reserveCapacity(count)
        while bytes.count < count {
            let word = generator.next()
            for shift in stride(from: 0, to: 64, by: 8) where bytes.count < count { bytes.append(UInt8(truncatingIfNeeded: word >> UInt64(shift))) }
        }
        return bytes
    }

    static let key = SymmetricKey(data: Array(repeating: UInt8(7), count: 32))

    static func chunks(_ data: [UInt8], key: SymmetricKey = key, pieces: [Int] = [Int.max]) -> [[UInt8]] {
        var chunker = Chunker(.standard(key: key))
        var result: [[UInt8]] = []
        var index = 0
        var piece = 0
        while index < data.count {
            let size = min(pieces[piece % pieces.count], data.count - index)
            result += chunker.append(data[index..<(index + size)])
            index += size
            piece += 1
        }
        return result + chunker.finish()
    }

    @Test func cutsDoNotDependOnHowTheDataArrives() {
        let data = Self.randomBytes(6 << 20, seed: 1)
        let whole = Self.chunks(data)
        #expect(Self.chunks(data, pieces: [1, 4099, 65_536, 777_777, 13]) == whole)
        #expect(Self.chunks(data, pieces: [1 << 20]) == whole)
        #expect(whole.reduce([], +) == data, "the chunks put together are the data")
    }

    @Test func everyChunkButTheLastIsBetweenMinimumAndMaximum() {
        let data = Self.randomBytes(24 << 20, seed: 2)
        let chunks = Self.chunks(data)
        for chunk in chunks.dropLast() {
            #expect(chunk.count >= 64 << 10 && chunk.count <= 1 << 20, "a chunk of \(chunk.count) bytes")
        }
        #expect(chunks.last!.count <= 1 << 20)
        // Normalized chunking gathers sizes near the 256 KiB average (fixed data: a fact, not a sample).
        let mean = data.count / chunks.count
        #expect(mean > 128 << 10 && mean < 512 << 10, "mean chunk \(mean) bytes over \(chunks.count) chunks")
    }

    @Test func anInsertionChangesOnlyTheChunksAroundIt() {
        let data = Self.randomBytes(16 << 20, seed: 3)
        var edited = data
        edited.insert(contentsOf: Array("an insertion in the middle of the file".utf8), at: 5_000_000)
        let before = Set(Self.chunks(data))
        let after = Self.chunks(edited)
        let new = after.filter { !before.contains($0) }
        #expect(new.count <= 3, "\(new.count) of \(after.count) chunks are new after one small insertion")
        #expect(after.count - new.count >= before.count - 3)
    }

    @Test func theRepositoryKeyDecidesTheCuts() {
        let data = Self.randomBytes(8 << 20, seed: 4)
        let other = SymmetricKey(data: Array(repeating: UInt8(8), count: 32))
        let mine = Self.chunks(data).map(\.count)
        #expect(Self.chunks(data).map(\.count) == mine, "the same key cuts the same way")
        #expect(Self.chunks(data, key: other).map(\.count) != mine, "another key cuts elsewhere")
    }

    @Test func smallInputsAreOneChunkAndEmptyIsNone() {
        #expect(Self.chunks([]).isEmpty)
        #expect(Self.chunks(Array(repeating: 1, count: 1000)) == [Array(repeating: 1, count: 1000)])
    }

    @Test func inconsistentSizesAreRefusedWithTheRule() {
        do {
            _ = try ChunkerParameters(key: Self.key, minimumSize: 1 << 20, averageSize: 256 << 10, maximumSize: 4 << 20)
            Issue.record("a minimum above the average was accepted")
        } catch {
            #expect(error.description.contains("64 <= minimum < average < maximum"))
            #expect(error.description.contains("got minimum 1048576, average 262144, maximum 4194304"))
        }
    }
}
