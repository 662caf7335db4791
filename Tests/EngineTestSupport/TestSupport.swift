import BlueprintEngine
import BlueprintFunctions
import BlueprintModel
import Foundation
import Logging
import Synchronization

/// A fresh directory for one test: blueprint files, the run journal, markers.
public struct Scratch: Sendable {
    public let url: URL

    public init() {
        url = FileManager.default.temporaryDirectory.appendingPathComponent("engine-tests-\(UUID().uuidString)")
        try? FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    }

    public var path: String { url.path }
    public var store: RunStore { RunStore(home: url.appendingPathComponent("home")) }

    public func file(_ name: String) -> String { url.appendingPathComponent(name).path }

    public func write(_ name: String, _ text: String) -> String {
        let path = file(name)
        _ = FileManager.default.createFile(atPath: path, contents: Data(text.utf8))
        return path
    }

    public func read(_ name: String) -> String? { try? String(contentsOfFile: file(name), encoding: .utf8) }

    public func exists(_ name: String) -> Bool { FileManager.default.fileExists(atPath: file(name)) }
}

/// A blueprint with one action built from phase snippets (YAML, indented for
/// under `phases:`).
public func blueprintText(action: String = "backup", phases: String, deferPhase: String? = nil,
                   outputArtifacts: String? = nil, extraActions: String = "", actionExtras: String = "") -> String {
    var text = """
        apiVersion: cr.kanister.io/v1alpha1
        kind: Blueprint
        metadata:
          name: test
        actions:
          \(action):
        \(actionExtras)
            phases:
        \(phases)
        """
    if let deferPhase { text += "\n    deferPhase:\n\(deferPhase)" }
    if let outputArtifacts { text += "\n    outputArtifacts:\n\(outputArtifacts)" }
    text += "\n" + extraActions
    return text
}

/// Records the sleeps asked of it and returns at once.
public actor RecordingClock: EngineClock {
    public private(set) var sleeps: [Duration] = []
    public init() {}
    public nonisolated func sleep(for duration: Duration) async throws { await record(duration) }
    private func record(_ duration: Duration) { sleeps.append(duration) }
}

public struct FixedRandom: RandomSource {
    public var value: Double
    public init(value: Double) { self.value = value }
    public func nextUnit() -> Double { value }
}

/// Collects events for assertions.
public final class CollectedEvents: ProgressSink, Sendable {
    private let storage = Mutex<[RunEvent]>([])
    public init() {}
    public func handle(_ event: RunEvent) { storage.withLock { $0.append(event) } }
    public var events: [RunEvent] { storage.withLock { $0 } }
}

/// Test functions, registered next to the built-ins.
public enum TestFunctions {
    /// Shared per-test state, keyed by a name the blueprint passes.
    public actor Ledger {
        public static let shared = Ledger()
        private var counters: [String: Int] = [:]
        private var logs: [String: [String]] = [:]
        public func increment(_ key: String) -> Int {
            counters[key, default: 0] += 1
            return counters[key]!
        }
        public func append(_ key: String, _ entry: String) { logs[key, default: []].append(entry) }
        public func log(_ key: String) -> [String] { logs[key] ?? [] }
        public func count(_ key: String) -> Int { counters[key] ?? 0 }
    }

    /// Appends `entry` to the ledger `log` (order checks).
    public struct Note: RunnableFunction {
        public static let declaration = FunctionDeclaration(
            name: "TestNote", summary: "test", arguments: [.required("log", .string, ""), .required("entry", .string, "")],
            origin: .blueprint)
        public static func execute(_ arguments: FunctionArguments, in context: FunctionContext) async throws -> FunctionOutput {
            await Ledger.shared.append(try arguments.string("log"), try arguments.string("entry"))
            return FunctionOutput(["entry": .string(try arguments.string("entry"))])
        }
    }

    /// Fails `failures` times (transient or not), then succeeds.
    public struct Flaky: RunnableFunction {
        public static let declaration = FunctionDeclaration(
            name: "TestFlaky", summary: "test",
            arguments: [.required("key", .string, ""), .required("failures", .int, ""), .optional("transient", .bool, default: "true", "")],
            origin: .blueprint)
        public static func execute(_ arguments: FunctionArguments, in context: FunctionContext) async throws -> FunctionOutput {
            let attempt = await Ledger.shared.increment(try arguments.string("key"))
            if attempt <= (try arguments.int("failures")) {
                throw try arguments.bool("transient") ? FunctionError.transient("busy (attempt \(attempt))")
                    : FunctionError.permanent("broken (attempt \(attempt))")
            }
            return FunctionOutput(["attempts": .int(attempt)])
        }
    }

    /// Does nothing: measures the engine's own overhead.
    public struct NoOp: RunnableFunction {
        public static let declaration = FunctionDeclaration(
            name: "TestNoOp", summary: "test", arguments: [], origin: .blueprint)
        public static func execute(_ arguments: FunctionArguments, in context: FunctionContext) async throws -> FunctionOutput {
            .empty
        }
    }

    /// Emits a secret output.
    public struct Secretive: RunnableFunction {
        public static let declaration = FunctionDeclaration(
            name: "TestSecret", summary: "test", arguments: [.required("value", .string, "")], origin: .blueprint)
        public static func execute(_ arguments: FunctionArguments, in context: FunctionContext) async throws -> FunctionOutput {
            FunctionOutput(["token": .string(try arguments.string("value")), "plain": .string("visible")], secretKeys: ["token"])
        }
    }

    /// Declared without a body, like Kanister functions not ported yet.
    public struct DeclaredOnly: BlueprintFunction {
        public static let declaration = FunctionDeclaration(
            name: "TestDeclaredOnly", summary: "test", arguments: [], origin: .blueprint)
    }

    public static let registry: FunctionRegistry = {
        var registry = BuiltinFunctions.registry
        for function in [Note.self, Flaky.self, NoOp.self, Secretive.self, DeclaredOnly.self] as [any BlueprintFunction.Type] {
            registry.register(function)
        }
        return registry
    }()
}

/// An executor over the test registry with fast undo retries and kill grace.
public func makeExecutor(_ scratch: Scratch, clock: any EngineClock = SystemClock(), random: any RandomSource = SystemRandom(),
                  maxParallel: Int = 4, logger: Logger? = nil) -> Executor {
    var configuration = ExecutorConfiguration(artifacts: DirectoryArtifactSink(directory: scratch.url.appendingPathComponent("artifacts")))
    if let logger { configuration.logger = logger }
    configuration.clock = clock
    configuration.random = random
    configuration.undoBackoff = .milliseconds(10)
    configuration.killGracePeriod = .seconds(1)
    configuration.maxParallelPhases = maxParallel
    return Executor(registry: TestFunctions.registry, configuration: configuration)
}

/// Writes the blueprint, prepares and runs `action`.
public func runBlueprint(_ scratch: Scratch, _ text: String, action: String = "backup", executor: Executor? = nil,
                  options: [String] = [], from: RunRecord? = nil, events: any ProgressSink = SilentProgress(),
                  control: RunControl = RunControl()) async throws -> RunRecord {
    let file = scratch.write("blueprint-\(UUID().uuidString.prefix(8)).yaml", text)
    let executor = executor ?? makeExecutor(scratch)
    let prepared = try executor.prepare(blueprintFile: file, action: action,
                                        target: try LocalTarget.load(appFile: nil, options: options), from: from)
    return await executor.run(prepared, runID: RunStore.newRunID(action: action), store: scratch.store,
                              events: events, control: control)
}
