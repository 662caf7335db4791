import BlueprintEngine
import EngineTestSupport
import Foundation
import Testing

@Suite struct ExecutorOrderingTests {
    @Test func sequentialPhasesRunInTheOrderWrittenAndDeferPhaseLast() async throws {
        let scratch = Scratch()
        let log = UUID().uuidString
        let text = blueprintText(phases: """
                  - name: one
                    func: TestNote
                    args: {log: "\(log)", entry: one}
                  - name: two
                    func: TestNote
                    args: {log: "\(log)", entry: two}
                  - name: three
                    func: TestNote
                    args: {log: "\(log)", entry: three}
            """, deferPhase: """
                  name: cleanup
                  func: TestNote
                  args: {log: "\(log)", entry: cleanup}
            """)
        let record = try await runBlueprint(scratch, text)
        #expect(record.state == .succeeded)
        #expect(await TestFunctions.Ledger.shared.log(log) == ["one", "two", "three", "cleanup"])
        #expect(record.phases.map(\.state) == [.succeeded, .succeeded, .succeeded, .succeeded])
    }

    @Test func independentPhasesOfAGraphRunInParallel() async throws {
        let scratch = Scratch()
        let text = blueprintText(phases: """
                  - name: left
                    func: Exec
                    args: {command: [sleep, "1"]}
                  - name: right
                    func: Exec
                    args: {command: [sleep, "1"]}
                  - name: join
                    func: Exec
                    dependsOn: [left, right]
                    args: {command: ["true"]}
            """)
        let start = Date()
        let record = try await runBlueprint(scratch, text)
        #expect(record.state == .succeeded)
        let join = try #require(record.phase("join"))
        let left = try #require(record.phase("left")), right = try #require(record.phase("right"))
        let timeline = [left, right, join].map { phase in
            "\(phase.name) \(phase.startedAt!.timeIntervalSince(start))…\(phase.finishedAt!.timeIntervalSince(start))"
        }
        // The phases' own span, from the first start to the join's end: loading and
        // validating the blueprint before it is not what this measures.
        // Run one after the other they would take ≥ 2 s; together ~1 s. The overlap of
        // their running intervals proves the parallelism whatever the machine's load.
        let elapsed = join.finishedAt!.timeIntervalSince(min(left.startedAt!, right.startedAt!))
        #expect(left.startedAt! < right.finishedAt! && right.startedAt! < left.finishedAt!,
                "left and right did not overlap: \(timeline)")
        print("two 1 s phases without a dependency took \(elapsed) s together")
        #expect(try #require(join.startedAt) >= max(try #require(left.finishedAt), try #require(right.finishedAt)))
    }

    @Test func graphParallelismIsBounded() async throws {
        let scratch = Scratch()
        let text = blueprintText(phases: """
                  - name: a
                    func: Exec
                    args: {command: [sleep, "0.5"]}
                  - name: b
                    func: Exec
                    args: {command: [sleep, "0.5"]}
                  - name: c
                    func: Exec
                    dependsOn: [a]
                    args: {command: ["true"]}
            """)
        let start = Date()
        let record = try await runBlueprint(scratch, text, executor: makeExecutor(scratch, maxParallel: 1))
        #expect(record.state == .succeeded)
        #expect(Date().timeIntervalSince(start) >= 1.0)
    }

    @Test func aFailedPhaseSkipsTheRestButTheDeferPhaseStillRuns() async throws {
        let scratch = Scratch()
        let log = UUID().uuidString
        let text = blueprintText(phases: """
                  - name: fails
                    func: Exec
                    args: {command: ["false"]}
                  - name: never
                    func: TestNote
                    args: {log: "\(log)", entry: never}
            """, deferPhase: """
                  name: cleanup
                  func: TestNote
                  args: {log: "\(log)", entry: cleanup}
            """)
        let record = try await runBlueprint(scratch, text)
        #expect(record.state == .failed)
        #expect(record.phase("fails")?.state == .failed)
        #expect(record.phase("never")?.state == .skipped)
        #expect(record.phase("cleanup")?.state == .succeeded)
        #expect(await TestFunctions.Ledger.shared.log(log) == ["cleanup"])
        #expect(record.error?.contains("false failed with exit status 1") == true)
    }

    @Test func anUnimplementedFunctionFailsAtRunTimeWithAClearError() async throws {
        let scratch = Scratch()
        let text = blueprintText(phases: """
                  - name: lock
                    func: TestDeclaredOnly
                    args: {}
            """)
        let record = try await runBlueprint(scratch, text)
        #expect(record.state == .failed)
        #expect(record.phase("lock")?.state == .failed)
        #expect(record.phase("lock")?.error == "TestDeclaredOnly is not implemented yet")
    }
}
