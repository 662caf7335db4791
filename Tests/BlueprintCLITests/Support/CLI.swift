import Foundation
import Testing

/// Runs the built `blueprint` executable as a real process.
struct CLI {
    static let repositoryRoot = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    static let binary = repositoryRoot.appendingPathComponent(".build/debug/blueprint").path

    /// The scratch directory; `BLUEPRINT_HOME` points inside it.
    let directory: URL

    init() {
        directory = FileManager.default.temporaryDirectory.appendingPathComponent("cli-tests-\(UUID().uuidString)")
        try? FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
    }

    var home: String { directory.appendingPathComponent("home").path }
    func file(_ name: String) -> String { directory.appendingPathComponent(name).path }
    func exists(_ name: String) -> Bool { FileManager.default.fileExists(atPath: file(name)) }
    func read(_ name: String) -> String { (try? String(contentsOfFile: file(name), encoding: .utf8)) ?? "" }

    @discardableResult
    func write(_ name: String, _ text: String) -> String {
        _ = FileManager.default.createFile(atPath: file(name), contents: Data(text.utf8))
        return file(name)
    }

    /// A started `blueprint` process with its output going to files.
    final class Running: @unchecked Sendable {
        let process: Process
        let stdoutPath: String
        let stderrPath: String

        init(process: Process, stdoutPath: String, stderrPath: String) {
            self.process = process
            self.stdoutPath = stdoutPath
            self.stderrPath = stderrPath
        }

        var pid: Int32 { process.processIdentifier }
        var stdout: String { (try? String(contentsOfFile: stdoutPath, encoding: .utf8)) ?? "" }
        var stderr: String { (try? String(contentsOfFile: stderrPath, encoding: .utf8)) ?? "" }

        /// Waits for the exit without blocking a concurrency thread; nil on timeout.
        func exitStatus(within seconds: Double = 60) async throws -> Int32? {
            let deadline = Date().addingTimeInterval(seconds)
            while process.isRunning {
                if Date() > deadline { return nil }
                try await Task.sleep(for: .milliseconds(25))
            }
            return process.terminationStatus
        }
    }

    func start(_ arguments: [String], environment overrides: [String: String] = [:]) throws -> Running {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: Self.binary)
        process.arguments = arguments
        var environment = ProcessInfo.processInfo.environment.merging(overrides) { _, new in new }
        environment["BLUEPRINT_HOME"] = overrides["BLUEPRINT_HOME"] ?? home
        process.environment = environment
        process.currentDirectoryURL = directory
        let tag = UUID().uuidString.prefix(8)
        let stdoutPath = file("stdout-\(tag)"), stderrPath = file("stderr-\(tag)")
        _ = FileManager.default.createFile(atPath: stdoutPath, contents: nil)
        _ = FileManager.default.createFile(atPath: stderrPath, contents: nil)
        process.standardOutput = FileHandle(forWritingAtPath: stdoutPath)
        process.standardError = FileHandle(forWritingAtPath: stderrPath)
        process.standardInput = FileHandle.nullDevice
        try process.run()
        return Running(process: process, stdoutPath: stdoutPath, stderrPath: stderrPath)
    }

    /// Runs to completion: (exit status, stdout, stderr).
    func run(_ arguments: [String], timeout: Double = 60, environment: [String: String] = [:]) async throws
        -> (status: Int32, stdout: String, stderr: String)
    {
        let running = try start(arguments, environment: environment)
        guard let status = try await running.exitStatus(within: timeout) else {
            kill(running.pid, SIGKILL)
            Issue.record("blueprint \(arguments.joined(separator: " ")) did not finish in \(timeout) s")
            return (-1, running.stdout, running.stderr)
        }
        return (status, running.stdout, running.stderr)
    }

    /// Waits until `name` exists in the scratch directory.
    func waitFor(_ name: String, within seconds: Double = 30) async throws -> Bool {
        let deadline = Date().addingTimeInterval(seconds)
        while !exists(name) {
            if Date() > deadline { return false }
            try await Task.sleep(for: .milliseconds(20))
        }
        return true
    }

    /// The run record as JSON.
    func journal(_ runID: String) throws -> [String: Any] {
        let data = try Data(contentsOf: URL(fileURLWithPath: home).appendingPathComponent("runs/\(runID).json"))
        return try JSONSerialization.jsonObject(with: data) as? [String: Any] ?? [:]
    }

    /// The peak resident set (VmHWM) of a running process, in bytes.
    static func peakRSS(_ pid: Int32) -> Int? {
        guard let status = try? String(contentsOfFile: "/proc/\(pid)/status", encoding: .utf8),
              let line = status.split(separator: "\n").first(where: { $0.hasPrefix("VmHWM:") }),
              let kilobytes = Int(line.split(whereSeparator: { $0 == " " || $0 == "\t" })[1]) else { return nil }
        return kilobytes * 1024
    }

    static let header = """
        apiVersion: cr.kanister.io/v1alpha1
        kind: Blueprint
        metadata:
          name: cli-test
        actions:
        """
}

/// Live processes whose command line contains `marker`.
func processes(matching marker: String) -> [Int32] {
    let entries = (try? FileManager.default.contentsOfDirectory(atPath: "/proc")) ?? []
    return entries.compactMap { Int32($0) }.filter { pid in
        guard let data = FileManager.default.contents(atPath: "/proc/\(pid)/cmdline") else { return false }
        guard String(decoding: data.map { $0 == 0 ? 32 : $0 }, as: UTF8.self).contains(marker) else { return false }
        let stat = (try? String(contentsOfFile: "/proc/\(pid)/stat", encoding: .utf8)) ?? ""
        guard let close = stat.lastIndex(of: ")") else { return false }
        return stat[stat.index(after: close)...].split(separator: " ").first != "Z"
    }
}
