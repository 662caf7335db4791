import FileTreeSupport
import Foundation
import ObjectStore
import Testing
@testable import DataRepository

@Suite struct RepositoryTests {
    /// Backup, then restore through `tar -x`: every entry comes back exactly —
    /// bytes (SHA-256), modes, nanosecond times, links, the hard link, the
    /// sparse file's bytes, the FIFO, the 300-byte path, the non-UTF-8 name.
    @Test func aRestoreGivesBackExactlyWhatWasBackedUp() async throws {
        let scratch = try RepositoryScratch()
        let tree = try SampleTree(root: scratch.folder + "/source")
        #expect(tree.longPath.count > 300)
        let repository = try await scratch.create()
        let archive = try await RepositoryScratch.tar(tree.root, ["data"])
        let snapshot = try await RepositoryScratch.backup(repository, archive, piece: 7_777)

        let (restored, report) = try await RepositoryScratch.restore(repository, snapshot)
        try await RepositoryScratch.untar(restored, into: scratch.folder + "/out")
        let source = try DirectoryManifest(tree.dataPath)
        let copy = try DirectoryManifest(scratch.folder + "/out/data")
        #expect(copy.differences(from: source) == [])
        #expect(source.entries.count >= 15)
        #expect(source.entries[tree.nonUTF8Name] != nil)
        #expect(source.entries[Array(tree.longPath.dropFirst("data/".count))] != nil)
        #expect(report.files == snapshot.files)
        // hello.txt, empty, random.bin, text.txt, secret.key, run.sh, sparse.img, the long path's file, café.txt
        #expect(snapshot.files == 9, "regular files, the hard link not counted again: \(snapshot.files)")
        #expect(restored.count % TarWriter.recordSize == 0, "a whole number of tar records, so tar -x stops at the end blocks")

        // Found again by id, tag and id prefix; listed once.
        let reopened = try await Repository.open(store: scratch.store, prefix: "repo", encryptionKey: "correct horse")
        #expect(try await reopened.findSnapshot(snapshot.tag).id == snapshot.id)
        #expect(try await reopened.findSnapshot(String(snapshot.id.prefix(10))).id == snapshot.id)
        #expect(try await reopened.snapshots().map(\.id) == [snapshot.id])
        #expect(snapshot.tag.count == 10)
        #expect(try await reopened.check(readData: true).problems == [])
    }

