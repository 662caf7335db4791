import Foundation

/// What a restore wrote and what it read.
public struct RestoreReport: Sendable {
    public var files: Int
    public var bytes: Int64
    /// Distinct pack objects read (index, tree and snapshot reads aside, trees are blobs too).
    public var packsRead: Set<String>
    public var bytesRead: Int64
}

extension Repository {
    /// Writes `snapshot` as a tar stream to `write`, in pieces of about 1 MiB.
    ///
    /// With `path`, only that part is written, re-rooted as restic does: a
    /// directory's contents land at the top of the stream, a single file under
    /// its own name (and only its chunks are read, with ranged GETs).
    public func restore(_ snapshot: Snapshot, path: String? = nil,
                        write: @escaping @Sendable ([UInt8]) async throws -> Void) async throws -> RestoreReport {
        let (index, _) = try await loadIndex()
        let components = (path ?? "").split(separator: "/").map { Array($0.utf8) }
        var writer = StreamWriter(write: write)
        var files = 0
        var bytes: Int64 = 0

        // Find the node the restore starts at.
        let probe = BlobSource(repository: self, wholePacks: false)
        var tree = try await self.tree(snapshot.tree, index: index, reader: probe)
        var start: Tree.Node?
        for (position, name) in components.enumerated() {
            guard let node = tree.nodes.first(where: { Array($0.name) == name }) else {
                throw RepositoryError.pathNotFound(snapshot: snapshot.id, path: path ?? "")
            }
            start = node
            if position < components.count - 1 {
                guard let subtree = node.subtree else { throw RepositoryError.pathNotFound(snapshot: snapshot.id, path: path ?? "") }
                tree = try await self.tree(subtree, index: index, reader: probe)
            }
        }
        let singleFile = start.map { $0.kind != .directory } ?? false
        let source = singleFile ? probe : BlobSource(repository: self, wholePacks: true)
        // Hard links name their target by its path in the snapshot; re-rooted, the prefix goes.
        let rootPrefix = components.isEmpty || singleFile ? [] : components.joined(separator: [UInt8(ascii: "/")]) + [UInt8(ascii: "/")]

        // Hard-link targets written as this restore's file under another path.
        var materialized: [[UInt8]: [UInt8]] = [:]
        // A path of the stream as the snapshot names it.
        func full(_ streamPath: [UInt8]) -> [UInt8] { rootPrefix + streamPath }

        func emit(_ node: Tree.Node, at nodePath: [UInt8]) async throws {
            var member = TarHeader(
                path: nodePath, kind: Self.tarKind(node.kind), size: node.kind == .file ? node.size : 0, mode: node.mode,
                uid: node.uid, gid: node.gid, userName: node.userName, groupName: node.groupName,
                modificationTime: node.modificationTime, linkTarget: Array(node.linkTarget ?? Data()),
                deviceMajor: node.device?.first ?? 0, deviceMinor: node.device?.last ?? 0)
            var content = node.content ?? []
            if node.kind == .hardLink {
                let target = Array(node.linkTarget ?? Data())
                if let moved = materialized[target] {
                    member.linkTarget = moved
                } else if target.starts(with: rootPrefix), Self.precedes(target, full(nodePath)) {
                    member.linkTarget.removeFirst(rootPrefix.count)
                } else {
                    // The target comes later in the stream (names are sorted, tar's order was
                    // not) or lies outside what is restored: this link carries the data, and
                    // the target, when it comes, links to it.
                    guard let file = try await self.node(at: target, root: snapshot.tree, index: index, reader: source),
                          file.kind == .file else {
                        throw RepositoryError.corrupt(location: location, object: "hard link \(String(decoding: nodePath, as: UTF8.self))",
                                                      reason: "its target \(String(decoding: target, as: UTF8.self)) is not a file of the snapshot")
                    }
                    materialized[target] = nodePath
                    member.kind = .file
                    member.size = file.size
                    member.linkTarget = []
                    content = file.content ?? []
                }
            } else if node.kind == .file, let moved = materialized[full(nodePath)] {
                member.kind = .hardLink
                member.size = 0
                member.linkTarget = moved
            }
            try await writer.append(TarWriter.header(member))
            if member.kind == .file {
                var written: Int64 = 0
                for id in content {
                    let chunk = try await source.blob(id, index: index)
                    written += Int64(chunk.count)
                    try await writer.append(chunk)
                }
                guard written == member.size else {
                    throw RepositoryError.corrupt(location: location, object: "file \(String(decoding: nodePath, as: UTF8.self))",
                                                  reason: "its chunks hold \(written) bytes, its size is \(member.size)")
                }
                try await writer.append(TarWriter.padding(member.size))
                files += 1
                bytes += member.size
            }
            if let subtree = node.subtree {
                let children = try await self.tree(subtree, index: index, reader: source)
                for child in children.nodes {
                    try await emit(child, at: nodePath + [UInt8(ascii: "/")] + Array(child.name))
                }
            }
        }

        if let start, singleFile {
            try await emit(start, at: Array(start.name))
        } else {
            var top = tree
            if let start {
                guard let subtree = start.subtree else { throw RepositoryError.pathNotFound(snapshot: snapshot.id, path: path ?? "") }
                top = try await self.tree(subtree, index: index, reader: source)
            }
            for node in top.nodes { try await emit(node, at: Array(node.name)) }
        }
        try await writer.finish()
        return RestoreReport(files: files, bytes: bytes, packsRead: await source.packsRead.union(await probe.packsRead),
                             bytesRead: await source.bytesRead + (singleFile ? 0 : await probe.bytesRead))
    }

