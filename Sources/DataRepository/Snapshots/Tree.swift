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
        public var modificationTime: FileTime
        public var size: Int64
        /// A symbolic link's target, or a hard link's path in the snapshot.
        public var linkTarget: Data?
        /// A file's chunks, in order.
        public var content: [String]?
        /// A directory's tree blob.
        public var subtree: String?
        /// A device's major and minor numbers.
        public var device: [Int64]?
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
    /// 64 hex digits, random (Kanister's `backupID`).
    public var id: String
    /// 10 characters, random (Kanister's `backupTag`), unique enough to find a snapshot by.
    public var tag: String
    public var time: Date
    /// What was backed up, stable across runs (`pvc:ns/name`, `pod:ns/name:/path`),
    /// never a random pod's name: the next backup finds its parent by it.
    public var source: String
    /// The paths given to the backup, as they appear in the tree (absolute paths keep their place below the root).
    public var paths: [String]
    public var tree: String
    public var parent: String?
    public var files: Int
    /// The files' bytes (what a restore writes).
    public var bytes: Int64
    /// What this backup added to the repository: packs, index and the snapshot itself.
    public var addedBytes: Int64
    /// Bytes read from the source: the tar stream (headers included) and any
    /// listing; far less than `bytes` when unchanged files were reused.
    public var readBytes: Int64

    public init(id: String, tag: String, time: Date, source: String, paths: [String], tree: String, parent: String?,
                files: Int, bytes: Int64, addedBytes: Int64, readBytes: Int64) {
        version = Self.currentVersion
        self.id = id
        self.tag = tag
        self.time = time
        self.source = source
        self.paths = paths
        self.tree = tree
        self.parent = parent
        self.files = files
        self.bytes = bytes
        self.addedBytes = addedBytes
        self.readBytes = readBytes
    }
}
