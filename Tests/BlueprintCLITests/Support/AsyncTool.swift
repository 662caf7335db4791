import ChildProcesses
import Foundation
import NIOCore
import Synchronization

/// Runs a program to its end without holding a thread of the test process while
/// it runs: a client blocked on MariaDB's global read lock (another suite's
/// freeze) must not keep the suite that holds the lock from running.
enum AsyncTool {
    struct Failed: Error, CustomStringConvertible { var description: String }

    /// Its stdout, or an error with its stderr.
    @discardableResult
    static func run(_ arguments: [String], environment: [String: String] = [:], input: String? = nil) async throws -> String {
        let output = Mutex((stdout: [UInt8](), stderr: [UInt8]()))
        let status = try await ChildProcess.run(
            ProcessCommand(arguments[0], Array(arguments.dropFirst()), environment: .inherited(adding: environment)),
            input: input.map { ByteBuffer(string: $0) }, killGracePeriod: .seconds(2)
        ) { stream, buffer in
            output.withLock { stream == .stdout ? $0.stdout.append(contentsOf: buffer.readableBytesView)
                                                : $0.stderr.append(contentsOf: buffer.readableBytesView) }
        }
        let (stdout, stderr) = output.withLock { (String(decoding: $0.stdout, as: UTF8.self), String(decoding: $0.stderr, as: UTF8.self)) }
        guard status.succeeded else { throw Failed(description: "\(arguments.joined(separator: " ")) failed: \(stderr)") }
        return stdout
    }
}

extension AppCluster {
    @discardableResult
    static func kubectlAsync(_ arguments: [String], input: String? = nil) async throws -> String {
        guard let kubeconfig else { throw Failed(description: "no ENVTEST_KUBECONFIG or KUBECONFIG") }
        return try await AsyncTool.run(["kubectl", "--kubeconfig", kubeconfig] + arguments, input: input)
    }

    static func applyAsync(_ manifest: String) async throws {
        try await kubectlAsync(["apply", "-f", "-"], input: manifest)
    }
}

extension PostgresForApp {
    @discardableResult
    static func psqlAsync(_ sql: String, database: String = "postgres") async throws -> String {
        try await AsyncTool.run(["psql", "-X", "-q", "-A", "-t", "-v", "ON_ERROR_STOP=1", "-d", database, "-c", sql],
                                environment: ["PGPASSWORD": environment["BLUEPRINT_PG_PASSWORD"] ?? ""])
    }
}

extension MariaDBForApp {
    @discardableResult
    static func sqlAsync(_ statements: String, database: String? = nil) async throws -> String {
        let arguments = ["mariadb", "--protocol=TCP", "--host=\(environment["BLUEPRINT_MARIADB_HOST"] ?? "127.0.0.1")",
                         "--port=\(environment["BLUEPRINT_MARIADB_PORT"] ?? "3306")",
                         "--user=\(environment["BLUEPRINT_MARIADB_USER"] ?? "blueprint")", "--batch", "--skip-column-names"]
            + (database.map { ["--database=\($0)"] } ?? []) + ["-e", statements]
        return try await AsyncTool.run(arguments, environment: ["MYSQL_PWD": environment["BLUEPRINT_MARIADB_PASSWORD"] ?? ""])
    }
}
