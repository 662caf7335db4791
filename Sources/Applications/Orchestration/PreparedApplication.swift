import BlueprintEngine
import BlueprintFunctions
import Foundation
import KubeClient
import ObjectStore

/// An application action ready to run: every component prepared. Running it
/// journals an ``ApplicationRecord`` that names each component's run, runs the
/// components one after the other (stopping at the first that does not
/// succeed), and for a run that succeeded writes `application.json` (and the
/// captured definitions) to the object store under the application's id, with
/// a manifest, so `blueprint artifacts` sees the application backup as one run.
public struct PreparedApplication: Sendable {
    public struct Component: Sendable {
        public var workload: DiscoveredWorkload
        public var executor: Executor
        public var prepared: PreparedRun
        public var runID: String
        public var sink: ObjectStoreArtifactSink
    }

    public var id: String
    public var settings: ApplicationRunSettings
    public var client: KubernetesClient
    public var runs: RunStore
    public var components: [Component]
    var writer: ArtifactWriter
    /// Workloads skipped, for display.
    public var warnings: [String]
    public var from: String?
    /// The objects a whole-app restore created before the components' restores, for the record.
    public var restoredObjects: [RestoredObject] = []
    /// Set when a component's action marks `consistency:` phases: then the
    /// components run at the same time, held together by the group.
    public var group: ConsistentGroup?

    init(id: String, settings: ApplicationRunSettings, client: KubernetesClient, runs: RunStore, components: [Component],
         writer: ArtifactWriter, warnings: [String], from: String?, group: ConsistentGroup?) {
        self.id = id
        self.settings = settings
        self.client = client
        self.runs = runs
        self.components = components
        self.writer = writer
        self.warnings = warnings
        self.from = from
        self.group = group
    }

    /// Every component's plan, in the order they would run.
    public func dryRun() -> [DryRunPlan] {
        components.map { $0.executor.dryRun($0.prepared) }
    }

    /// The application and its components' records.
    public struct Result: Sendable, Encodable {
        public var application: ApplicationRecord
        public var runs: [RunRecord]

        public init(application: ApplicationRecord, runs: [RunRecord]) {
            self.application = application
            self.runs = runs
        }
    }

    public func run(events: any ProgressSink = SilentProgress(), control: RunControl = RunControl()) async -> Result {
        let applications = ApplicationStore(runs: runs)
        var record = ApplicationRecord(
            id: id, app: settings.app, namespace: settings.namespace ?? "*", action: settings.action, from: from,
            startedAt: Date(), components: components.map {
                ComponentRecord(kind: $0.workload.kind, name: $0.workload.name, namespace: $0.workload.namespace,
                                blueprint: $0.prepared.blueprint.name, runID: $0.runID)
            })
        if !restoredObjects.isEmpty { record.restoredObjects = restoredObjects }
        var records: [RunRecord] = []
        func journal() { try? applications.save(record) }
        func finish(_ state: ApplicationRecord.State, error: String? = nil) -> Result {
            record.state = state
            record.error = error ?? record.error
            record.finishedAt = Date()
            journal()
            return Result(application: record, runs: records)
        }
        journal()

        if let options = settings.definitions {
            do {
                let captured = try await DefinitionCapture(client: client, options: options)
                    .capture(app: settings.app, namespace: settings.namespace ?? components.first?.workload.namespace ?? "default")
                let data = try captured.document.encoded()
                let stored = try await writer.store(name: DefinitionCapture.artifactName, ByteStream(data: data))
                record.definitions = DefinitionsRecord(location: stored.key, size: stored.size, sha256: stored.sha256,
                                                       counts: captured.counts, secretDataSealed: captured.sealed)
            } catch {
                return finish(.failed, error: ApplicationError.definitions("\(error)").description)
            }
        }

        if let group {
            // A consistent group: every component at once; the group orders their marked phases.
            for index in components.indices { record.components[index].state = .running }
            journal()
            let finished = await withTaskGroup(of: (Int, RunRecord).self) { tasks in
                for (index, component) in components.enumerated() {
                    tasks.addTask {
                        let run = await Self.run(component, runs: runs, events: events, control: control)
                        await group.ended(component.workload.description, succeeded: run.state == .succeeded)
                        return (index, run)
                    }
                }
                var finished: [Int: RunRecord] = [:]
                for await (index, run) in tasks { finished[index] = run }
                return finished
            }
            for index in components.indices {
                guard let run = finished[index] else { continue }
                record.components[index].finish(with: run)
                records.append(run)
            }
            journal()
            if records.contains(where: { $0.state == .cancelled }) {
                return finish(.cancelled, error: records.first { $0.state == .cancelled }?.error)
            }
            let failed = record.components.filter { $0.state != .succeeded }.map(\.description)
            if !failed.isEmpty {
                return finish(.failed, error: "consistent group broken: \(failed.joined(separator: ", ")) did not succeed "
                    + "(each run's undos show its thaw)")
            }
        } else {
            for (index, component) in components.enumerated() {
                record.components[index].state = .running
                journal()
                let run = await Self.run(component, runs: runs, events: events, control: control)
                record.components[index].finish(with: run)
                records.append(run)
                journal()
                if run.state == .cancelled { return finish(.cancelled, error: run.error) }
                if run.state != .succeeded {
                    return finish(.failed, error: "component \(record.components[index].description) \(run.state.rawValue)"
                                  + (index + 1 < components.count ? "; the components after it did not run" : ""))
                }
            }
        }

        do {
            record.state = .succeeded
            record.finishedAt = Date()
            try await writer.store(name: "application.json", ByteStream(data: try RunStore.json(record)))
            try await writer.commit(blueprint: "application")
        } catch {
            return finish(.failed, error: "the components succeeded but the application manifest could not be written: \(error)")
        }
        return finish(.succeeded)
    }

    /// One component's run, its manifest committed when it succeeded.
    static func run(_ component: Component, runs: RunStore, events: any ProgressSink, control: RunControl) async -> RunRecord {
        var run = await component.executor.run(component.prepared, runID: component.runID, store: runs, events: events,
                                               control: control)
        if run.state == .succeeded {
            do {
                try await component.sink.commit(blueprint: component.prepared.blueprint.name)
            } catch {
                run.state = .failed
                run.error = "the action succeeded but its artifact manifest could not be written: \(error)"
            }
        }
        return run
    }
}
