import Foundation
import Testing
@testable import DataRepository

/// GNU tar's archive of a tree → trees and blobs in packs → the same files back,
/// read only through the index and the packs; and a second backup of the same
/// data stores nothing new.
@Suite struct SnapshotBuilderTests {
    let keys = RepositoryKeys.random()

    func backup(_ archive: [UInt8], index: RepositoryIndex = RepositoryIndex()) throws -> (root: String, builder: SnapshotBuilder) {
        var reader = TarReader()
        var builder = SnapshotBuilder(keys: keys, index: index)
        var position = 0
        while position < archive.count {
            let end = min(position + 100_000, archive.count)
            for event in try reader.feed(Array(archive[position..<end])) { try builder.handle(event) }
            position = end
        }
        try reader.finish()
        return (try builder.finish(), builder)
    }

    /// Every node under the root by path, and every file's bytes, read back
    /// only through the index and the packs.
    func restore(root: String, index: RepositoryIndex, packs: [String: [UInt8]]) throws
        -> (nodes: [String: Tree.Node], contents: [String: [UInt8]]) {
        func blob(_ id: String) throws -> [UInt8] {
            let location = try #require(index.location(of: id), "blob \(id) is not in the index")
            return try PackReader(keys: keys, name: location.pack).blob(location.entry, in: try #require(packs[location.pack]))
        }
        var nodes: [String: Tree.Node] = [:]
        var contents: [String: [UInt8]] = [:]
        func walk(_ id: String, prefix: String) throws {
            let tree = try JSONDecoder().decode(Tree.self, from: Data(try blob(id)))
            for node in tree.nodes {
                let path = prefix + String(decoding: node.name, as: UTF8.self)
                nodes[path] = node
                if let subtree = node.subtree { try walk(subtree, prefix: path + "/") }
                if let content = node.content { contents[path] = try content.flatMap(blob) }
            }
        }
        try walk(root, prefix: "")
        return (nodes, contents)
    }

    @Test func aTarStreamBecomesTreesAndBlobsThatGiveTheFilesBack() async throws {
        let tree = try TarReaderTests.Tree(nonUTF8: false)
        let archive = try await tree.archive(format: "pax")
        let (root, builder) = try backup(archive)
        let packs = Dictionary(builder.closedPacks.map { ($0.name, $0.bytes) }, uniquingKeysWith: { a, _ in a })
        let (nodes, contents) = try restore(root: root, index: builder.index, packs: packs)

        for (path, bytes) in tree.files {
            #expect(contents[path] == bytes, "\(path)")
            #expect(nodes[path]?.size == Int64(bytes.count))
        }
        #expect(builder.files == tree.files.count, "the hard link is a link, not a second copy of the file")
        #expect(nodes["data/link"]?.kind == .symbolicLink)
        #expect(nodes["data/link"]?.linkTarget == Data(tree.longTarget.utf8))
        #expect(nodes["data/empty-dir"]?.kind == .directory)
        #expect(nodes.values.contains { $0.kind == .hardLink })
        // The 3 MiB file is several content-defined chunks; the small files one each.
        #expect((nodes["data/big.bin"]?.content?.count ?? 0) >= 3)
        #expect(nodes["data/hello.txt"]?.content?.count == 1)
    }

    @Test func theSameDataBackedUpAgainStoresNothingNew() async throws {
        let tree = try TarReaderTests.Tree(nonUTF8: false)
        let archive = try await tree.archive(format: "gnu")
        let first = try backup(archive)
        let second = try backup(archive, index: first.builder.index)
        #expect(second.root == first.root, "same files, same root tree")
        let newEntries = second.builder.closedPacks.flatMap { pack in
            (try? PackReader(keys: keys, name: pack.name).entries(of: pack.bytes)) ?? []
        }
        #expect(newEntries.isEmpty, "\(newEntries.count) blobs stored again")
    }
}
