import Foundation
import Testing
@testable import ObjectStore

/// One bad manifest must not take the whole store down: the other runs stay
/// listable and verifiable, the bad one is shown as corrupt with the reason,
/// prune skips it and says so, and `delete` removes it by its folder. Every
/// scenario runs on the filesystem store and on the real S3 server.
@Suite(.serialized) struct CorruptManifestTests {
    enum Backend: String, CaseIterable, CustomTestStringConvertible {
        case filesystem, s3
        var testDescription: String { rawValue }
    }

    /// The JSON error's place must be reported: line 3 has the stray token.
    static let brokenJSON = "{\n  \"format\": 1,\n  \"run\": oops\n}\n"

    func makeArtifacts(_ backend: Backend) async throws -> ArtifactStore? {
        switch backend {
        case .filesystem:
            return ArtifactStore(store: FilesystemStore(root: try temporaryFolder("corrupt")), prefix: "team")
        case .s3:
            guard S3TestServer.shouldRun else { return nil }
            return ArtifactStore(store: try await S3TestServer.store(), prefix: uniquePrefix("corrupt"))
        }
    }

    func commitRun(_ artifacts: ArtifactStore, app: String = "shop", _ run: String, time: Date = Date()) async throws {
        let writer = try await artifacts.writer(app: app, action: "backup", run: run)
        try await writer.store(name: "dump.sql", ByteStream(data: Array("dump of \(run)".utf8)))
        try await writer.store(name: "logs/pg.log", ByteStream(data: Array("log of \(run)".utf8)))
        try await writer.commit(blueprint: "bp", time: time)
    }

    func overwriteManifest(_ artifacts: ArtifactStore, app: String = "shop", run: String, with text: String) async throws {
        let key = try RunLocation(app: app, action: "backup", run: run).manifestKey(prefix: artifacts.prefix)
        try await artifacts.store.put(key: key, body: ByteStream(data: Array(text.utf8)))
    }

    @Test(arguments: Backend.allCases)
    func otherRunsStayListableAndVerifiableNextToACorruptManifest(backend: Backend) async throws {
        guard let artifacts = try await makeArtifacts(backend) else { return }
        try await commitRun(artifacts, "good-1")
        try await commitRun(artifacts, "bad-1")
        try await commitRun(artifacts, app: "blog", "good-2")
        try await overwriteManifest(artifacts, run: "bad-1", with: Self.brokenJSON)

        #expect(Set(try await artifacts.list().map(\.run)) == ["good-1", "good-2"])
        #expect(try await artifacts.verify(run: "good-1").isValid)
        #expect(try await artifacts.verify(run: "good-2").isValid)

        let runs = try await artifacts.scan()
        let bad = try #require(runs.first { $0.location.run == "bad-1" })
        #expect(bad.isCorrupt && !bad.isComplete)
        let corruption = try #require(bad.corruption)
        #expect(corruption.key == "\(artifacts.prefix)/shop/backup/bad-1/manifest.json")
        #expect(corruption.reason.contains("line 3"), "the JSON error's position: \(corruption.reason)")
        #expect(runs.filter(\.isComplete).count == 2)
        try await artifacts.store.shutdown()
    }

    @Test(arguments: Backend.allCases)
    func showingOrVerifyingACorruptRunSaysItIsCorruptAndHowToRemoveIt(backend: Backend) async throws {
        guard let artifacts = try await makeArtifacts(backend) else { return }
        try await commitRun(artifacts, "bad-1")
        try await overwriteManifest(artifacts, run: "bad-1", with: Self.brokenJSON)

        let error = await #expect(throws: ArtifactError.self) { try await artifacts.manifest(run: "bad-1") }
        guard case let .corruptRun(run, corruption)? = error else {
            Issue.record("expected corruptRun, got \(String(describing: error))")
            return
        }
        #expect(run == "bad-1")
        #expect(corruption.key.hasSuffix("shop/backup/bad-1/manifest.json"))
        let text = error?.description ?? ""
        #expect(text.contains("run bad-1 is corrupt"))
        #expect(text.contains("blueprint artifacts delete bad-1"))
        await #expect(throws: ArtifactError.self) { try await artifacts.verify(run: "bad-1") }
        await #expect(throws: ArtifactError.self) { try await artifacts.open(run: "bad-1", name: "dump.sql") }
        try await artifacts.store.shutdown()
    }