    @Test func aWrongKeyIsRefusedAndChangesNothing() async throws {
        let scratch = try RepositoryScratch()
        _ = try await scratch.create(key: "right key")
        let before = try await scratch.store.list(prefix: "")
        await #expect(throws: RepositoryError.wrongKey(location: scratch.store.displayName + "/repo")) {
            try await Repository.open(store: scratch.store, prefix: "repo", encryptionKey: "wrong key")
        }
        #expect(try await scratch.store.list(prefix: "") == before)
        await #expect(throws: RepositoryError.notFound(location: scratch.store.displayName + "/elsewhere")) {
            try await Repository.open(store: scratch.store, prefix: "elsewhere", encryptionKey: "right key")
        }
    }

    /// A stream cut before tar's end blocks records no snapshot; the next backup
    /// works, check finds nothing missing, and prune removes the orphaned pack.
    @Test func aTruncatedStreamRecordsNothingAndPruneRemovesItsPacks() async throws {
        let scratch = try RepositoryScratch()
        let tree = try SampleTree(root: scratch.folder + "/source")
        var generator = SeededGenerator(seed: 3)
        let big = (0..<(40 << 20) / 8).map { _ in generator.next() }
        try big.withUnsafeBytes { try Data($0).write(to: URL(fileURLWithPath: tree.dataPath + "/big.bin")) }
        let repository = try await scratch.create()
        let archive = try await RepositoryScratch.tar(tree.root, ["data"])

        let cut = Array(archive.prefix(archive.count * 3 / 4))
        await #expect {
            _ = try await RepositoryScratch.backup(repository, cut)
        } throws: { error in
            guard case RepositoryError.badStream(let source, let reason) = error else { return false }
            return source == "test:data" && reason.contains("incomplete")
        }
        #expect(try await repository.snapshots().isEmpty, "no snapshot for an incomplete stream")
        let orphans = try await scratch.store.list(prefix: "repo/data/")
        #expect(!orphans.isEmpty, "the cut backup had uploaded a pack (16 MiB closed) before the stream stopped")

        let snapshot = try await RepositoryScratch.backup(repository, archive)
        let check = try await repository.check(readData: true)
        #expect(check.problems == [])
        #expect(!check.orphanPacks.isEmpty)
        let pruned = try await repository.prune(grace: .zero)
        #expect(Set(pruned.deletedPacks) == Set(check.orphanPacks))
        #expect(try await repository.check(readData: true).problems == [])
        let (restored, _) = try await RepositoryScratch.restore(repository, snapshot)
        try await RepositoryScratch.untar(restored, into: scratch.folder + "/out")
        #expect(try DirectoryManifest(scratch.folder + "/out/data").differences(from: DirectoryManifest(tree.dataPath)) == [])
    }

    /// Forgetting a snapshot and pruning with no grace frees what only it
    /// needed: the bucket shrinks by exactly what prune reports.
    @Test func pruneFreesWhatItReports() async throws {
        let scratch = try RepositoryScratch()
        let repository = try await scratch.create()
        let first = try SampleTree(root: scratch.folder + "/one", seed: 1)
        let second = try SampleTree(root: scratch.folder + "/two", seed: 2)
        let kept = try await RepositoryScratch.backup(repository, try await RepositoryScratch.tar(first.root, ["data"]))
        let dropped = try await RepositoryScratch.backup(repository, try await RepositoryScratch.tar(second.root, ["data"]))
        let before = try await scratch.store.size(prefix: "repo/")
        try await repository.forget([dropped])
        let afterForget = try await scratch.store.size(prefix: "repo/")
        let report = try await repository.prune(grace: .zero)
        let after = try await scratch.store.size(prefix: "repo/")
        #expect(report.spaceFreed > 2 << 20, "the second tree's random 2 MiB file was only in the dropped snapshot")
        #expect(afterForget - after == report.spaceFreed)
        #expect(before > after)
        #expect(try await repository.check(readData: true).problems == [])
        let (restored, _) = try await RepositoryScratch.restore(repository, kept)
        try await RepositoryScratch.untar(restored, into: scratch.folder + "/out")
        #expect(try DirectoryManifest(scratch.folder + "/out/data").differences(from: DirectoryManifest(first.dataPath)) == [])
        // Nothing left to free.
        #expect(try await repository.prune(grace: .zero).spaceFreed == 0)
    }

    /// Restoring one file reads only its own chunks: ranged GETs on the one or
    /// two packs holding them, not the snapshot's other packs.
    @Test func aSingleFileRestoreReadsAtMostTwoPacks() async throws {
        let scratch = try RepositoryScratch()
        let root = scratch.folder + "/source"
        try FileManager.default.createDirectory(atPath: root + "/data", withIntermediateDirectories: true)
        var generator = SeededGenerator(seed: 7)
        for index in 0..<10 {  // 10 × 16 MiB of random data: 10 packs or so
            let bytes = (0..<(16 << 20) / 8).map { _ in generator.next() }
            try bytes.withUnsafeBytes { try Data($0).write(to: URL(fileURLWithPath: root + "/data/part-\(index).bin")) }
        }
        let target = (0..<(1 << 20)).map { _ in UInt8.random(in: 0...255, using: &generator) }
        try Data(target).write(to: URL(fileURLWithPath: root + "/data/one-mebibyte.bin"))
        let repository = try await scratch.create()
        let snapshot = try await RepositoryScratch.backup(repository, try await RepositoryScratch.tar(root, ["data"]), piece: 1 << 20)
        #expect(try await scratch.store.list(prefix: "repo/data/").count >= 10)

        scratch.store.resetReads()
        let (restored, report) = try await RepositoryScratch.restore(repository, snapshot, path: "data/one-mebibyte.bin")
        let packsRead = Set(scratch.store.readKeys.filter { $0.hasPrefix("repo/data/") })
        #expect(packsRead.count <= 2, "\(packsRead)")
        #expect(report.bytesRead < 2 << 20)
        try await RepositoryScratch.untar(restored, into: scratch.folder + "/out")
        #expect(try Data(contentsOf: URL(fileURLWithPath: scratch.folder + "/out/one-mebibyte.bin")) == Data(target),
                "a single file is restored under its own name")
    }

    /// A directory restored alone is re-rooted: its contents land at the top.
    @Test func aSubtreeIsReRooted() async throws {
        let scratch = try RepositoryScratch()
        let tree = try SampleTree(root: scratch.folder + "/source")
        let repository = try await scratch.create()
        let snapshot = try await RepositoryScratch.backup(repository, try await RepositoryScratch.tar(tree.root, ["data"]))
        let (restored, _) = try await RepositoryScratch.restore(repository, snapshot, path: "data/sub")
        try await RepositoryScratch.untar(restored, into: scratch.folder + "/out")
        let expected = try DirectoryManifest(tree.dataPath + "/sub")
        #expect(try DirectoryManifest(scratch.folder + "/out").differences(from: expected) == [])
        await #expect(throws: RepositoryError.pathNotFound(snapshot: snapshot.id, path: "data/nothing")) {
            _ = try await RepositoryScratch.restore(repository, snapshot, path: "data/nothing")
        }
    }

    /// A damaged pack is named, with the files it affects; the restore of
    /// those files fails instead of writing wrong bytes.
    @Test func aCorruptPackIsNamedWithTheFilesItAffects() async throws {
        let scratch = try RepositoryScratch()
        let tree = try SampleTree(root: scratch.folder + "/source")
        let repository = try await scratch.create()
        let snapshot = try await RepositoryScratch.backup(repository, try await RepositoryScratch.tar(tree.root, ["data"]))
        let pack = try #require(try await scratch.store.list(prefix: "repo/data/").first)
        let path = scratch.folder + "/bucket/" + pack.key
        var bytes = Array(try Data(contentsOf: URL(fileURLWithPath: path)))
        bytes[100] ^= 0xFF
        try Data(bytes).write(to: URL(fileURLWithPath: path))

        let report = try await repository.check(readData: true)
        let name = RepositoryLayout.name(pack.key)
        #expect(report.problems.contains { $0.contains(name) && $0.contains("data/") }, "\(report.problems)")
        await #expect(throws: RepositoryError.self) { _ = try await RepositoryScratch.restore(repository, snapshot) }
    }

    /// Unchanged files are taken from the parent (their chunks are not read
    /// again); only the changed file comes through the stream.
    @Test func anIncrementalBackupReusesTheParentsFiles() async throws {
        let scratch = try RepositoryScratch()
        let tree = try SampleTree(root: scratch.folder + "/source")
        let repository = try await scratch.create()
        let parent = try await RepositoryScratch.backup(repository, try await RepositoryScratch.tar(tree.root, ["data"]))
        try Data("changed\n".utf8).write(to: URL(fileURLWithPath: tree.dataPath + "/hello.txt"))

        let session = try await repository.startBackup(source: "test:data", paths: ["data"], parent: parent)
        for (path, node) in try await repository.nodes(of: parent) where node.kind == .file && path != Array("data/hello.txt".utf8) {
            await session.reuse(node, at: path)
        }
        // The stream carries the directories and the changed file only.
        let archive = try await RepositoryScratch.tar(tree.root, ["data/hello.txt"])
        try await session.feed(archive)
        let child = try await session.finish()
        #expect(child.parent == parent.id)
        #expect(child.readBytes < 64 << 10, "headers and the changed file only: \(child.readBytes)")
        #expect(parent.readBytes > 2 << 20, "the first backup read the 2 MiB random file at least")
        #expect(child.files == parent.files)
        let (restored, _) = try await RepositoryScratch.restore(repository, child)
        try await RepositoryScratch.untar(restored, into: scratch.folder + "/out")
        let copy = try DirectoryManifest(scratch.folder + "/out/data")
        #expect(copy.entries[Array("sub/random.bin".utf8)] == (try DirectoryManifest(tree.dataPath)).entries[Array("sub/random.bin".utf8)])
        #expect(try Data(contentsOf: URL(fileURLWithPath: scratch.folder + "/out/data/hello.txt")) == Data("changed\n".utf8))
    }

    /// A stream recorded from busybox tar 1.35 (what containers without GNU tar
    /// send: ustar with GNU long names, a hard link, a symbolic link, a name that
    /// is not UTF-8) goes through the repository and comes back as GNU tar
    /// extracts the recording itself.
    @Test func busyboxTarsStreamRoundTrips() async throws {
        let scratch = try RepositoryScratch()
        let fixture = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Fixtures/busybox-1.35.tar")
        let archive = Array(try Data(contentsOf: fixture))
        let repository = try await scratch.create()
        let snapshot = try await RepositoryScratch.backup(repository, archive, piece: 1000)
        #expect(snapshot.files == 4, "hello.txt, random.bin, the deep file, café.txt; the hard link is not a file of its own")
        let (restored, _) = try await RepositoryScratch.restore(repository, snapshot)
        try await RepositoryScratch.untar(archive, into: scratch.folder + "/direct")
        try await RepositoryScratch.untar(restored, into: scratch.folder + "/through")
        let direct = try DirectoryManifest(scratch.folder + "/direct")
        #expect(direct.entries.count == 9)
        #expect(try DirectoryManifest(scratch.folder + "/through").differences(from: direct) == [])
    }

    /// The store goes down mid-backup (after the first pack): the backup fails
    /// with the store's error and records nothing; once the store is back the
    /// next backup works, check passes, and prune removes the orphaned pack.
    @Test func aStoreOutageMidBackupRecordsNothing() async throws {
        let scratch = try RepositoryScratch()
        let root = scratch.folder + "/source"
        try FileManager.default.createDirectory(atPath: root + "/data", withIntermediateDirectories: true)
        var generator = SeededGenerator(seed: 11)
        let words = (0..<(48 << 20) / 8).map { _ in generator.next() }
        try words.withUnsafeBytes { try Data($0).write(to: URL(fileURLWithPath: root + "/data/large.bin")) }
        let repository = try await scratch.create()
        let archive = try await RepositoryScratch.tar(root, ["data"])
        scratch.store.putsLeft.withLock { $0 = 1 }  // one pack goes up, then nothing
        await #expect(throws: CountingStore.Outage.self) {
            _ = try await RepositoryScratch.backup(repository, archive, piece: 1 << 20)
        }
        scratch.store.putsLeft.withLock { $0 = nil }
        #expect(try await repository.snapshots().isEmpty)
        #expect(try await scratch.store.list(prefix: "repo/index/").isEmpty, "no index for the failed backup")
        let orphaned = try await scratch.store.list(prefix: "repo/data/").map(\.key)
        #expect(orphaned.count == 1)

        let snapshot = try await RepositoryScratch.backup(repository, archive, piece: 1 << 20)
        #expect(try await repository.check(readData: true).problems == [])
        let pruned = try await repository.prune(grace: .zero)
        #expect(pruned.deletedPacks.map { "repo/data/" + $0 } == orphaned)
        let (restored, _) = try await RepositoryScratch.restore(repository, snapshot)
        try await RepositoryScratch.untar(restored, into: scratch.folder + "/out")
        #expect(try DirectoryManifest(scratch.folder + "/out/data").differences(from: DirectoryManifest(root + "/data")) == [])
    }
}
