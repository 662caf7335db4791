import Foundation
import Testing

/// The output pipeline end to end, through the real `blueprint` process: a
/// command printing far more than memory holds, and a reader that goes away.
@Suite(.serialized) struct OutputPipelineTests {
    @Test func anExecPrinting1GiBKeepsTheEngineUnder64MiB() async throws {
        let cli = CLI()
        // 1 GiB as 262,144 lines of 4 KiB, then a phase output: every line goes
        // through the splitter, the redactor and the progress view (to /dev/null).
        let blueprint = cli.write("bp.yaml", CLI.header + """

              backup:
                phases:
                  - name: chatty
                    func: Exec
                    args:
                      command: [sh, -c, 'yes "$(head -c 4095 /dev/zero | tr "\\\\0" y)" | head -c 1073741824; echo; echo "###Phase-output###: {\\"key\\":\\"done\\",\\"value\\":\\"yes\\"}"']
            """)
        let process = Process()
        process.executableURL = URL(fileURLWithPath: CLI.binary)
        process.arguments = ["run", "backup", "--blueprint", blueprint, "--run-id", "big"]
        process.environment = ProcessInfo.processInfo.environment.merging(["BLUEPRINT_HOME": cli.home]) { _, new in new }
        process.standardOutput = FileHandle(forWritingAtPath: "/dev/null")
        process.standardError = FileHandle(forWritingAtPath: "/dev/null")
        process.standardInput = FileHandle.nullDevice
        try process.run()
        let pid = process.processIdentifier
        var peak = 0
        let deadline = Date().addingTimeInterval(600)
        while process.isRunning && Date() < deadline {
            if let rss = CLI.peakRSS(pid) { peak = max(peak, rss) }
            try await Task.sleep(for: .milliseconds(20))
        }
        if process.isRunning {
            kill(pid, SIGKILL)
            Issue.record("the run did not finish in 600 s")
            return
        }
        #expect(process.terminationStatus == 0)
        let phases = try cli.journal("big")["phases"] as? [[String: Any]]
        #expect((phases?.first?["outputs"] as? [String: String])?["done"] == "yes")
        #expect(peak > 0, "no RSS sample was read")
        #expect(peak < 64 << 20, "peak RSS \(peak >> 20) MiB")
    }

    @Test func aReaderThatGoesAwayDoesNotSkipTheUndo() async throws {
        // `blueprint run … 2>&1 | head -2`: the pipe closes after two lines; the
        // engine must keep going and run the undo (which leaves a file behind).
        let cli = CLI()
        let marker = cli.file("undone")
        let blueprint = cli.write("bp.yaml", CLI.header + """

              backup:
                phases:
                  - name: freeze
                    func: Exec
                    args: {command: [sh, -c, 'for i in 1 2 3 4 5 6 7 8; do echo line $i; done'], undo: [touch, "\(marker)"]}
                  - name: work
                    func: Exec
                    args: {command: [sh, -c, 'sleep 0.5; for i in $(seq 1 2000); do echo more $i; done']}
            """)
        let script = "'\(CLI.binary)' run backup --blueprint '\(blueprint)' --run-id piped 2>&1 | head -2"
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/bin/sh")
        process.arguments = ["-c", script]
        process.environment = ProcessInfo.processInfo.environment.merging(["BLUEPRINT_HOME": cli.home]) { _, new in new }
        process.standardOutput = FileHandle(forWritingAtPath: "/dev/null")
        process.standardError = FileHandle(forWritingAtPath: "/dev/null")
        try process.run()
        // `head` exits early; the engine goes on alone, so wait for its journal.
        let deadline = Date().addingTimeInterval(60)
        var state: String?
        while Date() < deadline {
            state = (try? cli.journal("piped"))?["state"] as? String
            if state == "succeeded" || state == "failed" { break }
            try await Task.sleep(for: .milliseconds(50))
        }
        #expect(state == "succeeded")
        #expect(FileManager.default.fileExists(atPath: marker), "the undo did not run")
    }
}
