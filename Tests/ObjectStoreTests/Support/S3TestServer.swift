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
        partSize: Int = 8 << 20, partsInFlight: Int = 4, maxAttempts: Int = 5
    ) throws -> S3Configuration {
        let endpointText = try #require(endpoint ?? environment["S3_ENDPOINT"], "S3_ENDPOINT is not set: run eval \"$(../shared/s3/start.sh)\"")
        let id = try #require(environment["AWS_ACCESS_KEY_ID"], "AWS_ACCESS_KEY_ID is not set")
        let key = try #require(secret ?? environment["AWS_SECRET_ACCESS_KEY"], "AWS_SECRET_ACCESS_KEY is not set")
        return S3Configuration(
            endpoint: URL(string: endpointText)!, bucket: bucket,
            region: environment["AWS_DEFAULT_REGION"] ?? "us-east-1",
            credentials: S3Credentials(accessKeyID: id, secretAccessKey: key),
            partSize: partSize, partsInFlight: partsInFlight, maxAttempts: maxAttempts,
            baseRetryDelay: .milliseconds(50), maxRetryDelay: .milliseconds(500),
            connectTimeout: .seconds(2))
    }

    /// A store on the shared test bucket (created if needed).
    static func store(
        endpoint: String? = nil, partSize: Int = 8 << 20, partsInFlight: Int = 4, maxAttempts: Int = 5
    ) async throws -> S3Store {
        let store = S3Store(configuration: try configuration(
            endpoint: endpoint, partSize: partSize, partsInFlight: partsInFlight, maxAttempts: maxAttempts))
        try await store.createBucket()
        return store
    }

    /// Runs a script of ../shared/s3 with extra environment; returns its stdout.
    @discardableResult
    static func runScript(_ name: String, environment extra: [String: String]) throws -> String {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/bin/bash")
        process.arguments = [scriptsFolder.appendingPathComponent(name).path]
        process.environment = environment.merging(extra) { _, new in new }
        let output = Pipe()
        process.standardOutput = output
        try process.run()
        let data = output.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        guard process.terminationStatus == 0 else {
            throw TestFailure("\(name) exited with status \(process.terminationStatus)")
        }
        return String(decoding: data, as: UTF8.self)
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
