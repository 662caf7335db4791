import ChildProcesses
import Foundation
import NIOCore
import Synchronization
import Testing

/// Runs a program of this machine (etcdctl, redis-cli, etcd) for the catalog's
/// tests, through the engine's own `ChildProcess`.
enum LocalTool {
    struct Failed: Error, CustomStringConvertible { var description: String }

    /// Runs to its end; its stdout, or an error with its status and stderr.
    @discardableResult
    static func run(_ argv: [String], environment: [String: String] = [:]) async throws -> String {
        let printed = Mutex<[ProcessStream: [UInt8]]>([:])
        let status = try await ChildProcess.run(
            ProcessCommand(argv: argv, environment: .inherited(adding: environment))!, killGracePeriod: .seconds(2)
        ) { stream, buffer in printed.withLock { $0[stream, default: []].append(contentsOf: buffer.readableBytesView) } }
        let (stdout, stderr) = printed.withLock { (String(decoding: $0[.stdout] ?? [], as: UTF8.self),
                                                   String(decoding: $0[.stderr] ?? [], as: UTF8.self)) }
        guard status.succeeded else { throw Failed(description: "\(argv.joined(separator: " ")) failed with \(status): \(stderr)") }
        return stdout
    }

    /// Polls `condition` every 100 ms until it holds; false after `seconds`.
    static func eventually(within seconds: Double, _ condition: () async -> Bool) async throws -> Bool {
        let deadline = Date().addingTimeInterval(seconds)
        while Date() < deadline {
            if await condition() { return true }
            try await Task.sleep(for: .milliseconds(100))
        }
        return await condition()
    }

    /// The run id of a `blueprint run … -o json`: its record (`--blueprint`), or
    /// the first component's run of the application backup (`--app`:
    /// `{"application": …, "runs": […]}`).
    static func runID(_ stdout: String) throws -> String {
        let json = try? JSONSerialization.jsonObject(with: Data(stdout.utf8)) as? [String: Any]
        let record = (json?["runs"] as? [[String: Any]])?.first ?? json ?? [:]
        return try #require(record["id"] as? String, "no run record in: \(stdout)")
    }
}

/// The test etcd of scripts/start-etcd.sh (authentication on, user root).
enum EtcdForApp {
    static let environment = ProcessInfo.processInfo.environment
    static let requireIntegration = environment["BLUEPRINT_REQUIRE_INTEGRATION"] == "1"
    static let enabled = environment["BLUEPRINT_ETCD_ENDPOINT"] != nil || requireIntegration
    static var endpoint: String { environment["BLUEPRINT_ETCD_ENDPOINT"] ?? "" }
    static var password: String { environment["BLUEPRINT_ETCD_PASSWORD"] ?? "" }

    @discardableResult
    static func ctl(_ arguments: [String], endpoint: String = endpoint) async throws -> String {
        try await LocalTool.run(["etcdctl", "--endpoints=\(endpoint)", "--dial-timeout=5s"] + arguments,
                                environment: ["ETCDCTL_API": "3", "ETCDCTL_USER": "root", "ETCDCTL_PASSWORD": password])
    }
}

/// The test Redis of scripts/start-redis.sh (requirepass; redis.conf to start it again).
enum RedisForApp {
    static let environment = ProcessInfo.processInfo.environment
    static let requireIntegration = environment["BLUEPRINT_REQUIRE_INTEGRATION"] == "1"
    static let enabled = environment["BLUEPRINT_REDIS_PORT"] != nil || requireIntegration
    static var port: String { environment["BLUEPRINT_REDIS_PORT"] ?? "" }
    static var password: String { environment["BLUEPRINT_REDIS_PASSWORD"] ?? "" }
    static var directory: String { environment["BLUEPRINT_REDIS_DIR"] ?? "" }

    @discardableResult
    static func cli(_ arguments: [String]) async throws -> String {
        try await LocalTool.run(["redis-cli", "-h", "127.0.0.1", "-p", port, "--raw"] + arguments,
                                environment: ["REDISCLI_AUTH": password])
    }

    static func isUp() async -> Bool { (try? await cli(["PING"]))?.contains("PONG") ?? false }

    /// Starts the server again on its configuration and data, as the kubelet
    /// restarts a container whose process ended.
    static func restart() async throws {
        try await LocalTool.run(["redis-server", environment["BLUEPRINT_REDIS_CONF"] ?? ""])
        #expect(try await LocalTool.eventually(within: 30) { await isUp() }, "Redis did not come back")
    }
}
