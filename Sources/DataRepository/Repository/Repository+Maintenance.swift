import Foundation
import ObjectStore

/// What `check` found.
public struct CheckReport: Sendable {
    public var snapshots: Int
    public var packs: Int
    public var blobs: Int
    /// Each problem names the object and the files it affects; empty when the repository is sound.
    public var problems: [String]
    /// Packs no index lists (left by an interrupted backup): harmless, prune removes them.
    public var orphanPacks: [String]
}

/// What `prune` removed.
public struct PruneReport: Sendable {
    public var deletedPacks: [String]
    public var repackedPacks: [String]
    /// Bytes the repository no longer holds (packs and index files removed, less what was rewritten).
    public var spaceFreed: Int64
}

extension Repository {
    /// Checks that every snapshot's trees can be read and every blob they name
    /// is in the index, in a pack that exists; with `readData`, also reads
    /// every pack and authenticates every blob.
    public func check(readData: Bool = false) async throws -> CheckReport {
        var problems: [String] = []
        let listed = Dictionary(try await store.list(prefix: layout.data).map { (RepositoryLayout.name($0.key), $0) },
                                uniquingKeysWith: { a, _ in a })
        let index: RepositoryIndex
        do {
            index = try await loadIndex().index
        } catch let error as RepositoryError {
            return CheckReport(snapshots: 0, packs: listed.count, blobs: 0, problems: [error.description], orphanPacks: [])
        }
        let indexedPacks = Set(index.blobs.values.map(\.pack))
        var bad: [String: String] = [:]  // pack → why
        for pack in indexedPacks.sorted() where listed[pack] == nil { bad[pack] = "pack \(pack) is missing" }
        if readData {
            for pack in listed.keys.sorted() where bad[pack] == nil && indexedPacks.contains(pack) {
                let bytes = try await Self.read(store, layout.key(pack: pack), limit: 1 << 30)
                let reader = PackReader(keys: keys, name: pack)
                do {
                    for entry in try reader.entries(of: bytes) { _ = try reader.blob(entry, in: bytes) }
                } catch {
                    bad[pack] = error.description
                }
            }
        }
        let snapshots = try await self.snapshots()
        let source = BlobSource(repository: self, wholePacks: false)
        for snapshot in snapshots {
            var affected: [String: [String]] = [:]  // reason → files
            func walk(_ id: String, prefix: String) async {
                let tree: Tree
                do {
                    tree = try await self.tree(id, index: index, reader: source)
                } catch {
                    affected["\(error)", default: []].append(prefix.isEmpty ? "/" : prefix)
                    return
                }
                for node in tree.nodes {
                    let path = prefix + (prefix.isEmpty ? "" : "/") + String(decoding: node.name, as: UTF8.self)
                    for blob in node.content ?? [] {
                        guard let location = index.location(of: blob) else {
                            affected["blob \(blob) is in no index", default: []].append(path)
                            break
                        }
                        if let why = bad[location.pack] {
                            affected[why, default: []].append(path)
                            break
                        }
                    }
                    if let subtree = node.subtree { await walk(subtree, prefix: path) }
                }
            }
            await walk(snapshot.tree, prefix: "")
            for (why, files) in affected.sorted(by: { $0.key < $1.key }) {
                let shown = files.prefix(10).joined(separator: ", ") + (files.count > 10 ? " and \(files.count - 10) more" : "")
                problems.append("snapshot \(snapshot.id.prefix(12)) (\(snapshot.source)): \(why); files affected: \(shown)")
            }
        }
        for (pack, why) in bad.sorted(by: { $0.key < $1.key }) where !problems.contains(where: { $0.contains(pack) }) {
            problems.append(why + " (no snapshot needs it)")
        }
        let orphans = listed.keys.filter { !indexedPacks.contains($0) }.sorted()
        return CheckReport(snapshots: snapshots.count, packs: listed.count, blobs: index.blobs.count, problems: problems,
                           orphanPacks: orphans)
    }

    /// Deletes snapshot records (the data they alone need goes at the next prune).
    public func forget(_ snapshots: [Snapshot]) async throws {
        try await store.deleteMany(keys: snapshots.map { layout.key(snapshot: $0.id) })
    }

