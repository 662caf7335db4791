import Testing
@testable import DataRepository

@Suite struct RepositoryIndexTests {
    let keys = RepositoryKeys.random()

    func pack(_ texts: [String]) throws -> (name: String, bytes: [UInt8]) {
        var writer = PackWriter(keys: keys)
        for text in texts { try writer.add(Array(text.utf8), kind: .data) }
        return (writer.name, try writer.finish())
    }

    @Test func anIndexFileRoundTripsAndEqualsTheOneRebuiltFromTrailers() throws {
        let packs = [try pack(["a1", "a2", "shared"]), try pack(["b1", "shared"])]
        var fromTrailers = RepositoryIndex()
        for pack in packs {
            fromTrailers.add(pack: pack.name, entries: try PackReader(keys: keys, name: pack.name).entries(of: pack.bytes))
        }
        #expect(fromTrailers.blobs.count == 4, "the shared blob is indexed once")
        #expect(fromTrailers.location(of: keys.blobID(Array("shared".utf8)))?.pack == packs[0].name, "first location kept")

        let sealed = try fromTrailers.sealed(keys: keys, name: "index-1")
        var read = RepositoryIndex()
        try read.merge(sealed: sealed, keys: keys, name: "index-1")
        #expect(read.blobs == fromTrailers.blobs)

        // Every indexed blob reads back from its pack.
        for (id, location) in read.blobs {
            let bytes = packs.first { $0.name == location.pack }!.bytes
            let plaintext = try PackReader(keys: keys, name: location.pack).blob(location.entry, in: bytes)
            #expect(keys.blobID(plaintext) == id)
        }
    }

    @Test func aForeignOrRenamedIndexFileIsNamedAndPointsAtTheRebuild() throws {
        let sealed = try RepositoryIndex().sealed(keys: keys, name: "index-1")
        var index = RepositoryIndex()
        #expect(throws: RepositoryIndex.IndexError.self) { try index.merge(sealed: sealed, keys: .random(), name: "index-1") }
        do {
            try index.merge(sealed: sealed, keys: keys, name: "index-2")
            Issue.record("a renamed index file was read")
        } catch {
            #expect(error.description == "index file index-2 cannot be read: it fails its authentication check; "
                + "the index can be rebuilt from the packs, which list their own blobs")
        }
    }
}
