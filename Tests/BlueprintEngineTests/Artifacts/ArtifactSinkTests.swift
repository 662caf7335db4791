import BlueprintEngine
import BlueprintModel
import EngineTestSupport
import Foundation
import NIOCore
import Testing

/// What a function stores through `context.artifacts` is recorded in the journal.
@Suite struct ArtifactSinkTests {
    struct Store: RunnableFunction {
        static let declaration = FunctionDeclaration(
            name: "TestStore", summary: "test", arguments: [.required("text", .string, "")], origin: .blueprint)
        static func execute(_ arguments: FunctionArguments, in context: FunctionContext) async throws -> FunctionOutput {
            let bytes = ByteBuffer(string: try arguments.string("text"))
            let stream = AsyncStream<ByteBuffer> { continuation in
                continuation.yield(bytes)
                continuation.finish()
            }
            let stored = try await context.artifacts.store(name: "dump.sql", data: stream)
            return FunctionOutput(["location": .string(stored.location)])
        }
    }

    @Test func artifactsStoredThroughTheSinkAreRecordedInTheJournal() async throws {
        let scratch = Scratch()
        var registry = TestFunctions.registry
        registry.register(Store.self)
        let executor = Executor(registry: registry, configuration: makeExecutor(scratch).configuration)
        let text = blueprintText(phases: """
                  - name: dump
                    func: TestStore
                    args: {text: "select 1;"}
            """)
        let record = try await runBlueprint(scratch, text, executor: executor)
        #expect(record.state == .succeeded)
        let stored = try #require(record.storedArtifacts.first)
        #expect(stored.name == "dump.sql")
        #expect(stored.size == 9)
        #expect(try String(contentsOfFile: stored.location, encoding: .utf8) == "select 1;")
        #expect(try scratch.store.load(record.id).storedArtifacts == [stored])
    }
}
