import BlueprintEngine
import BlueprintModel
import EngineTestSupport
import Foundation
import Testing

/// `Exec` (Sources/BlueprintFunctions/Local/Exec.swift) run through the real
/// engine: its arguments, its output lines, its phase outputs and its errors.

@Suite struct ExecTests {
    @Test func passesEnvironmentStdinAndWorkingDirectory() async throws {
        let scratch = Scratch()
        let text = blueprintText(phases: """
                  - name: show
                    func: Exec
                    args:
                      command: [sh, -c, 'read line; echo "###Phase-output###: {\\"key\\":\\"all\\",\\"value\\":\\"$GREETING $line $(pwd)\\"}"']
                      env: {GREETING: hello}
                      stdin: "from stdin"
                      workingDir: "\(scratch.path)"
            """)
        let record = try await runBlueprint(scratch, text)
        #expect(record.state == .succeeded)
        let resolved = URL(fileURLWithPath: scratch.path).resolvingSymlinksInPath().path
        #expect(record.phase("show")?.outputs["all"] == .string("hello from stdin \(resolved)"))
    }

    @Test func outputLinesAreStreamedAsEventsIncludingALastLineWithoutNewline() async throws {
        let scratch = Scratch()
        let text = blueprintText(phases: """
                  - name: talk
                    func: Exec
                    args: {command: [sh, -c, 'echo one; echo two >&2; printf three']}
            """)
        let events = CollectedEvents()
        let record = try await runBlueprint(scratch, text, events: events)
        #expect(record.state == .succeeded)
        let lines = events.events.compactMap { event -> String? in
            if case .output(_, let stream, let line) = event { return "\(stream):\(line)" }
            return nil
        }
        #expect(Set(lines) == ["stdout:one", "stderr:two", "stdout:three"])
    }

    @Test func aMissingExecutableIsAClearPermanentError() async throws {
        let scratch = Scratch()
        let text = blueprintText(phases: """
                  - name: nothing
                    func: Exec
                    retry: {attempts: 3, backoff: 1s}
                    args: {command: [definitely-not-a-command-xyz]}
            """)
        let clock = RecordingClock()
        let record = try await runBlueprint(scratch, text, executor: makeExecutor(scratch, clock: clock))
        #expect(record.state == .failed)
        let error = try #require(record.phase("nothing")?.error)
        #expect(error.hasPrefix("definitely-not-a-command-xyz is not installed (searched PATH: "))
        #expect(error.hasSuffix("); install it or give its full path"))
        #expect(await clock.sleeps.isEmpty)
    }

    @Test func phaseOutputMarkersAreFoundSplitAcrossReadsAfterOtherTextAndOnA100KiBLine() async throws {
        // The first marker arrives in two writes 200 ms apart (two pipe reads); the
        // second follows log text on its line; the third carries a 100 KiB value.
        let scratch = Scratch()
        let text = blueprintText(phases: """
                  - name: talk
                    func: Exec
                    args:
                      command:
                        - sh
                        - -c
                        - |
                          printf '###Phase-out'; sleep 0.2; printf 'put###: {"key":"split","value":"whole"}\\n'
                          echo '2026-01-01 INFO done ###Phase-output###: {"key":"after","value":"text"}'
                          printf '###Phase-output###: {"key":"long","value":"%s"}\\n' "$(head -c 102400 /dev/zero | tr '\\0' x)"
            """)
        let record = try await runBlueprint(scratch, text)
        #expect(record.state == .succeeded, "\(record.phase("talk")?.error ?? "")")
        let outputs = try #require(record.phase("talk")?.outputs)
        #expect(outputs["split"] == .string("whole"))
        #expect(outputs["after"] == .string("text"))
        #expect(outputs["long"] == .string(String(repeating: "x", count: 102_400)))
    }

    @Test func aMalformedMarkerLineIsReportedNotSilentlyDropped() async throws {
        let scratch = Scratch()
        let text = blueprintText(phases: """
                  - name: talk
                    func: Exec
                    args: {command: [sh, -c, 'echo "###Phase-output###: {not json"; echo "###Phase-output###: {\\"key\\":\\"bad-key\\",\\"value\\":1}"']}
            """)
        let logs = LogCapture()
        let record = try await runBlueprint(scratch, text, executor: makeExecutor(scratch, logger: logs.logger))
        #expect(record.state == .succeeded)
        let warnings = logs.messages(level: .warning)
        #expect(warnings.contains { $0.contains("ignored a ###Phase-output###: line that is not {\"key\":…,\"value\":…} JSON") })
        #expect(warnings.contains { $0.contains("ignored output key \"bad-key\": keys may hold only letters, digits and _") })
    }
}
