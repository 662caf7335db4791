import Foundation

/// One directory of a snapshot: its entries, sorted by name bytes, stored as a
/// `tree` blob (so an unchanged directory is stored once across snapshots).
public struct Tree: Sendable, Codable, Hashable {
    public struct Node: Sendable, Codable, Hashable {
        public enum Kind: String, Sendable, Codable {
            case file, directory, symbolicLink, hardLink, characterDevice, blockDevice, fifo
        }

        /// The name as bytes (a file system may hold names that are not UTF-8).
        public var name: Data
        public var kind: Kind
        public var mode: UInt32
        public var uid: Int64
        public var gid: Int64
        public var userName: String
        public var groupName: String
        public var modificationTime: Double
        public var size: Int64
        /// A symbolic link's target, or a hard link's path in the snapshot.
        public var linkTarget: Data?
        /// A file's chunks, in order.
        public var content: [String]?
        /// A directory's tree blob.
        public var subtree: String?
    }

    public var nodes: [Node]

    public init(nodes: [Node]) {
        self.nodes = nodes.sorted { $0.name.lexicographicallyPrecedes($1.name) }
    }

    /// The bytes stored as the tree blob: sorted keys, so the same directory
    /// always gives the same blob.
    func encoded() throws -> [UInt8] {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        return Array(try encoder.encode(self))
    }
}

/// One backup: the root tree and what it is a backup of. Written last, after
/// every pack and index file it needs, so a snapshot that exists is complete.
public struct Snapshot: Sendable, Codable, Hashable {
    public static let currentVersion = 1

    public var version: Int
    public var time: Date
    /// What was backed up, stable across runs (`pvc:ns/name`), never a pod's name:
    /// the next backup finds its parent by it.
    public var source: String
    public var tree: String
    public var parent: String?
    public var files: Int
    public var bytes: Int64
}