    /// Mark and sweep: keeps every blob a snapshot needs, deletes packs that
    /// hold none and rewrites packs that hold some, once they are older than
    /// `grace` (a backup running now may be writing packs no snapshot names yet).
    /// Refuses to delete anything when a snapshot cannot be read whole.
    public func prune(grace: Duration = .seconds(3600), now: Date = Date()) async throws -> PruneReport {
        let listed = try await store.list(prefix: layout.data)
        let (index, indexFiles) = try await loadIndex()
        let indexSizes = try await store.list(prefix: layout.index).reduce(Int64(0)) { $0 + $1.size }

        // Mark.
        var used: Set<String> = []
        let source = BlobSource(repository: self, wholePacks: true)
        func mark(_ id: String) async throws {
            guard used.insert(id).inserted else { return }
            for node in try await tree(id, index: index, reader: source).nodes {
                for blob in node.content ?? [] { used.insert(blob) }
                if let subtree = node.subtree { try await mark(subtree) }
            }
        }
        for snapshot in try await snapshots() { try await mark(snapshot.tree) }

        // Sweep.
        var entriesByPack: [String: [PackEntry]] = [:]
        for location in index.blobs.values { entriesByPack[location.pack, default: []].append(location.entry) }
        let cutoff = now.addingTimeInterval(-Double(grace.components.seconds))
        var deleted: [String] = []
        var repacked: [String] = []
        var freed: Int64 = 0
        var keep: [(name: String, entries: [PackEntry])] = []
        var rewriter = PackWriter(keys: keys)
        var written: Int64 = 0
        for object in listed {
            let name = RepositoryLayout.name(object.key)
            let entries = entriesByPack[name] ?? []
            let young = (object.lastModified ?? now) > cutoff
            let live = entries.filter { used.contains($0.id) }
            if young || (live.count == entries.count && !entries.isEmpty) {
                if !entries.isEmpty { keep.append((name, entries)) }
                continue
            }
            if !live.isEmpty {
                let bytes = try await Self.read(store, object.key, limit: 1 << 30)
                let reader = PackReader(keys: keys, name: name)
                for entry in live.sorted(by: { $0.offset < $1.offset }) {
                    try rewriter.add(try reader.blob(entry, in: bytes), kind: entry.kind)
                    if rewriter.size >= PackWriter.targetSize {
                        written += try await upload(&rewriter, into: &keep)
                    }
                }
                repacked.append(name)
            } else {
                deleted.append(name)
            }
            freed += object.size
        }
        written += try await upload(&rewriter, into: &keep)
        guard !deleted.isEmpty || !repacked.isEmpty else {
            return PruneReport(deletedPacks: [], repackedPacks: [], spaceFreed: 0)
        }
        // The new index before anything goes, then the old index files, then the packs.
        let newIndex = try await writeIndex(packs: keep)
        try await store.deleteMany(keys: indexFiles.map { layout.key(index: $0) })
        try await store.deleteMany(keys: (deleted + repacked).map { layout.key(pack: $0) })
        return PruneReport(deletedPacks: deleted, repackedPacks: repacked,
                           spaceFreed: freed - written + indexSizes - newIndex)
    }

    /// Uploads the rewritten pack (when it holds anything) and starts the next.
    private func upload(_ writer: inout PackWriter, into keep: inout [(name: String, entries: [PackEntry])]) async throws -> Int64 {
        guard !writer.entries.isEmpty else { return 0 }
        let bytes = try writer.finish()
        try await store.put(key: layout.key(pack: writer.name), body: ByteStream(data: bytes))
        keep.append((writer.name, writer.entries))
        writer = PackWriter(keys: keys)
        return Int64(bytes.count)
    }
}

extension Repository {
    /// What a snapshot's distinct chunks and trees take in the repository (restic's raw-data).
    public func storedSize(of snapshot: Snapshot) async throws -> Int64 {
        let (index, _) = try await loadIndex()
        var seen: Set<String> = [snapshot.tree]
        for (_, node) in try await nodes(of: snapshot) {
            for blob in (node.content ?? []) + (node.subtree.map { [$0] } ?? []) { seen.insert(blob) }
        }
        return seen.reduce(Int64(0)) { $0 + Int64(index.location(of: $1)?.entry.length ?? 0) }
    }
}
