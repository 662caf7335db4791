import BlueprintEngine
import EngineTestSupport
import Foundation
import Testing

/// The engine's own cost per phase: 1,000 phases calling a function that does
/// nothing, with the journal written as usual. `Benchmarks/engine-bench.sh`
/// runs this in release mode and reports the numbers.
@Suite struct EngineBenchmarkTests {
    static let phases = Int(ProcessInfo.processInfo.environment["BLUEPRINT_BENCH_PHASES"] ?? "") ?? 1000
    /// Off in ordinary test runs: it keeps both cores busy and would skew the
    /// timing checks of other suites running alongside.
    static let enabled = ProcessInfo.processInfo.environment["BLUEPRINT_BENCH"] == "1"

    @Test(.enabled(if: enabled, "set BLUEPRINT_BENCH=1 (Benchmarks/engine-bench.sh does)"))
    func overheadPerNoOpPhase() async throws {
        let scratch = Scratch()
        let count = Self.phases
        var phases = ""
        for index in 0..<count {
            phases += "      - name: p\(index)\n        func: TestNoOp\n        args: {}\n"
        }
        let text = blueprintText(phases: String(phases.dropLast()))
        let file = scratch.write("bench.yaml", text)
        let executor = makeExecutor(scratch)
        let prepared = try executor.prepare(blueprintFile: file, action: "backup", target: LocalTarget())
        let clock = ContinuousClock()
        var record: RunRecord?
        let elapsed = await clock.measure {
            record = await executor.run(prepared, runID: "bench", store: scratch.store)
        }
        #expect(record?.state == .succeeded)
        #expect(record?.phases.count == count)
        let perPhase = elapsed / count
        print("engine-bench: \(count) no-op phases in \(elapsed); overhead per phase \(perPhase)")
        // A regression guard with room for debug builds and a busy machine; the goal (< 1 ms) is checked in release.
        #expect(perPhase < .milliseconds(10))
    }

    @Test func dryRunOfAHundredPhases() throws {
        let scratch = Scratch()
        var phases = ""
        for index in 0..<100 {
            let previous = index == 0 ? "start" : "{{ .Phases.p\(index - 1).Output.path }}"
            phases += "      - name: p\(index)\n        func: Exec\n        args:\n          command: [echo, \"\(previous)\", \"{{ .Options.db }}\"]\n"
        }
        let file = scratch.write("bench.yaml", blueprintText(phases: String(phases.dropLast())))
        let executor = makeExecutor(scratch)
        let clock = ContinuousClock()
        var steps = 0
        let elapsed = try clock.measure {
            let prepared = try executor.prepare(blueprintFile: file, action: "backup",
                                                target: try LocalTarget.load(appFile: nil, options: ["db=app"]))
            steps = executor.dryRun(prepared).steps.count
        }
        #expect(steps == 100)
        print("engine-bench: prepare + dry run of 100 phases in \(elapsed)")
    }
}
