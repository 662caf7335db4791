import Foundation
import NIOCore
import Testing
@testable import ObjectStore

@Suite struct S3ConfigurationTests {
    let credentials = S3Credentials(accessKeyID: "id", secretAccessKey: "secret")

    /// A stream of unknown length must fit S3's 10,000 parts: parts keep the base
    /// size (bounded memory) for the first 5,000, then double every 1,000.
    @Test func partsGrowLateSoAStreamOfUnknownLengthFitsTenThousandParts() {
        let config = S3Configuration(bucket: "b", credentials: credentials, partSize: 5 << 20)
        #expect(config.partSize(forPart: 1) == 5 << 20)
        #expect(config.partSize(forPart: 5_000) == 5 << 20)
        #expect(config.partSize(forPart: 5_001) == 10 << 20)
        #expect(config.partSize(forPart: 6_001) == 20 << 20)
        #expect(config.partSize(forPart: 10_000) == 160 << 20)
        let firstFiveThousand = (1...5_000).reduce(Int64(0)) { $0 + Int64(config.partSize(forPart: $1)) }
        let all = (1...S3Configuration.maximumParts).reduce(Int64(0)) { $0 + Int64(config.partSize(forPart: $1)) }
        #expect(firstFiveThousand > 24 << 30)  // base-size parts up to 24 GiB
        #expect(all > 300 << 30)  // an object of 300 GiB still fits
    }

    /// Parts are cut from the producer's chunks without copying them into one
    /// block, except small reads in large buffers, which would pin their storage.
    @Test func partsKeepTheProducersBytesInOrderAndPinLittleMemory() async throws {
        var big = ByteBuffer()
        big.reserveCapacity(1 << 20)
        big.writeBytes((0..<(1 << 20)).map { UInt8(truncatingIfNeeded: $0) })
        var tiny = ByteBuffer()
        tiny.reserveCapacity(256 << 10)
        tiny.writeBytes([7, 7, 7])  // 3 bytes in a 256 KiB buffer
        let source = [big, tiny, big]
        let stream = AsyncStream<ByteBuffer> { continuation in
            for buffer in source { continuation.yield(buffer) }
            continuation.finish()
        }
        var reader = PartReader(iterator: ByteStream(stream).makeAsyncIterator())
        var parts: [Payload] = []
        while true {
            let (part, end) = try await reader.read(size: 700_000)
            if part.count > 0 { parts.append(part) }
            if end { break }
        }
        #expect(parts.map(\.count) == [700_000, 700_000, (2 << 20) + 3 - 1_400_000])
        var joined: [UInt8] = []
        for part in parts { for chunk in part.chunks { joined += chunk.readableBytesView } }
        var expected: [UInt8] = []
        for buffer in source { expected += buffer.readableBytesView }
        #expect(joined == expected)
        let pinned = parts.flatMap(\.chunks).reduce(0) { $0 + $1.storageCapacity }
        #expect(pinned < 3 * ((2 << 20) + 3), "parts pin \(pinned) bytes of storage for 2 MiB of data")
        #expect(!parts.flatMap(\.chunks).contains { $0.readableBytes == 3 && $0.storageCapacity >= 256 << 10 })
    }

    @Test func pathStyleIsTheDefaultForACustomEndpoint() {
        let config = S3Configuration(endpoint: URL(string: "http://127.0.0.1:9020")!, bucket: "b", credentials: credentials)
        let location = config.location(forKey: "app/run 1/a:b")
        #expect(location.host == "127.0.0.1:9020")
        #expect(location.url == "http://127.0.0.1:9020/b/app/run%201/a%3Ab")
        #expect(location.encodedPath == "/b/app/run%201/a%3Ab")
    }

    @Test func virtualHostedPutsTheBucketInTheHost() {
        let config = S3Configuration(bucket: "examplebucket", region: "eu-west-1", credentials: credentials)
        #expect(config.addressing == .virtualHosted)
        let location = config.location(forKey: "test.txt")
        #expect(location.host == "examplebucket.s3.eu-west-1.amazonaws.com")
        #expect(location.url == "https://examplebucket.s3.eu-west-1.amazonaws.com/test.txt")
        #expect(location.encodedPath == "/test.txt")
    }

    @Test func payloadIsSignedOnlyOverPlainHTTPByDefault() {
        #expect(S3Configuration(endpoint: URL(string: "http://h")!, bucket: "b", credentials: credentials).signsPayload)
        #expect(!S3Configuration(endpoint: URL(string: "https://h")!, bucket: "b", credentials: credentials).signsPayload)
    }

    @Test func partSizeNeverGoesBelowTheS3Minimum() {
        let config = S3Configuration(bucket: "b", credentials: credentials, partSize: 1024)
        #expect(config.partSize == 5 * 1024 * 1024)
    }

    @Test func transientErrorsAreRetriedOthersAreNot() {
        #expect(ObjectStoreError.service(operation: "put", store: "s", key: "k", status: 503, code: "SlowDown", message: "").isTransient)
        #expect(ObjectStoreError.service(operation: "put", store: "s", key: "k", status: 429, code: "TooManyRequests", message: "").isTransient)
        #expect(ObjectStoreError.transport(operation: "put", store: "s", key: "k", reason: "connection reset").isTransient)
        #expect(!ObjectStoreError.service(operation: "put", store: "s", key: "k", status: 403, code: "SignatureDoesNotMatch", message: "").isTransient)
    }
}
