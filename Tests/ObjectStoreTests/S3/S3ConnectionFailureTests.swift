import Foundation
import Testing
@testable import ObjectStore

/// A server that is not there, or that never answers, is reported within the
/// limits the profile sets, naming the endpoint and what to check. The time
/// bounds only catch a hang (the bug was 40–52 s per command); they are not
/// performance assertions.
@Suite struct S3ConnectionFailureTests {
    static let credentials = S3Credentials(accessKeyID: "AKIDFORTESTS", secretAccessKey: "secret-that-must-not-leak-0123")

    func profile(endpoint: String, extra: String = "") throws -> Profile {
        let folder = try temporaryFolder("profile")
        let file = folder.appendingPathComponent("p.yaml")
        try """
            location: {type: s3Compliant, bucket: backups, endpoint: "\(endpoint)"}
            credential: {type: keyPair, keyPair: {id: AKIDFORTESTS, secretValue: secret-that-must-not-leak-0123}}
            \(extra)
            """.write(to: file, atomically: true, encoding: .utf8)
        return try ProfileLoader(stateDirectory: folder).load(file: file.path)
    }

    @Test func aProfilePointingAtAClosedPortFailsFastSayingConnectionRefused() async throws {
        let closed = try ClosedPort()
        defer { closed.close() }
        let port = closed.port
        let store = try profile(endpoint: "http://127.0.0.1:\(port)").makeStore(environment: [:], stateDirectory: try temporaryFolder())
        let started = ContinuousClock.now
        let error = await #expect(throws: ObjectStoreError.self) {
            _ = try await ArtifactStore(store: store, prefix: "p").list()
        }
        let elapsed = ContinuousClock.now - started
        try await store.shutdown()
        guard case let .unreachable(_, _, _, endpoint, failure, attempts)? = error else {
            Issue.record("expected an unreachable error, got \(String(describing: error))")
            return
        }
        #expect(failure == .refused)
        #expect(endpoint == "127.0.0.1:\(port)")
        #expect(attempts == 3)
        let text = error?.description ?? ""
        #expect(text.contains("connection refused by 127.0.0.1:\(port)"))
        #expect(text.contains("Is the server running?"))
        #expect(text.contains("location.endpoint"))
        #expect(!text.contains("error set"))
        #expect(!text.contains("secret-that-must-not-leak"))
        // `.refused` above proves no connect timeout was waited for; this bound only
        // catches a hang (generous: a loaded 2-core machine is slow).
        #expect(elapsed < .seconds(300), "took \(elapsed): refused connections must not wait for the connect timeout")
    }

    @Test func aServerThatAcceptsAndNeverAnswersTimesOutAfterTheReadTimeout() async throws {
        let server = try SilentServer()
        defer { server.close() }
        let store = try profile(endpoint: server.endpoint, extra: "readTimeout: 1s\nconnectTimeout: 2s")
            .makeStore(environment: [:], stateDirectory: try temporaryFolder())
        let started = ContinuousClock.now
        let error = await #expect(throws: ObjectStoreError.self) {
            _ = try await store.head(key: "some/object")
        }
        let elapsed = ContinuousClock.now - started
        try await store.shutdown()
        guard case let .unreachable(_, _, _, _, failure, _)? = error else {
            Issue.record("expected an unreachable error, got \(String(describing: error))")
            return
        }
        #expect(failure == .readTimedOut(after: .seconds(1)))
        let text = error?.description ?? ""
        #expect(text.contains("head s3://backups/some/object"))
        #expect(text.contains("127.0.0.1:\(server.port) accepted the connection but timed out after 1s without an answer"))
        #expect(text.contains("readTimeout"))
        // Only catches a stall that never ends (generous: a loaded machine is slow).
        #expect(elapsed < .seconds(300), "took \(elapsed): a stalled server must be given up on after the read timeout")
    }

    @Test func theReadTimeoutAlsoStopsAStalledStoreAtTheS3ConfigurationLevel() async throws {
        let server = try SilentServer()
        defer { server.close() }
        let store = S3Store(configuration: S3Configuration(
            endpoint: URL(string: server.endpoint)!, bucket: "b", credentials: Self.credentials,
            maxAttempts: 5, baseRetryDelay: .milliseconds(10), unreachableAttempts: 2, readTimeout: .milliseconds(500)))
        let error = await #expect(throws: ObjectStoreError.self) {
            _ = try await store.list(prefix: "x/")
        }
        try await store.shutdown()
        guard case let .unreachable(_, _, _, _, failure, attempts)? = error else {
            Issue.record("expected an unreachable error, got \(String(describing: error))")
            return
        }
        #expect(failure == .readTimedOut(after: .milliseconds(500)))
        #expect(attempts == 2, "a stalled server gets unreachableAttempts, not maxAttempts")
        #expect(error?.description.contains("timed out after 500ms") == true)
    }

    @Test func anUnknownHostIsNamed() async throws {
        let store = S3Store(configuration: S3Configuration(
            endpoint: URL(string: "http://no-such-host.invalid:9000")!, bucket: "b", credentials: Self.credentials,
            baseRetryDelay: .milliseconds(10), unreachableAttempts: 1))
        let error = await #expect(throws: ObjectStoreError.self) {
            _ = try await store.head(key: "k")
        }
        try await store.shutdown()
        let text = error?.description ?? ""
        #expect(text.contains("cannot resolve the host \"no-such-host.invalid\""), "\(text)")
        #expect(text.contains("location.endpoint"))
    }
}

/// The S3 pre-flight check: a HEAD on the bucket.
@Suite(.enabled(if: S3TestServer.shouldRun, "needs S3_ENDPOINT from ../shared/s3/start.sh"), .serialized)
struct S3CheckWritableTests {
    @Test func anExistingBucketPasses() async throws {
        let store = try await S3TestServer.store()
        try await store.checkWritable()
        try await store.shutdown()
    }

    @Test func aMissingBucketIsRefusedWithTheFix() async throws {
        let store = S3Store(configuration: try S3TestServer.configuration(bucket: "no-such-bucket-\(UUID().uuidString.prefix(8).lowercased())"))
        let error = await #expect(throws: ObjectStoreError.self) { try await store.checkWritable() }
        try await store.shutdown()
        let text = error?.description ?? ""
        #expect(text.contains("the bucket does not exist"), "\(text)")
        #expect(text.contains("location.bucket"))
    }

    @Test func aWrongSecretFailsTheCheckPointingAtTheCredentials() async throws {
        let store = S3Store(configuration: try S3TestServer.configuration(secret: "wrong-secret-for-the-check-42"))
        let error = await #expect(throws: ObjectStoreError.self) { try await store.checkWritable() }
        try await store.shutdown()
        let text = error?.description ?? ""
        #expect(text.contains("access is denied (HTTP 403"), "\(text)")
        #expect(text.contains("Check the profile's credentials"))
        #expect(!text.contains("wrong-secret-for-the-check-42"))
    }

    @Test func aClosedPortFailsTheCheckAsRefused() async throws {
        let closed = try ClosedPort()
        defer { closed.close() }
        let port = closed.port
        let store = S3Store(configuration: try S3TestServer.configuration(endpoint: "http://127.0.0.1:\(port)"))
        let error = await #expect(throws: ObjectStoreError.self) { try await store.checkWritable() }
        try await store.shutdown()
        #expect(error?.description.contains("connection refused by 127.0.0.1:\(port)") == true, "\(String(describing: error))")
    }
}
