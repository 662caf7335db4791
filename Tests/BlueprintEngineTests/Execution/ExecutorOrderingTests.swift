import BlueprintEngine
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
        let elapsed = Date().timeIntervalSince(start)
        #expect(record.state == .succeeded)
        #expect(elapsed < 1.8, "two 1 s phases without a dependency took \(elapsed) s")
        let join = try #require(record.phase("join"))
        let left = try #require(record.phase("left")), right = try #require(record.phase("right"))
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
