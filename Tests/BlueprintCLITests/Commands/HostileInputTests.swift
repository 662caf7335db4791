import Foundation
import Testing

/// Hostile input through the real `blueprint` process: a value built deep enough
/// to crash a recursive walk, and YAML that expands to gigabytes. Each ends in a
/// clear error and the exit status `run` documents, never a crash that skips the
/// undos, and never unbounded memory.
@Suite(.serialized) struct HostileInputTests {
    /// 510 bytes: nine anchors, each used nine times by the next (9^9 "lol"s),
    /// the same file the YAML reader's own tests refuse.
    static let billionLaughs: String = {
        var lines = ["a: &a [" + Array(repeating: "\"lol\"", count: 9).joined(separator: ",") + "]"]
        for (used, name) in zip("abcdefgh", "bcdefghi") {
            lines.append("\(name): &\(name) [" + Array(repeating: "*\(used)", count: 9).joined(separator: ",") + "]")
        }
        return lines.joined(separator: "\n") + "\n"
    }()

    /// Runs `blueprint` to the end, sampling its peak resident set (VmHWM) from
    /// /proc; a generous limit catches a hang, nothing asserts how fast it is.
    private func runMeasuringPeakRSS(_ cli: CLI, _ arguments: [String]) async throws
        -> (status: Int32, stderr: String, peakRSS: Int) {
        let running = try cli.start(arguments)
        var peak = 0
        let deadline = Date().addingTimeInterval(120)
        while running.process.isRunning && Date() < deadline {
            if let rss = CLI.peakRSS(running.pid) { peak = max(peak, rss) }
            try await Task.sleep(for: .milliseconds(5))
        }
        guard let status = try await running.exitStatus(within: 1) else {
            kill(running.pid, SIGKILL)
            Issue.record("blueprint \(arguments.joined(separator: " ")) did not finish in 120 s")
            return (-1, running.stderr, peak)
        }
        return (status, running.stderr, peak)
    }

    private var simpleBlueprint: String {
        CLI.header + """

              backup:
                phases:
                  - name: only
                    func: Exec
                    args: {command: [sh, -c, "true"]}
            """
    }

    @Test func aBillionLaughsBlueprintIsRefusedWithinBoundedMemory() async throws {
        let cli = CLI()
        let blueprint = cli.write("lol.yaml", Self.billionLaughs)
        let result = try await runMeasuringPeakRSS(cli, ["run", "backup", "--blueprint", blueprint])
        #expect(result.status == 2, "stderr: \(result.stderr)")
        #expect(result.stderr.contains("lol.yaml:6:4: error: YAML aliases expand more than 10000 times (the limit); here `*e` crosses it"),
                "\(result.stderr)")
        #expect(result.stderr.contains("this is how a \"billion laughs\" file is refused"))
        #expect(result.peakRSS > 0, "no RSS sample was read")
        #expect(result.peakRSS < 100 << 20, "peak RSS \(result.peakRSS >> 20) MiB")
    }

    @Test func aBillionLaughsAppFileIsRefusedWithinBoundedMemory() async throws {
        let cli = CLI()
        let blueprint = cli.write("bp.yaml", simpleBlueprint)
        let app = cli.write("app.yaml", "kind: StatefulSet\nmetadata: {name: db}\n" + Self.billionLaughs)
        let result = try await runMeasuringPeakRSS(cli, ["run", "backup", "--blueprint", blueprint, "--app-file", app])
        #expect(result.status == 2, "stderr: \(result.stderr)")
        #expect(result.stderr.contains("app file \(app): \(app):8:4: error: YAML aliases expand more than 10000 times (the limit)"),
                "\(result.stderr)")
        #expect(result.peakRSS > 0, "no RSS sample was read")
        #expect(result.peakRSS < 100 << 20, "peak RSS \(result.peakRSS >> 20) MiB")
        #expect(!FileManager.default.fileExists(atPath: cli.home + "/runs"), "nothing was journaled")
    }

    @Test func aDeeplyNestedAppFileIsRefusedAtItsPosition() async throws {
        let cli = CLI()
        let blueprint = cli.write("bp.yaml", simpleBlueprint)
        let app = cli.write("deep.yaml", "kind: Deployment\nmetadata: {name: web}\npodOverride: "
                                + String(repeating: "[", count: 200) + String(repeating: "]", count: 200) + "\n")
        let result = try await cli.run(["run", "backup", "--blueprint", blueprint, "--app-file", app])
        #expect(result.status == 2, "stderr: \(result.stderr)")
        #expect(result.stderr.contains("\(app):3:"), "\(result.stderr)")
        #expect(result.stderr.contains("lists and maps are nested more than 100 levels deep (the limit)"), "\(result.stderr)")
    }

    /// Phase one freezes (its undo writes `thawed`) and prints a JSON text nested
    /// 100,000 deep as an output; phase two's argument parses it with `fromJson`.
    /// The render stops at the value depth limit with an error naming the phase
    /// and the argument; the undo and the deferPhase still run.
    @Test func aDeepValueBuiltMidActionFailsThePhaseAndStillRunsTheUndoAndTheDeferPhase() async throws {
        let cli = CLI()
        let blueprint = cli.write("bp.yaml", CLI.header + """

              backup:
                phases:
                  - name: freeze
                    func: Exec
                    args:
                      command:
                        - sh
                        - -c
                        - 'printf "###Phase-output###: {\\"key\\":\\"deep\\",\\"value\\":\\"%s%s\\"}\\n" "$(head -c 100000 /dev/zero | tr "\\\\0" "[")" "$(head -c 100000 /dev/zero | tr "\\\\0" "]")"'
                      undo: [sh, -c, 'echo thawed > "$0"', "\(cli.file("thawed"))"]
                  - name: build
                    func: Exec
                    args:
                      command: [sh, -c, 'echo {{ fromJson .Phases.freeze.Output.deep | toJson | len }}']
                deferPhase:
                  name: cleanup
                  func: Exec
                  args: {command: [sh, -c, 'echo deferred > "$0"', "\(cli.file("deferred"))"]}
            """)
        let result = try await cli.run(["run", "backup", "--blueprint", blueprint, "--run-id", "deep"], timeout: 120)
        #expect(result.status == 1, "stderr: \(result.stderr)")
        #expect(result.stderr.contains("phase `build`, argument `command`: "), "\(result.stderr)")
        #expect(result.stderr.contains("nests lists and maps more than 1000 deep (TemplateLimits.maxValueDepth)"), "\(result.stderr)")
        #expect(cli.read("thawed") == "thawed\n")
        #expect(cli.read("deferred") == "deferred\n")
        let journal = try cli.journal("deep")
        #expect(journal["state"] as? String == "failed")
        #expect((journal["undos"] as? [[String: Any]])?.first?["state"] as? String == "done")
        let phases = journal["phases"] as? [[String: Any]] ?? []
        #expect((phases.first { $0["name"] as? String == "build" }?["error"] as? String)?.contains("1000 deep") == true)
        #expect(phases.first { $0["name"] as? String == "cleanup" }?["state"] as? String == "succeeded")
    }
}
