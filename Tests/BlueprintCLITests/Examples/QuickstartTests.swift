import Foundation
import Testing

/// True when the quickstart can run: PostgreSQL's server is installed, or CI requires it.
enum PostgresBinaries {
    static var available: Bool {
        if ProcessInfo.processInfo.environment["BLUEPRINT_REQUIRE_INTEGRATION"] == "1" { return true }
        let versions = (try? FileManager.default.contentsOfDirectory(atPath: "/usr/lib/postgresql")) ?? []
        return versions.contains { FileManager.default.isExecutableFile(atPath: "/usr/lib/postgresql/\($0)/bin/postgres") }
    }
}

/// examples/quickstart/run.sh end to end: a real PostgreSQL, `blueprint run
/// backup`, a dropped table, `blueprint run restore --from`, the rows back.
@Suite(.enabled(if: PostgresBinaries.available, "needs PostgreSQL server binaries (or BLUEPRINT_REQUIRE_INTEGRATION=1)"))
struct QuickstartTests {
    @Test func quickstartBacksUpDropsRestoresAndFindsTheDataBack() async throws {
        let script = CLI.repositoryRoot.appendingPathComponent("examples/quickstart/run.sh").path
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("quickstart-test-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let log = directory.appendingPathComponent("output").path
        _ = FileManager.default.createFile(atPath: log, contents: nil)

        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/bin/bash")
        process.arguments = [script]
        var environment = ProcessInfo.processInfo.environment
        // The test's own binary: no nested `swift build` while `swift test` holds the build.
        environment["BLUEPRINT_BIN"] = CLI.binary
        // Below the ephemeral range (32768–60999 on Linux), so no port-0 listener or
        // outgoing connection elsewhere in the suite can hold it when the server starts.
        environment["BLUEPRINT_PG_PORT"] = "29498"
        environment["BLUEPRINT_PG_DIR"] = "/tmp/blueprint-quickstart-test-\(UUID().uuidString.prefix(8))"
        process.environment = environment
        process.standardOutput = FileHandle(forWritingAtPath: log)
        process.standardError = FileHandle(forWritingAtPath: log)
        process.standardInput = FileHandle.nullDevice
        try process.run()
        let deadline = Date().addingTimeInterval(240)
        while process.isRunning && Date() < deadline { try await Task.sleep(for: .milliseconds(100)) }
        if process.isRunning { process.terminate() }
        let output = (try? String(contentsOfFile: log, encoding: .utf8)) ?? ""

        #expect(process.terminationStatus == 0, "quickstart failed:\n\(output)")
        #expect(output.contains("OK: the data is back (1000 rows"), "\(output)")
        #expect(output.contains("backup") && output.contains("succeeded"))
        // Everything it started is gone: the server's directory was removed.
        #expect(!FileManager.default.fileExists(atPath: environment["BLUEPRINT_PG_DIR"]!))
    }
}