    /// Every file, link and directory of a snapshot by path (for incrementals and checks).
    public func nodes(of snapshot: Snapshot) async throws -> [(path: [UInt8], node: Tree.Node)] {
        let (index, _) = try await loadIndex()
        let source = BlobSource(repository: self, wholePacks: true)
        var result: [(path: [UInt8], node: Tree.Node)] = []
        func walk(_ id: String, prefix: [UInt8]) async throws {
            for node in try await tree(id, index: index, reader: source).nodes {
                let path = prefix + Array(node.name)
                result.append((path, node))
                if let subtree = node.subtree { try await walk(subtree, prefix: path + [UInt8(ascii: "/")]) }
            }
        }
        try await walk(snapshot.tree, prefix: [])
        return result
    }

    /// The node at `path` (snapshot paths, `a/b/c`), or nil.
    func node(at path: [UInt8], root: String, index: RepositoryIndex, reader: BlobSource) async throws -> Tree.Node? {
        var treeID = root
        let components = path.split(separator: UInt8(ascii: "/"))
        for (position, name) in components.enumerated() {
            guard let node = try await tree(treeID, index: index, reader: reader).nodes.first(where: { $0.name == Data(name) }) else { return nil }
            if position == components.count - 1 { return node }
            guard let subtree = node.subtree else { return nil }
            treeID = subtree
        }
        return nil
    }

    /// Whether `a` comes before `b` in a restore's stream: depth first, names
    /// sorted, so component by component.
    static func precedes(_ a: [UInt8], _ b: [UInt8]) -> Bool {
        let slash = UInt8(ascii: "/")
        return a.split(separator: slash).lexicographicallyPrecedes(b.split(separator: slash)) {
            $0.lexicographicallyPrecedes($1)
        }
    }

    static func tarKind(_ kind: Tree.Node.Kind) -> TarHeader.Kind {
        switch kind {
        case .file: return .file
        case .directory: return .directory
        case .symbolicLink: return .symbolicLink
        case .hardLink: return .hardLink
        case .characterDevice: return .characterDevice
        case .blockDevice: return .blockDevice
        case .fifo: return .fifo
        }
    }
}

/// Gathers small writes into pieces of about 1 MiB, and ends the archive.
struct StreamWriter {
    let write: @Sendable ([UInt8]) async throws -> Void
    private var buffer: [UInt8] = []
    private var total: Int64 = 0
    static let pieceSize = 1 << 20

    init(write: @escaping @Sendable ([UInt8]) async throws -> Void) {
        self.write = write
        buffer.reserveCapacity(Self.pieceSize)
    }

    mutating func append(_ bytes: [UInt8]) async throws {
        buffer += bytes
        total += Int64(bytes.count)
        if buffer.count >= Self.pieceSize {
            try await write(buffer)
            buffer.removeAll(keepingCapacity: true)
        }
    }

    mutating func finish() async throws {
        buffer += TarWriter.end(after: total)
        try await write(buffer)
        buffer = []
    }
}
