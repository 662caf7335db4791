import Foundation

/// Where each blob lives: blob id → pack and entry. Built from index files
/// (append-only: a backup writes one new file and never rewrites another), or
/// rebuilt from the packs' own trailers when index files are lost.
public struct RepositoryIndex: Sendable {
    public struct Location: Sendable, Hashable {
        public var pack: String
        public var entry: PackEntry
    }

    public private(set) var blobs: [String: Location] = [:]

    public init() {}

    /// Adds a pack's entries; a blob already known keeps its first location
    /// (two packs may hold the same blob after an interrupted backup).
    public mutating func add(pack: String, entries: [PackEntry]) {
        for entry in entries where blobs[entry.id] == nil {
            blobs[entry.id] = Location(pack: pack, entry: entry)
        }
    }

    public func location(of blob: String) -> Location? { blobs[blob] }

    public func contains(_ blob: String) -> Bool { blobs[blob] != nil }

    /// The index as one file, sealed under the repository key.
    public func sealed(keys: RepositoryKeys, name: String) throws -> [UInt8] {
        var packs: [String: [PackEntry]] = [:]
        for location in blobs.values { packs[location.pack, default: []].append(location.entry) }
        let file = IndexFile(version: IndexFile.currentVersion,
                             packs: packs.keys.sorted().map { IndexFile.Pack(name: $0, entries: packs[$0]!.sorted { $0.offset < $1.offset }) })
        return try BlobCipher(keys: keys, pack: "index/" + name).seal(Array(JSONEncoder().encode(file)))
    }

    /// Adds what one sealed index file lists.
    public mutating func merge(sealed: [UInt8], keys: RepositoryKeys, name: String) throws(IndexError) {
        let plaintext: [UInt8]
        do { plaintext = try BlobCipher(keys: keys, pack: "index/" + name).open(sealed) } catch {
            throw .unreadable(name: name, reason: "it fails its authentication check")
        }
        let file: IndexFile
        do { file = try JSONDecoder().decode(IndexFile.self, from: Data(plaintext)) } catch {
            throw .unreadable(name: name, reason: "it is not an index")
        }
        guard file.version == IndexFile.currentVersion else {
            throw .unreadable(name: name, reason: "version \(file.version) is not one this engine reads")
        }
        for pack in file.packs { add(pack: pack.name, entries: pack.entries) }
    }

    public enum IndexError: Error, Sendable, Equatable, CustomStringConvertible {
        case unreadable(name: String, reason: String)

        public var description: String {
            switch self {
            case .unreadable(let name, let reason):
                return "index file \(name) cannot be read: \(reason); the index can be rebuilt from the packs, which list their own blobs"
            }
        }
    }
}

struct IndexFile: Codable {
    static let currentVersion = 1

    struct Pack: Codable {
        var name: String
        var entries: [PackEntry]
    }

    var version: Int
    var packs: [Pack]
}
