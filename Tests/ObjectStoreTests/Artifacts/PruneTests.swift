import NIOCore
import Foundation
import Testing
@testable import ObjectStore

/// Synthetic runs with known times against a fixed `now`.
@Suite struct PruneTests {
    let now = Date(timeIntervalSince1970: 1_900_000_000)
    let day: TimeInterval = 86_400

    func run(_ artifacts: ArtifactStore, app: String, action: String = "backup", id: String, age days: Double) async throws {
        let writer = try await artifacts.writer(app: app, action: action, run: id)
        try await writer.store(name: "data", ByteStream(data: Array(id.utf8)))
        try await writer.commit(blueprint: "bp", time: now.addingTimeInterval(-days * day))
    }

    /// An incomplete run: an object without manifest, last written `days` ago.
    func leftover(_ artifacts: ArtifactStore, root: URL, app: String, id: String, age days: Double) async throws {
        let key = "\(app)/backup/\(id)/data"
        try await artifacts.store.put(key: key, body: ByteStream(data: [1]))
        try FileManager.default.setAttributes(
            [.modificationDate: now.addingTimeInterval(-days * day)], ofItemAtPath: root.appendingPathComponent(key).path)
    }

    func setUp() async throws -> (ArtifactStore, URL) {
        let root = try temporaryFolder("prune")
        let artifacts = ArtifactStore(store: FilesystemStore(root: root))
        // app "shop": runs 1, 2, 5, 10, 20, 30 days old; app "blog": 40 and 50 days;
        // "shop" restore: one run 60 days old.
        for (id, age) in [("s1", 1.0), ("s2", 2), ("s5", 5), ("s10", 10), ("s20", 20), ("s30", 30)] {
            try await run(artifacts, app: "shop", id: id, age: age)
        }
        try await run(artifacts, app: "blog", id: "b40", age: 40)
        try await run(artifacts, app: "blog", id: "b50", age: 50)
        try await run(artifacts, app: "shop", action: "restore", id: "r60", age: 60)
        try await leftover(artifacts, root: root, app: "shop", id: "old-failed", age: 9)
        try await leftover(artifacts, root: root, app: "shop", id: "in-progress", age: 0.01)
        return (artifacts, root)
    }

    @Test func keepsNewestPerAppAndActionAndEverythingYoungerThanTheCutoff() async throws {
        let (artifacts, _) = try await setUp()
        let plan = try await artifacts.prune(keepLast: 2, olderThan: .seconds(7 * day), dryRun: false, now: now)
        let deleted = Set(plan.deleted.map(\.run.location.run))
        let kept = Set(plan.kept.map(\.run.location.run))
        // shop/backup: s1, s2 newest two (and young); s5 young; s10, s20, s30 deleted.
        // blog/backup and shop/restore: fewer than 2 runs each, all kept.
        #expect(deleted == ["s10", "s20", "s30", "old-failed"])
        #expect(kept == ["s1", "s2", "s5", "b40", "b50", "r60", "in-progress"])
        #expect(plan.deleted.first { $0.run.location.run == "old-failed" }?.reason.contains("incomplete") == true)
        #expect(Set(try await artifacts.list().map(\.run)) == ["s1", "s2", "s5", "b40", "b50", "r60"])
        #expect(try await artifacts.scan(app: "shop").map(\.location.run).contains("old-failed") == false)
    }

    @Test func keepLastZeroDeletesEverythingOlderThanTheCutoff() async throws {
        let (artifacts, _) = try await setUp()
        let plan = try await artifacts.prune(keepLast: 0, olderThan: .seconds(3 * day), dryRun: false, now: now)
        #expect(Set(plan.kept.map(\.run.location.run)) == ["s1", "s2", "in-progress"])
        #expect(Set(try await artifacts.list().map(\.run)) == ["s1", "s2"])
    }

    @Test func dryRunDeletesNothing() async throws {
        let (artifacts, _) = try await setUp()
        let before = try await artifacts.store.list(prefix: "")
        let plan = try await artifacts.prune(keepLast: 1, olderThan: .seconds(1), dryRun: true, now: now)
        #expect(plan.deleted.count == 8)
        #expect(try await artifacts.store.list(prefix: "") == before)
    }
}

@Suite struct StreamDigestTests {
    @Test func digestsAndCountsAcrossChunksAndFinishesOnce() {
        let digest = StreamDigest()
        digest.update(ByteBuffer(string: "ab"))
        digest.update(ByteBuffer(string: "c"))
        #expect(digest.sha256 == nil && !digest.isFinished)
        // SHA-256("abc"), FIPS 180-2 appendix B.1.
        let expected = "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"
        #expect(digest.finish() == (expected, 3))
        #expect(digest.finish() == (expected, 3))
        #expect(digest.isFinished && digest.bytes == 3)
    }

    @Test func withoutHashingOnlyCounts() {
        let digest = StreamDigest(hashing: false)
        digest.update(ByteBuffer(string: "abc"))
        #expect(digest.finish() == ("", 3))
    }

    @Test func hexIsLowercaseTwoDigitsPerByte() {
        #expect(Hex.string([0x00, 0x0f, 0xa0, 0xff]) == "000fa0ff")
    }
}
