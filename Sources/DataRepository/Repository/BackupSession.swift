import Foundation
import ObjectStore

/// One backup in progress: tar bytes in (``feed(_:)``, in order, in pieces of
/// any size), packs out to the store while the stream still flows (one upload
/// in flight beside the pack being filled), and at ``finish()`` the index
/// file and then the snapshot.
///
/// A stream that ends early, or a caller that calls ``abandon()``, records no
/// snapshot: the packs already uploaded are orphans that prune removes.
public actor BackupSession {
    private let repository: Repository
    private let source: String
    private let paths: [String]
    private let parent: Snapshot?
    private var reader = TarReader()
    private var builder: SnapshotBuilder
    private var uploaded: [(name: String, entries: [PackEntry])] = []
    private var addedBytes: Int64 = 0
    private var pendingUpload: Task<Int64, any Error>?
    private var finished = false

    init(repository: Repository, index: RepositoryIndex, source: String, paths: [String], parent: Snapshot?) {
        self.repository = repository
        self.source = source
        self.paths = paths
        self.parent = parent
        builder = SnapshotBuilder(keys: repository.keys, index: index, chunker: repository.chunker)
    }

    /// Keeps a file of the parent snapshot as it was (its size and times did not change).
    public func reuse(_ node: Tree.Node, at path: [UInt8]) {
        builder.reuse(node, at: path)
    }

    public func feed(_ bytes: [UInt8]) async throws {
        precondition(!finished, "feed after finish")
        do {
            for event in try reader.feed(bytes) { try builder.handle(event) }
        } catch let error as TarError {
            throw RepositoryError.badStream(source: source, reason: error.description)
        }
        try await uploadClosedPacks()
    }

    /// Bytes of the tar stream consumed so far.
    public var streamOffset: Int64 { reader.offset }

    /// Ends the backup: checks the stream was complete, uploads what is left,
    /// writes the index file and then the snapshot.
    /// `listedBytes`: what the source sent besides the tar stream (a file listing), counted as read.
    public func finish(tag: String? = nil, time: Date = Date(), listedBytes: Int64 = 0) async throws -> Snapshot {
        finished = true
        do {
            try reader.finish()
        } catch {
            _ = try? await pendingUpload?.value
            throw RepositoryError.badStream(source: source, reason: error.description + " (the stream from the source stopped early)")
        }
        let root = try builder.finish()
        try await uploadClosedPacks()
        if let pendingUpload { addedBytes += try await pendingUpload.value }
        pendingUpload = nil
        addedBytes += try await repository.writeIndex(packs: uploaded)
        var snapshot = Snapshot(id: Repository.randomHex(32), tag: tag ?? Self.randomTag(), time: time, source: source,
                                paths: paths, tree: root, parent: parent?.id, files: builder.files, bytes: builder.bytes,
                                addedBytes: addedBytes, readBytes: reader.offset + listedBytes)
        // The snapshot's own size counts as added; its sealed length is known only once sealed.
        snapshot.addedBytes += Int64(try JSONEncoder().encode(snapshot).count + 28)
        _ = try await repository.writeSnapshot(snapshot)
        return snapshot
    }

    /// Stops without a snapshot (the source failed): waits for the upload in flight.
    public func abandon() async {
        finished = true
        _ = try? await pendingUpload?.value
        pendingUpload = nil
    }

    private func uploadClosedPacks() async throws {
        let packs = builder.takeClosedPacks()
        guard !packs.isEmpty else { return }
        if let pendingUpload { addedBytes += try await pendingUpload.value }
        uploaded += packs.map { ($0.name, $0.entries) }
        let store = repository.store
        let layout = repository.layout
        pendingUpload = Task {
            var total: Int64 = 0
            for pack in packs {
                try await store.put(key: layout.key(pack: pack.name), body: ByteStream(data: pack.bytes))
                total += Int64(pack.bytes.count)
            }
            return total
        }
    }

    /// Kanister's backupTag: 10 random letters and digits.
    static func randomTag() -> String {
        let alphabet = Array("abcdefghijklmnopqrstuvwxyz0123456789")
        return String((0..<10).map { _ in alphabet.randomElement()! })
    }
}

extension Repository {
    /// Starts a backup of `source` (stable across runs; the next backup's parent
    /// is found by it). `parent` is the snapshot unchanged files are reused from.
    public func startBackup(source: String, paths: [String], parent: Snapshot? = nil) async throws -> BackupSession {
        let (index, _) = try await loadIndex()
        return BackupSession(repository: self, index: index, source: source, paths: paths, parent: parent)
    }

    /// The newest snapshot of `source`, the parent of its next backup.
    public func latestSnapshot(source: String) async throws -> Snapshot? {
        try await snapshots().last { $0.source == source }
    }
}
