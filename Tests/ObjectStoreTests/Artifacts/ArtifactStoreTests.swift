import Foundation
import NIOCore
import Testing
@testable import ObjectStore

@Suite struct ArtifactStoreTests {
    func makeStore() throws -> (ArtifactStore, URL) {
        let root = try temporaryFolder("artifacts")
        return (ArtifactStore(store: FilesystemStore(root: root), prefix: "team/backups"), root)
    }

    @Test func storedRunIsListedWithSizesAndDigests() async throws {
        let (artifacts, _) = try makeStore()
        let writer = try await artifacts.writer(app: "shop", action: "backup", run: "run-1")
        let dumpDigest = try await digest(of: .generated(total: 3 << 20, seed: 1))
        let dump = try await writer.store(name: "dump.sql", .generated(total: 3 << 20, seed: 1))
        try await writer.store(name: "empty", .empty)
        let time = Date(timeIntervalSince1970: 1_800_000_000)
        try await writer.commit(blueprint: "postgres-bp", time: time)

        #expect(dump.key == "team/backups/shop/backup/run-1/dump.sql")
        #expect(dump.size == 3 << 20)
        #expect(dump.sha256 == dumpDigest.sha256)

        let manifests = try await artifacts.list(app: "shop")
        #expect(manifests.count == 1)
        let manifest = try #require(manifests.first)
        #expect(manifest.run == "run-1" && manifest.app == "shop" && manifest.action == "backup")
        #expect(manifest.blueprint == "postgres-bp")
        #expect(manifest.time == time)
        #expect(manifest.objects.map(\.name) == ["dump.sql", "empty"])
        #expect(manifest.objects[1].sha256 == "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855")
        #expect(try await artifacts.list(app: "other").isEmpty)

        let read = try await digest(of: try await artifacts.open(run: "run-1", name: "dump.sql"))
        #expect(read == dumpDigest)
        #expect(try await artifacts.verify(run: "run-1").isValid)
    }

    @Test func manifestIsWrittenOnlyByCommit() async throws {
        let (artifacts, _) = try makeStore()
        let writer = try await artifacts.writer(app: "a", action: "backup", run: "r")
        try await writer.store(name: "one", ByteStream(data: Array("1".utf8)))
        await #expect(throws: ObjectStoreError.self) {
            try await artifacts.store.head(key: "team/backups/a/backup/r/manifest.json")
        }
        await #expect(throws: ArtifactError.runNotFound(run: "r")) { try await artifacts.manifest(run: "r") }
        #expect(try await artifacts.scan().map(\.isComplete) == [false])
        try await writer.commit(blueprint: "bp")
        #expect(try await artifacts.scan().map(\.isComplete) == [true])
        await #expect(throws: ArtifactError.alreadyCommitted(run: "r")) {
            try await writer.store(name: "two", .empty)
        }
        await #expect(throws: ArtifactError.self) {
            _ = try await artifacts.writer(app: "a", action: "backup", run: "r")
        }
    }

    @Test func failedStoreLeavesNoManifest() async throws {
        let (artifacts, _) = try makeStore()
        let writer = try await artifacts.writer(app: "a", action: "backup", run: "broken")
        struct SourceFailed: Error {}
        let failing = ByteStream {
            var count = 0
            return {
                count += 1
                if count > 2 { throw SourceFailed() }
                return ByteBuffer(repeating: 0, count: 100)
            }
        }
        await #expect(throws: SourceFailed.self) { try await writer.store(name: "data", failing) }
        #expect(try await artifacts.list().isEmpty)
    }

    @Test func corruptingOneByteMakesVerifyNameTheObject() async throws {
        let (artifacts, root) = try makeStore()
        let writer = try await artifacts.writer(app: "a", action: "backup", run: "r1")
        try await writer.store(name: "good.bin", .generated(total: 100_000, seed: 1))
        try await writer.store(name: "bad.bin", .generated(total: 100_000, seed: 2))
        try await writer.commit(blueprint: "bp")

        let file = root.appendingPathComponent("team/backups/a/backup/r1/bad.bin")
        try flipByte(in: file, at: 5_000)

        let report = try await artifacts.verify(run: "r1")
        #expect(!report.isValid)
        #expect(report.results.first { $0.object.name == "good.bin" }?.problem == nil)
        let problem = try #require(report.results.first { $0.object.name == "bad.bin" }?.problem)
        #expect(problem.contains("\"bad.bin\"") && problem.contains("corrupt"))

        await #expect(throws: ArtifactError.self) {
            for try await _ in try await artifacts.open(run: "r1", name: "bad.bin") {}
        }
    }

    @Test func deleteRemovesManifestAndObjects() async throws {
        let (artifacts, _) = try makeStore()
        for run in ["r1", "r2"] {
            let writer = try await artifacts.writer(app: "a", action: "backup", run: run)
            try await writer.store(name: "x", ByteStream(data: Array(run.utf8)))
            try await writer.commit(blueprint: "bp")
        }
        try await artifacts.delete(run: "r1")
        #expect(try await artifacts.list().map(\.run) == ["r2"])
        #expect(try await artifacts.store.list(prefix: "team/backups/a/backup/r1/").isEmpty)
        await #expect(throws: ArtifactError.runNotFound(run: "r1")) { try await artifacts.delete(run: "r1") }
    }

    @Test(arguments: ["../up", "a/b", "", "."])
    func unsafeRunPartsAreRejected(value: String) async throws {
        let (artifacts, _) = try makeStore()
        await #expect(throws: ArtifactError.self) { _ = try await artifacts.writer(app: value, action: "backup", run: "r") }
        await #expect(throws: ArtifactError.self) { _ = try await artifacts.writer(app: "a", action: "backup", run: value) }
    }

    @Test func manifestNameIsReserved() async throws {
        let (artifacts, _) = try makeStore()
        let writer = try await artifacts.writer(app: "a", action: "backup", run: "r")
        await #expect(throws: ArtifactError.self) { try await writer.store(name: "manifest.json", .empty) }
        await #expect(throws: ArtifactError.self) { try await writer.store(name: "x/../y", .empty) }
    }
}

/// Flips the bits of one byte of a file in place.
func flipByte(in file: URL, at offset: UInt64) throws {
    let handle = try FileHandle(forUpdating: file)
    defer { try? handle.close() }
    try handle.seek(toOffset: offset)
    let byte = try #require(try handle.read(upToCount: 1)?.first)
    try handle.seek(toOffset: offset)
    try handle.write(contentsOf: [byte ^ 0xFF])
}
