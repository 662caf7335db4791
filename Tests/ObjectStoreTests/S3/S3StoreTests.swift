import Foundation
import NIOCore
import Testing
@testable import ObjectStore

/// Against the real S3 server of ../shared/s3 (signatures enforced).
@Suite(.enabled(if: S3TestServer.shouldRun, "needs S3_ENDPOINT from ../shared/s3/start.sh"), .serialized)
struct S3StoreTests {
    @Test(arguments: [0, 1, 5 << 20] as [Int64])
    func roundTripOfSmallAndMediumObjects(size: Int64) async throws {
        let store = try await S3TestServer.store()
        let key = uniquePrefix("roundtrip") + "/object-\(size)"
        let expected = try await digest(of: .generated(total: size, seed: UInt64(size) + 7))
        let info = try await store.put(key: key, body: .generated(total: size, seed: UInt64(size) + 7))
        #expect(info.size == size)
        #expect(try await store.head(key: key).size == size)
        let actual = try await digest(of: try await store.get(key: key))
        #expect(actual.size == size)
        #expect(actual.sha256 == expected.sha256)
        try await store.delete(key: key)
        await #expect(throws: ObjectStoreError.self) { try await store.head(key: key) }
        try await store.shutdown()
    }

    /// 256 MiB generated on the fly: never held in memory, goes up as a parallel
    /// multipart upload and comes back as a stream with the same digest.
    @Test func roundTripOfALargeStreamedObject() async throws {
        let store = try await S3TestServer.store()
        let key = uniquePrefix("large") + "/big.bin"
        let size: Int64 = 256 << 20
        let expected = try await digest(of: .generated(total: size, seed: 42))
        let info = try await store.put(key: key, body: .generated(total: size, seed: 42))
        #expect(info.size == size)
        let head = try await store.head(key: key)
        #expect(head.size == size)
        let actual = try await digest(of: try await store.get(key: key))
        #expect(actual == expected)
        try await store.delete(key: key)
        try await store.shutdown()
    }

    /// The server's multipart ETag ("<md5 of part md5s>-<part count>") proves the
    /// object was assembled from the expected number of parts.
    @Test func multipartUploadUsesTheConfiguredPartSize() async throws {
        let store = try await S3TestServer.store(partSize: 5 << 20, partsInFlight: 3)
        let key = uniquePrefix("multipart") + "/parts.bin"
        let size: Int64 = (23 << 20) + 12345
        let info = try await store.put(key: key, body: .generated(total: size, seed: 3, chunkSize: 300_000))
        let head = try await store.head(key: key)
        #expect(head.size == size)
        let etag = try #require(head.etag ?? info.etag)
        #expect(etag.trimmingCharacters(in: CharacterSet(charactersIn: "\"")).hasSuffix("-5"))
        #expect(try await digest(of: try await store.get(key: key)) == (try await digest(of: .generated(total: size, seed: 3))))
        #expect(try await store.incompleteUploads(prefix: key).isEmpty)
        try await store.delete(key: key)
        try await store.shutdown()
    }

    /// Objects larger than one range come back as parallel ranged GETs handed
    /// over in order; sizes on and around the range boundary, and an empty object
    /// (which has no byte 0 for a range to start at).
    @Test(arguments: [0, 1, 64 << 10, (64 << 10) + 1, (1 << 20) + 12345] as [Int64])
    func rangedDownloadsReassembleTheObjectInOrder(size: Int64) async throws {
        let store = try await S3TestServer.store(rangeSize: 64 << 10, rangesInFlight: 3)
        let key = uniquePrefix("ranged") + "/object-\(size)"
        try await store.put(key: key, body: .generated(total: size, seed: UInt64(size) + 11, chunkSize: 10_000))
        let actual = try await digest(of: try await store.get(key: key))
        #expect(actual == (try await digest(of: .generated(total: size, seed: UInt64(size) + 11))))
        try await store.delete(key: key)
        try await store.shutdown()
    }

