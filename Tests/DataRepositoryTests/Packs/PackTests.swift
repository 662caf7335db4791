import Foundation
import Testing
@testable import DataRepository

@Suite struct PackTests {
    let keys = RepositoryKeys.random()

    func pack(_ blobs: [[UInt8]]) throws -> (name: String, bytes: [UInt8], ids: [String]) {
        var writer = PackWriter(keys: keys)
        let ids = try blobs.map { try writer.add($0, kind: .data) }
        return (writer.name, try writer.finish(), ids)
    }

    @Test func blobsComeBackFromTheTrailerAloneAndDuplicatesAreStoredOnce() throws {
        let blobs = [Array("first".utf8), Array(String(repeating: "compressible ", count: 5000).utf8), [], Array("first".utf8)]
        let (name, bytes, ids) = try pack(blobs)
        #expect(ids[0] == ids[3])
        let reader = PackReader(keys: keys, name: name)
        let entries = try reader.entries(of: bytes)
        #expect(entries.map(\.id) == Array(ids.prefix(3)), "one entry per distinct blob, in order")
        for (entry, blob) in zip(entries, blobs) {
            #expect(try reader.blob(entry, in: bytes) == blob)
        }
        #expect(bytes.count < 65_000 / 4, "zstd before sealing: \(bytes.count) bytes")
        #expect(!bytes.containsSubsequence(Array("compressible".utf8)))
    }

    @Test func aCorruptBlobIsNamedWithItsPackAndTheOthersStillRead() throws {
        let (name, bytes, _) = try pack([Array("one blob".utf8), Array("another blob".utf8)])
        let reader = PackReader(keys: keys, name: name)
        let entries = try reader.entries(of: bytes)
        var damaged = bytes
        damaged[entries[0].offset + 20] ^= 0x40
        #expect(throws: PackError.blobCorrupt(pack: name, blob: entries[0].id, reason: "it fails its authentication check")) {
            try reader.blob(entries[0], in: damaged)
        }
        #expect(try reader.blob(entries[1], in: damaged) == Array("another blob".utf8))
    }

    @Test func aTruncatedOrForeignPackIsRefused() throws {
        let (name, bytes, _) = try pack([Array("data".utf8)])
        let reader = PackReader(keys: keys, name: name)
        #expect(throws: PackError.self) { try reader.entries(of: Array(bytes.dropLast(10))) }
        #expect(throws: PackError.self) { try reader.entries(of: Array(bytes.dropFirst(3))) }
        #expect(throws: PackError.self) { try reader.entries(of: [1, 2]) }
        // Renamed (its subkey no longer matches) or under another repository's keys.
        #expect(throws: PackError.self) { try PackReader(keys: keys, name: "another-name").entries(of: bytes) }
        #expect(throws: PackError.self) { try PackReader(keys: .random(), name: name).entries(of: bytes) }
    }

    @Test func aBlobUnderAnotherEntrysIDIsCaught() throws {
        let (name, bytes, _) = try pack([Array("alpha".utf8), Array("bravo".utf8)])
        let reader = PackReader(keys: keys, name: name)
        let entries = try reader.entries(of: bytes)
        var swapped = entries[0]
        swapped.offset = entries[1].offset
        swapped.length = entries[1].length
        #expect(throws: PackError.self) { try reader.blob(swapped, in: bytes) }
    }
}
