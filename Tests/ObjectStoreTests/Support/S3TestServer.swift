import Crypto
import Foundation
import NIOCore
import Testing
@testable import ObjectStore

/// The real S3 server the tests run against, described by the environment that
/// `../shared/s3/start.sh` prints (S3_ENDPOINT, AWS_ACCESS_KEY_ID, …).
///
/// Without it the S3 tests skip, unless BLUEPRINT_REQUIRE_INTEGRATION=1 says the
/// server must be there: then they run and fail on the missing variables.
enum S3TestServer {
    static let environment = ProcessInfo.processInfo.environment

    static var isConfigured: Bool { environment["S3_ENDPOINT"] != nil }
    static var isRequired: Bool { environment["BLUEPRINT_REQUIRE_INTEGRATION"] == "1" }
    /// Use with `.enabled(if:)`.
    static var shouldRun: Bool { isConfigured || isRequired }

    static let bucket = "blueprint-tests"

    /// `../shared/s3` relative to the package root, or `$S3_SCRIPTS`.
    static var scriptsFolder: URL {
        if let folder = environment["S3_SCRIPTS"] { return URL(fileURLWithPath: folder) }
        return URL(fileURLWithPath: #filePath)
            .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("shared/s3")
    }

    static func configuration(
        endpoint: String? = nil, bucket: String = bucket, secret: String? = nil,
        partSize: Int = 8 << 20, partsInFlight: Int = 4, maxAttempts: Int = 5,
        rangeSize: Int = 8 << 20, rangesInFlight: Int = 3
    ) throws -> S3Configuration {
        let endpointText = try #require(endpoint ?? environment["S3_ENDPOINT"], "S3_ENDPOINT is not set: run eval \"$(../shared/s3/start.sh)\"")
        let id = try #require(environment["AWS_ACCESS_KEY_ID"], "AWS_ACCESS_KEY_ID is not set")
        let key = try #require(secret ?? environment["AWS_SECRET_ACCESS_KEY"], "AWS_SECRET_ACCESS_KEY is not set")
        return S3Configuration(
            endpoint: URL(string: endpointText)!, bucket: bucket,
            region: environment["AWS_DEFAULT_REGION"] ?? "us-east-1",
            credentials: S3Credentials(accessKeyID: id, secretAccessKey: key),
            partSize: partSize, partsInFlight: partsInFlight, rangeSize: rangeSize, rangesInFlight: rangesInFlight,
            maxAttempts: maxAttempts, baseRetryDelay: .milliseconds(50), maxRetryDelay: .milliseconds(500),
            connectTimeout: .seconds(2))
    }

    /// A store on the shared test bucket (created if needed).
    static func store(
        endpoint: String? = nil, partSize: Int = 8 << 20, partsInFlight: Int = 4, maxAttempts: Int = 5,
        rangeSize: Int = 8 << 20, rangesInFlight: Int = 3
    ) async throws -> S3Store {
        let store = S3Store(configuration: try configuration(
            endpoint: endpoint, partSize: partSize, partsInFlight: partsInFlight, maxAttempts: maxAttempts,
            rangeSize: rangeSize, rangesInFlight: rangesInFlight))
        try await store.createBucket()
        return store
    }

    /// Runs a script of ../shared/s3 with extra environment (its output goes to
    /// stderr). Spawned directly and awaited by polling, so no thread of the
    /// concurrency pool blocks while the server starts or stops.
    static func runScript(_ name: String, environment extra: [String: String]) async throws {
        let script = scriptsFolder.appendingPathComponent(name).path
        let merged = environment.merging(extra) { _, new in new }
        let arguments = ["/bin/bash", script]
        let environmentLines = merged.map { "\($0.key)=\($0.value)" }
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
        posix_spawn_file_actions_adddup2(&actions, 2, 1)
        var pid: pid_t = 0
        let cArguments = arguments.map { strdup($0) } + [nil]
        let cEnvironment = environmentLines.map { strdup($0) } + [nil]
        defer {
            cArguments.forEach { free($0) }
            cEnvironment.forEach { free($0) }
        }
        let spawned = posix_spawn(&pid, "/bin/bash", &actions, nil, cArguments, cEnvironment)
        guard spawned == 0 else { throw TestFailure("cannot run \(script): error \(spawned)") }
        var status: Int32 = 0
        while true {
            let result = waitpid(pid, &status, WNOHANG)
            if result == pid { break }
            if result < 0 { throw TestFailure("waitpid for \(name) failed: errno \(errno)") }
            try await Task.sleep(for: .milliseconds(50))
        }
        let exited = (status & 0x7f) == 0
        let code = (status >> 8) & 0xff
        guard exited, code == 0 else { throw TestFailure("\(name) failed (wait status \(status))") }
    }
}

struct TestFailure: Error, CustomStringConvertible {
    var description: String
    init(_ description: String) { self.description = description }
}

/// A unique key prefix per test so tests sharing a bucket never collide.
func uniquePrefix(_ name: String) -> String {
    "\(name)-\(UUID().uuidString.prefix(8).lowercased())"
}

/// SHA-256 (hex) and size of a whole stream, computed while reading it.
func digest(of stream: ByteStream) async throws -> (sha256: String, size: Int64) {
    var hasher = SHA256()
    var size: Int64 = 0
    for try await chunk in stream {
        chunk.withUnsafeReadableBytes { hasher.update(bufferPointer: $0) }
        size += Int64(chunk.readableBytes)
    }
    return (hasher.finalize().map { String(format: "%02x", $0) }.joined(), size)
}

/// A fresh empty folder under the system temp directory.
func temporaryFolder(_ name: String = "objectstore") throws -> URL {
    let url = FileManager.default.temporaryDirectory.appendingPathComponent("\(name)-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    return url
}

/// A private instance of the test S3 server on its own port and data folder, for
/// tests that stop, restart or tamper with the server.
struct PrivateS3Server {
    let port: Int
    let dataDir: String
    let environment: [String: String]
    var endpoint: String { "http://127.0.0.1:\(port)" }

    init(port: Int) throws {
        self.port = port
        dataDir = FileManager.default.temporaryDirectory
            .appendingPathComponent("bp-s3-\(port)-\(UUID().uuidString.prefix(8))").path
        environment = [
            "S3_PORT": "\(port)", "S3_DIR": dataDir,
            "S3_ACCESS_KEY": try #require(S3TestServer.environment["AWS_ACCESS_KEY_ID"], "AWS_ACCESS_KEY_ID is not set"),
            "S3_SECRET_KEY": try #require(S3TestServer.environment["AWS_SECRET_ACCESS_KEY"], "AWS_SECRET_ACCESS_KEY is not set"),
        ]
    }

    func start() async throws { try await S3TestServer.runScript("start.sh", environment: environment) }

    /// Stops the server; `keepData` leaves its folder for a restart.
    func stop(keepData: Bool) async throws {
        try await S3TestServer.runScript("stop.sh", environment: environment.merging(["KEEP": keepData ? "1" : "0"]) { _, new in new })
    }

    /// Starts the server, runs `body`, and stops the server and deletes its data
    /// whatever happened.
    func withRunning(_ body: () async throws -> Void) async throws {
        try await start()
        do {
            try await body()
        } catch {
            try? await stop(keepData: false)
            throw error
        }
        try await stop(keepData: false)
    }
}