    /// Ranges are pinned to the ETag of the first answer: an object replaced while
    /// it is being read fails the read instead of mixing two versions.
    @Test func anObjectReplacedMidDownloadFailsTheRead() async throws {
        let store = try await S3TestServer.store(rangeSize: 64 << 10, rangesInFlight: 1)
        let key = uniquePrefix("replaced") + "/object"
        let size: Int64 = 2 << 20
        try await store.put(key: key, body: .generated(total: size, seed: 1))
        var iterator = try await store.get(key: key).makeAsyncIterator()
        _ = try await iterator.next()
        try await store.put(key: key, body: .generated(total: size, seed: 2))
        await #expect {
            while try await iterator.next() != nil {}
        } throws: { error in
            guard case let ObjectStoreError.service(_, _, errorKey, status, _, _) = error else { return false }
            return status == 412 && errorKey == key
        }
        try await store.delete(key: key)
        try await store.shutdown()
    }

    @Test func listingMoreThanAThousandKeysFollowsContinuationTokens() async throws {
        let store = try await S3TestServer.store()
        let prefix = uniquePrefix("many") + "/"
        let keys = (0..<1105).map { String(format: "\(prefix)key-%05d", $0) }
        try await withThrowingTaskGroup(of: Void.self) { group in
            var next = 0
            for _ in 0..<16 where next < keys.count {
                let key = keys[next]
                next += 1
                group.addTask { try await store.put(key: key, body: ByteStream(data: Array(key.utf8))) }
            }
            while try await group.next() != nil, next < keys.count {
                let key = keys[next]
                next += 1
                group.addTask { try await store.put(key: key, body: ByteStream(data: Array(key.utf8))) }
            }
            try await group.waitForAll()
        }
        let listed = try await store.list(prefix: prefix)
        #expect(listed.map(\.key) == keys)
        try await store.deleteMany(keys: keys)
        #expect(try await store.list(prefix: prefix).isEmpty)
        try await store.shutdown()
    }

    @Test(arguments: ["time 2026-01-02T03:04:05Z.tar", "a+b=c&d", "with space/and more spaces", "unicodé/日本語/ü€", "odd!'()*,;$@#%.bin"])
    func keysWithAnyCharactersRoundTrip(name: String) async throws {
        let store = try await S3TestServer.store()
        let prefix = uniquePrefix("keys") + "/"
        let key = prefix + name
        try await store.put(key: key, body: ByteStream(data: Array("content of \(name)".utf8)))
        #expect(try await store.head(key: key).size == Int64("content of \(name)".utf8.count))
        let read = try await store.get(key: key).collect(upTo: 1 << 20)
        #expect(String(buffer: read) == "content of \(name)")
        #expect(try await store.list(prefix: prefix).map(\.key) == [key])
        try await store.deleteMany(keys: [key])
        #expect(try await store.list(prefix: prefix).isEmpty)
        try await store.shutdown()
    }

    @Test func wrongSecretGetsSignatureDoesNotMatch() async throws {
        let store = S3Store(configuration: try S3TestServer.configuration(secret: "not-the-right-secret-at-all"))
        let error = await #expect(throws: ObjectStoreError.self) {
            try await store.put(key: "probe", body: ByteStream(data: Array("x".utf8)))
        }
        let text = "\(error.map { "\($0)" } ?? "")"
        #expect(text.contains("signature does not match: check the secret access key"))
        #expect(text.contains("s3://\(S3TestServer.bucket)/probe"))
        #expect(!text.contains("not-the-right-secret-at-all"))
        try await store.shutdown()
    }

    @Test func missingObjectIsNotFound() async throws {
        let store = try await S3TestServer.store()
        let key = uniquePrefix("missing") + "/nothing"
        await #expect(throws: ObjectStoreError.notFound(operation: "get", store: store.displayName, key: key)) {
            _ = try await store.get(key: key)
        }
        await #expect(throws: ObjectStoreError.notFound(operation: "head", store: store.displayName, key: key)) {
            _ = try await store.head(key: key)
        }
        try await store.delete(key: key)
        try await store.shutdown()
    }

    @Test func failingSourceStreamAbortsTheMultipartUpload() async throws {
        let store = try await S3TestServer.store(partSize: 5 << 20, partsInFlight: 2)
        let key = uniquePrefix("abort") + "/partial.bin"
        struct SourceFailed: Error {}
        let failing = ByteStream {
            var sent = 0
            return {
                sent += 1
                if sent > 20 { throw SourceFailed() }
                return ByteBuffer(repeating: 7, count: 1 << 20)
            }
        }
        await #expect(throws: SourceFailed.self) { try await store.put(key: key, body: failing) }
        #expect(try await store.incompleteUploads(prefix: key).isEmpty)
        await #expect(throws: ObjectStoreError.self) { try await store.head(key: key) }
        try await store.shutdown()
    }
}
