import BlueprintEngine
import BlueprintFunctions
import Foundation
import KubeClient
import Logging
import ObjectStore

/// `blueprint run ACTION --app x`: one run per discovered workload.
///
/// Every run is prepared (blueprint found, validated, every template rendered
/// with the real pods) before the first one starts, so bad input never leaves
/// one workload backed up and the next not.
extension RunCommand {
    func runApp(_ app: String) async throws {
        let client: KubernetesClient
        do {
            client = try await KubernetesClient.fromEnvironment(kubeconfig: kubeconfig, context: context, namespace: namespace)
        } catch {
            return try fail("\(error)")
        }
        do {
            try await runApp(app, client: client)
            try? await client.shutdown()
        } catch {
            try? await client.shutdown()
            throw error
        }
    }

    private func runApp(_ app: String, client: KubernetesClient) async throws {
        let store = RunStore()
        var target: LocalTarget
        let profile: Profile
        let objectStore: any ObjectStore
        do {
            target = try loadTarget(appFile: nil)
            profile = try storage.loadProfile()
            try attach(profile, to: &target)
            objectStore = try profile.makeStore(stateDirectory: storage.stateDirectory)
        } catch let error as CustomStringConvertible {
            return try fail(error.description)
        }
        // The store's HTTP client is shut down on every way out, and awaited:
        try await Self.shuttingDown(objectStore) {
            var fromRecord: RunRecord?
            if let from {
                do { fromRecord = try store.load(from) } catch { return try fail("\(error)") }
            }
            let workloads: [DiscoveredWorkload]
            do {
                workloads = try await AppDiscovery(client: client).workloads(
                    app: app, namespace: allNamespaces ? nil : (namespace ?? client.namespace), allNamespaces: allNamespaces,
                    options: target.options)
            } catch {
                return try fail("\(error)")
            }
            if workloads.isEmpty {
                return try fail(DiscoveryError.noWorkloads(app: app, scope: allNamespaces ? "any namespace"
                                                            : "namespace \(namespace ?? client.namespace)").description)
            }
            let unannotated = workloads.filter { $0.blueprintName == nil && blueprint == nil }.map(\.description)
            if !unannotated.isEmpty { return try fail(DiscoveryError.noAnnotation(unannotated).description) }

            let source = BlueprintSource(directory: blueprintsDirectory, client: client)
            var runs: [(workload: DiscoveredWorkload, executor: Executor, prepared: PreparedRun, runID: String,
                        sink: ObjectStoreArtifactSink)] = []
            for workload in workloads {
                let file: String
                if let blueprint {
                    file = blueprint
                } else {
                    let name = workload.blueprintName!
                    guard let found = try await source.file(for: name, namespace: workload.namespace) else {
                        return try fail(DiscoveryError.blueprintNotFound(name: name, workload: workload.description,
                                                                         directory: blueprintsDirectory).description)
                    }
                    file = found
                }
                let runID = runs.isEmpty && self.runID != nil ? self.runID! : RunStore.newRunID(action: action)
                let sink: ObjectStoreArtifactSink
                do {
                    sink = try await makeSink(objectStore, profile: profile, app: app, runID: runID)
                } catch let error as CustomStringConvertible {
                    return try fail("object store: \(error.description)")
                }
                var configuration = ExecutorConfiguration(artifacts: sink, logger: Logger(label: "blueprint"))
                configuration.maxParallelPhases = parallel
                configuration.killGracePeriod = .milliseconds(Int64(killGrace * 1000))
                configuration.services[KubeServices.self] = KubeServices(client: client, target: workload.reference)
                configuration.services[DataMoverServices.self] = dataMover(objectStore, profile: profile)
                let executor = Executor(registry: BuiltinFunctions.registry, configuration: configuration)
                do {
                    var workloadTarget = workload.target
                    workloadTarget.profile = target.profile
                    workloadTarget.credentialSecrets = target.credentialSecrets
                    workloadTarget.secretOptions = target.secretOptions
                    workloadTarget.commandLineOptions = target.commandLineOptions
                    let prepared = try executor.prepare(blueprintFile: file, action: action, target: workloadTarget, from: fromRecord)
                    Self.printWarnings(prepared)
                    runs.append((workload, executor, prepared, runID, sink))
                } catch {
                    return try fail("\(workload.description): " + Redactor(secrets: target.secretValues).redact("\(error)"))
                }
            }

            if dryRun {
                try await preflight(store, objectStore)
                let plans = runs.map { $0.executor.dryRun($0.prepared) }
                if output == .json {
                    StandardStreams.out(try RunStore.json(plans) + Data("\n".utf8))
                } else {
                    print(plans.map(DryRunText.render).joined(separator: "\n\n"))
                }
                return try Self.refuseFailingPlans(plans)
            }

            try await preflight(store, objectStore)
            let view = ProgressView(interactive: ProgressView.stderrIsTerminal)
            let control = RunControl()
            let signals = SignalHandling(control: control, view: view)
            let ticker = Task {
                while !Task.isCancelled {
                    try? await Task.sleep(for: .milliseconds(250))
                    view.tick()
                }
            }
            var records: [RunRecord] = []
            for run in runs {
                var record = await run.executor.run(run.prepared, runID: run.runID, store: store, events: view, control: control)
                await Self.commit(run.sink, record: &record, blueprint: run.prepared.blueprint.name)
                records.append(record)
                if records.last?.state == .cancelled { break }
            }
            ticker.cancel()
            signals.stop()
            if output == .json {
                StandardStreams.out(try RunStore.json(records) + Data("\n".utf8))
            } else {
                for record in records { print("\(record.id) \(record.state.rawValue) \(record.target)") }
            }
            if records.count < runs.count || records.contains(where: { $0.state != .succeeded }) { throw ExitStatus.failure }

        }
   }

    /// A client when the user pointed at a cluster (or KUBECONFIG is set), so that
    /// Kubernetes functions work with --blueprint too.
    func optionalKubeServices() async throws -> KubeServices? {
        try await KubeServices.optional(kubeconfig: kubeconfig, context: context, namespace: namespace)
    }
}

extension KubeServices {
    /// A client when the user pointed at a cluster (`--kubeconfig`, `--context`)
    /// or KUBECONFIG is set; an unusable KUBECONFIG from the environment is
    /// ignored until a function needs it, an explicit one is an error.
    static func optional(kubeconfig: String?, context: String?, namespace: String?) async throws -> KubeServices? {
        let explicit = kubeconfig != nil || context != nil
        guard explicit || ProcessInfo.processInfo.environment["KUBECONFIG"] != nil else { return nil }
        do {
            let client = try await KubernetesClient.fromEnvironment(kubeconfig: kubeconfig, context: context, namespace: namespace)
            return KubeServices(client: client)
        } catch {
            if explicit {
                StandardStreams.err("error: \(error)\n")
                throw ExitStatus.invalidInput
            }
            return nil
        }
    }
}