    @Test(arguments: Backend.allCases)
    func deletingACorruptRunRemovesEveryObjectInItsFolder(backend: Backend) async throws {
        guard let artifacts = try await makeArtifacts(backend) else { return }
        try await commitRun(artifacts, "good-1")
        try await commitRun(artifacts, "bad-1")
        try await overwriteManifest(artifacts, run: "bad-1", with: "not json at all")

        let deleted = try await artifacts.delete(run: "bad-1")
        #expect(deleted.isCorrupt)
        #expect(deleted.objects.count == 3)
        let folder = try RunLocation(app: "shop", action: "backup", run: "bad-1").folder(prefix: artifacts.prefix)
        #expect(try await artifacts.store.list(prefix: folder).isEmpty)
        #expect(try await artifacts.scan().map(\.location.run) == ["good-1"])
        #expect(try await artifacts.verify(run: "good-1").isValid)
        try await artifacts.store.shutdown()
    }

    @Test(arguments: Backend.allCases)
    func pruneSkipsAndReportsACorruptRunInsteadOfDeletingOrFailing(backend: Backend) async throws {
        guard let artifacts = try await makeArtifacts(backend) else { return }
        let old = Date().addingTimeInterval(-30 * 86_400)
        try await commitRun(artifacts, "old-good", time: old)
        try await commitRun(artifacts, "new-good")
        try await commitRun(artifacts, "bad-1", time: old)
        try await overwriteManifest(artifacts, run: "bad-1", with: Self.brokenJSON)

        // Everything is past the cutoff an hour from now; only keepLast would save a run.
        let plan = try await artifacts.prune(keepLast: 0, olderThan: .seconds(60), dryRun: false,
                                             now: Date().addingTimeInterval(3600))
        #expect(Set(plan.deleted.map(\.run.location.run)) == ["old-good", "new-good"])
        #expect(plan.skipped.map(\.run.location.run) == ["bad-1"])
        let reason = try #require(plan.skipped.first?.reason)
        #expect(reason.contains("skipped"))
        #expect(reason.contains("corrupt"))
        #expect(reason.contains("blueprint artifacts delete bad-1"))
        let left = try await artifacts.scan()
        #expect(left.map(\.location.run) == ["bad-1"])
        #expect(left.first?.objects.count == 3, "prune must not delete any object of the corrupt run")
        try await artifacts.store.shutdown()
    }

    /// A manifest copied from another run (or planted) must not make this run's
    /// verify read, or a restore use, another run's objects.
    @Test func aManifestDescribingAnotherRunIsCorrupt() async throws {
        let artifacts = ArtifactStore(store: FilesystemStore(root: try temporaryFolder("corrupt")))
        try await commitRun(artifacts, "victim")
        try await commitRun(artifacts, "copy")
        let victim = try await artifacts.store.get(key: "shop/backup/victim/manifest.json").collect(upTo: 1 << 20)
        try await artifacts.store.put(key: "shop/backup/copy/manifest.json", body: ByteStream(data: Array(victim.readableBytesView)))

        let copy = try #require(try await artifacts.scan().first { $0.location.run == "copy" })
        #expect(copy.isCorrupt)
        #expect(copy.corruption?.reason.contains("describes run victim") == true)
        #expect(try await artifacts.verify(run: "victim").isValid)
    }

    @Test func aManifestPointingOutsideItsFolderIsCorrupt() async throws {
        let artifacts = ArtifactStore(store: FilesystemStore(root: try temporaryFolder("corrupt")))
        try await commitRun(artifacts, "r1")
        var manifest = try await artifacts.manifest(run: "r1")
        manifest.objects[0].key = "shop/backup/other/dump.sql"
        try await overwriteManifest(artifacts, run: "r1", with: String(decoding: try ArtifactManifest.encoder.encode(manifest), as: UTF8.self))

        let listing = try #require(try await artifacts.scan().first)
        #expect(listing.corruption?.reason.contains("outside the run's folder") == true)
    }
}
