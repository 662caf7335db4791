import Foundation
import NIOCore
import Testing
@testable import ObjectStore

@Suite struct FilesystemStoreTests {
    @Test(arguments: [0, 1, 5 << 20, (20 << 20) + 3] as [Int64])
    func roundTrip(size: Int64) async throws {
        let root = try temporaryFolder()
        let store = FilesystemStore(root: root)
        let expected = try await digest(of: .generated(total: size, seed: 9))
        let info = try await store.put(key: "app/run/object.bin", body: .generated(total: size, seed: 9))
        #expect(info.size == size)
        #expect(try await store.head(key: "app/run/object.bin").size == size)
        #expect(try await digest(of: try await store.get(key: "app/run/object.bin")) == expected)
    }

    @Test(arguments: ["../escape", "a/../../b", "/absolute", "a//b", "a/./b", "trailing/", "", ".blueprint-tmp/x"])
    func keysThatCouldEscapeTheRootAreRejected(key: String) async throws {
        let store = FilesystemStore(root: try temporaryFolder())
        await #expect(throws: ObjectStoreError.self) {
            try await store.put(key: key, body: ByteStream(data: [1, 2, 3]))
        }
    }

    @Test func keysWithOddCharactersWork() async throws {
        let store = FilesystemStore(root: try temporaryFolder())
        let keys = ["a/2026-01-02T03:04:05Z", "a/x+y z", "a/日本語 ü"]
        for key in keys { try await store.put(key: key, body: ByteStream(data: Array(key.utf8))) }
        #expect(try await store.list(prefix: "a/").map(\.key) == keys.sorted())
        for key in keys {
            #expect(String(buffer: try await store.get(key: key).collect(upTo: 1024)) == key)
        }
    }

    /// A failing source leaves neither the object nor a temporary file behind.
    @Test func interruptedPutLeavesNothingVisible() async throws {
        let root = try temporaryFolder()
        let store = FilesystemStore(root: root)
        try await store.put(key: "run/data", body: ByteStream(data: Array("old".utf8)))
        struct SourceFailed: Error {}
        let failing = ByteStream {
            var sent = 0
            return {
                sent += 1
                if sent > 3 { throw SourceFailed() }
                return ByteBuffer(repeating: 1, count: 1000)
            }
        }
        await #expect(throws: SourceFailed.self) { try await store.put(key: "run/data", body: failing) }
        #expect(String(buffer: try await store.get(key: "run/data").collect(upTo: 1024)) == "old")
        await #expect(throws: SourceFailed.self) { try await store.put(key: "run/new", body: failing) }
        await #expect(throws: ObjectStoreError.self) { try await store.head(key: "run/new") }
        let leftovers = try FileManager.default.contentsOfDirectory(
            atPath: root.appendingPathComponent(FilesystemStore.temporaryFolderName).path)
        #expect(leftovers.isEmpty)
    }

    @Test func listAndDeleteMany() async throws {
        let root = try temporaryFolder()
        let store = FilesystemStore(root: root)
        for index in 0..<5 { try await store.put(key: "p/\(index)", body: ByteStream(data: [UInt8(index)])) }
        try await store.put(key: "q/other", body: ByteStream(data: [9]))
        #expect(try await store.list(prefix: "p/").map(\.key) == ["p/0", "p/1", "p/2", "p/3", "p/4"])
        try await store.deleteMany(keys: ["p/0", "p/1", "p/2", "p/3", "p/4", "p/missing"])
        #expect(try await store.list(prefix: "p/").isEmpty)
        #expect(!FileManager.default.fileExists(atPath: root.appendingPathComponent("p").path))
        #expect(try await store.list(prefix: "").map(\.key) == ["q/other"])
    }

    /// A folder or a FIFO under a key is not an object: reading it says so
    /// instead of failing obscurely or blocking forever.
    @Test func aKeyThatIsAFolderOrAFIFOIsNotFound() async throws {
        let root = try temporaryFolder()
        let store = FilesystemStore(root: root)
        try await store.put(key: "app/run/object", body: ByteStream(data: [1]))
        await #expect(throws: ObjectStoreError.notFound(operation: "get", store: store.displayName, key: "app/run")) {
            _ = try await store.get(key: "app/run")
        }
        #expect(mkfifo(root.appendingPathComponent("app/fifo").path, 0o600) == 0)
        await #expect(throws: ObjectStoreError.notFound(operation: "get", store: store.displayName, key: "app/fifo")) {
            _ = try await store.get(key: "app/fifo")
        }
    }

    @Test func foundationErrorsWithoutAnErrnoAreWordedForPeople() {
        let error = CocoaError(.fileWriteVolumeReadOnly)
        #expect(FilesystemStore.reason(error) == "read-only filesystem")
        #expect(!FilesystemStore.reason(CocoaError(.fileWriteNoPermission)).contains("NSCocoaErrorDomain"))
    }
}
