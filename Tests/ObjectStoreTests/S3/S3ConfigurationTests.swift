import Foundation
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
