import Foundation

/// Turns a tar stream into a snapshot's trees and blobs: each file's data is
/// chunked (content-defined, per file) and each chunk and tree goes into the
/// pack being written, once per repository (``RepositoryIndex``).
///
/// Feed it ``TarReader`` events in order; ``finish()`` writes the trees bottom-up.
public struct SnapshotBuilder {
    private let keys: RepositoryKeys
    public private(set) var index: RepositoryIndex
    public private(set) var pack: PackWriter
    /// A pack closed while building, to be uploaded before the snapshot.
    public struct ClosedPack: Sendable {
        public var name: String
        public var bytes: [UInt8]
        public var entries: [PackEntry]
    }

    /// Packs closed and not yet taken (``takeClosedPacks()``).
    public private(set) var closedPacks: [ClosedPack] = []
    private var directories: [[UInt8]: [Tree.Node]] = [[]: []]
    private var current: (path: [UInt8], node: Tree.Node)?
    private var chunker: Chunker
    public private(set) var files = 0
    /// The files' bytes, read or reused.
    public private(set) var bytes: Int64 = 0
    /// The bytes that came through the tar stream.
    public private(set) var readBytes: Int64 = 0

    public init(keys: RepositoryKeys, index: RepositoryIndex = RepositoryIndex(), chunker: ChunkerParameters? = nil) {
        self.keys = keys
        self.index = index
        pack = PackWriter(keys: keys)
        self.chunker = Chunker(chunker ?? keys.chunker)
    }

    /// The packs closed since the last call, for the caller to upload.
    public mutating func takeClosedPacks() -> [ClosedPack] {
        defer { closedPacks = [] }
        return closedPacks
    }

    /// Puts a node of the parent snapshot at `path` unchanged: a file whose
    /// size and times did not change keeps its chunks, which the index holds.
    public mutating func reuse(_ node: Tree.Node, at path: [UInt8]) {
        var node = node
        node.subtree = nil
        let path = Self.normalized(path)
        add(node, at: path)
        if node.kind == .file {
            files += 1
            bytes += node.size
        }
    }

    public mutating func handle(_ event: TarReader.Event) throws {
        switch event {
        case .member(let header):
            var node = Tree.Node(
                name: Data(), kind: Self.kind(header.kind), mode: header.mode, uid: header.uid, gid: header.gid,
                userName: header.userName, groupName: header.groupName, modificationTime: header.modificationTime,
                size: header.size, linkTarget: header.linkTarget.isEmpty ? nil : Data(header.linkTarget))
            if node.kind == .file { node.content = [] }
            if node.kind == .characterDevice || node.kind == .blockDevice { node.device = [header.deviceMajor, header.deviceMinor] }
            current = (Self.normalized(header.path), node)
        case .data(let slice):
            bytes += Int64(slice.count)
            readBytes += Int64(slice.count)
            for chunk in chunker.append(slice) { try store(chunk) }
        case .hole(let length):
            // Zeros chunk to the same few blobs, so a hole costs reading, not storage.
            bytes += length
            var left = length
            while left > 0 {
                let step = Int(min(left, 1 << 20))
                for chunk in chunker.append(repeatElement(0, count: step)) { try store(chunk) }
                left -= Int64(step)
            }
        case .memberEnd:
            for chunk in chunker.finish() { try store(chunk) }
            guard let (path, node) = current else { return }
            current = nil
            add(node, at: path)
            if node.kind == .file { files += 1 }
        case .end:
            break
        }
    }

    /// Writes every directory's tree (deepest first) and returns the root tree's id.
    public mutating func finish() throws -> String {
        for path in directories.keys.sorted(by: { $0.count > $1.count }) where !path.isEmpty {
            let tree = Tree(nodes: directories[path] ?? [])
            let id = try storeBlob(try tree.encoded(), kind: .tree)
            var node = pendingDirectories[path] ?? Self.directoryNode()
            node.subtree = id
            let (parent, name) = Self.split(path)
            node.name = Data(name)
            directories[parent, default: []].append(node)
            directories[path] = nil
        }
        let root = try storeBlob(try Tree(nodes: directories[[]] ?? []).encoded(), kind: .tree)
        try closePack()
        return root
    }

    // MARK: Internals

    /// Directory members' own metadata, applied when their tree is written.
    private var pendingDirectories: [[UInt8]: Tree.Node] = [:]

    private mutating func add(_ node: Tree.Node, at path: [UInt8]) {
        guard !path.isEmpty else { return }
        if node.kind == .directory {
            pendingDirectories[path] = node
            ensureDirectory(path)
            return
        }
        let (parent, name) = Self.split(path)
        ensureDirectory(parent)
        var node = node
        node.name = Data(name)
        directories[parent, default: []].append(node)
    }

    /// A directory (and its parents) exists even when tar listed no member for it.
    private mutating func ensureDirectory(_ path: [UInt8]) {
        var path = path
        while !path.isEmpty, directories[path] == nil {
            directories[path] = []
            path = Self.split(path).parent
        }
    }

    private mutating func store(_ chunk: [UInt8]) throws {
        let id = try storeBlob(chunk, kind: .data)
        current?.node.content?.append(id)
    }

    private mutating func storeBlob(_ plaintext: [UInt8], kind: PackEntry.Kind) throws -> String {
        let id = keys.blobID(plaintext)
        if index.contains(id) || pack.contains(id) { return id }
        try pack.add(plaintext, kind: kind)
        if pack.size >= PackWriter.targetSize { try closePack() }
        return id
    }

    /// Closes the pack being written (an empty one is dropped) and starts the next.
    private mutating func closePack() throws {
        guard !pack.entries.isEmpty else { return }
        closedPacks.append(ClosedPack(name: pack.name, bytes: try pack.finish(), entries: pack.entries))
        index.add(pack: pack.name, entries: pack.entries)
        pack = PackWriter(keys: keys)
    }

    static func normalized(_ path: [UInt8]) -> [UInt8] {
        var path = path
        while path.first == UInt8(ascii: "/") { path.removeFirst() }
        if path.starts(with: Array("./".utf8)) { path.removeFirst(2) }
        while path.last == UInt8(ascii: "/") { path.removeLast() }
        return path
    }

    static func split(_ path: [UInt8]) -> (parent: [UInt8], name: [UInt8]) {
        guard let slash = path.lastIndex(of: UInt8(ascii: "/")) else { return ([], path) }
        return (Array(path[..<slash]), Array(path[(slash + 1)...]))
    }

    static func directoryNode() -> Tree.Node {
        Tree.Node(name: Data(), kind: .directory, mode: 0o755, uid: 0, gid: 0, userName: "", groupName: "",
                  modificationTime: FileTime(seconds: 0), size: 0)
    }

    static func kind(_ kind: TarHeader.Kind) -> Tree.Node.Kind {
        switch kind {
        case .file, .other: return .file
        case .directory: return .directory
        case .symbolicLink: return .symbolicLink
        case .hardLink: return .hardLink
        case .characterDevice: return .characterDevice
        case .blockDevice: return .blockDevice
        case .fifo: return .fifo
        }
    }
}
