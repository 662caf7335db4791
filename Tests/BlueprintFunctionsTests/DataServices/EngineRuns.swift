import BlueprintEngine
import BlueprintFunctions
import BlueprintModel
import Foundation

/// Runs blueprints through the real Executor in-process, as `blueprint run` does,
/// with the built-in functions plus any test functions.
struct EngineRuns {
    let directory: URL

    init() {
        directory = FileManager.default.temporaryDirectory.appendingPathComponent("data-service-runs-\(UUID().uuidString)")
        try? FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
    }

    func executor(extra: [any BlueprintFunction.Type] = []) -> Executor {
        var registry = BuiltinFunctions.registry
        for function in extra { registry.register(function) }
        var configuration = ExecutorConfiguration(
            artifacts: DirectoryArtifactSink(directory: directory.appendingPathComponent("artifacts")))
        configuration.undoBackoff = .milliseconds(10)
        configuration.killGracePeriod = .seconds(1)
        return Executor(registry: registry, configuration: configuration)
    }

    func run(_ blueprint: String, action: String, from: RunRecord? = nil,
             extra: [any BlueprintFunction.Type] = []) async throws -> RunRecord {
        let file = directory.appendingPathComponent("blueprint-\(UUID().uuidString.prefix(8)).yaml")
        try Data(blueprint.utf8).write(to: file)
        let executor = executor(extra: extra)
        let prepared = try executor.prepare(blueprintFile: file.path, action: action,
                                            target: try LocalTarget.load(appFile: nil, options: []), from: from)
        return await executor.run(prepared, runID: RunStore.newRunID(action: action),
                                  store: RunStore(home: directory.appendingPathComponent("home")))
    }

    func remove() { try? FileManager.default.removeItem(at: directory) }
}
