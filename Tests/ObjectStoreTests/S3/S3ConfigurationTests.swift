import Foundation
import Testing
@testable import ObjectStore

@Suite struct S3ConfigurationTests {
    let credentials = S3Credentials(accessKeyID: "id", secretAccessKey: "secret")

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
