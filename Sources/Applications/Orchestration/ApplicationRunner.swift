import BlueprintEngine
import BlueprintFunctions
import Foundation
import KubeClient
import Logging
import ObjectStore

/// Prepares an action over a whole application: every workload found for the
/// app becomes a component with its blueprint, its options and (for a restore)
/// its own run of the application backup — all prepared, validated and rendered
/// before the first one runs, so bad input never leaves one workload done and
/// the next not. Components whose action marks phases with `consistency:` join
/// one ``ConsistentGroup``.
public struct ApplicationRunner: Sendable {
    public var client: KubernetesClient
    public var runs: RunStore
    public var objectStore: any ObjectStore
    public var settings: ApplicationRunSettings

    public init(client: KubernetesClient, runs: RunStore, objectStore: any ObjectStore, settings: ApplicationRunSettings) {
        self.client = client
        self.runs = runs
        self.objectStore = objectStore
        self.settings = settings
    }

    public var applications: ApplicationStore { ApplicationStore(runs: runs) }

    /// Discovers, matches `--from`, prepares every component. Throws
    /// ``ApplicationError`` / ``DiscoveryError`` for input problems (exit 2).
    public func prepare() async throws -> PreparedApplication {
        let scope = settings.namespace.map { "namespace \($0)" } ?? "any namespace"
        var workloads = try await AppDiscovery(client: client).workloads(
            app: settings.app, namespace: settings.namespace, allNamespaces: settings.namespace == nil,
            options: settings.base.options)
        if workloads.isEmpty { throw DiscoveryError.noWorkloads(app: settings.app, scope: scope) }
        var warnings: [String] = []
        if settings.blueprintFile == nil {
            let unannotated = workloads.filter { $0.blueprintName == nil }.map(\.description)
            if unannotated.count == workloads.count {
                throw ApplicationError.allUnannotated(app: settings.app, workloads: unannotated)
            }
            if !unannotated.isEmpty {
                if settings.strict { throw ApplicationError.unannotatedStrict(unannotated) }
                for workload in unannotated {
                    warnings.append("\(workload) has no annotation kanister.kasten.io/blueprint: skipped "
                        + "(annotate it, or use --strict to make this an error)")
                }
                workloads.removeAll { $0.blueprintName == nil }
            }
        }
        try settings.componentOptions.check(components: workloads.map(\.name))

        // `--from`: an application backup gives each component its own run.
        var fromApplication: ApplicationRecord?
        var fromRun: RunRecord?
        if let from = settings.from {
            if applications.contains(from) {
                let record = try applications.load(from)
                fromApplication = record
                let found = Set(workloads.map { "\($0.kind)/\($0.name)" })
                for component in record.components where !found.contains("\(component.kind)/\(component.name)") {
                    throw ApplicationError.componentMissing(component: component.description, backup: from, namespace: scope)
                }
                let inBackup = Set(record.components.map { "\($0.kind)/\($0.name)" })
                for workload in workloads where !inBackup.contains("\(workload.kind)/\(workload.name)") {
                    warnings.append("\(workload.description) is not in application backup \(from): skipped")
                }
                workloads.removeAll { !inBackup.contains("\($0.kind)/\($0.name)") }
            } else {
                fromRun = try runs.load(from)
            }
        }

        let id = settings.id ?? ApplicationStore.newID(action: settings.action)
        let artifacts = ArtifactStore(store: objectStore, prefix: settings.profile.artifactPrefix)
        let applicationWriter: ArtifactWriter
        do {
            applicationWriter = try await artifacts.writer(app: settings.app, action: settings.action, run: id)
        } catch {
            throw ApplicationError.objectStore("\(error)")
        }
        let source = BlueprintSource(directory: settings.blueprintsDirectory, client: client)
        let group = ConsistentGroup()
        var components: [PreparedApplication.Component] = []
        for workload in workloads {
            let file: String
            if let blueprintFile = settings.blueprintFile {
                file = blueprintFile
            } else {
                let name = workload.blueprintName!
                guard let found = try await source.file(for: name, namespace: workload.namespace) else {
                    throw DiscoveryError.blueprintNotFound(name: name, workload: workload.description,
                                                           directory: settings.blueprintsDirectory)
                }
                file = found
            }
            var componentFrom = fromRun
            if let fromApplication, let component = fromApplication.component(kind: workload.kind, name: workload.name) {
                guard component.state == .succeeded else {
                    throw ApplicationError.componentRunUnreadable(
                        component: component.description, runID: component.runID,
                        reason: "it ended \(component.state.rawValue) in application \(fromApplication.id)")
                }
                do { componentFrom = try runs.load(component.runID) } catch {
                    throw ApplicationError.componentRunUnreadable(component: component.description, runID: component.runID,
                                                                  reason: "\(error)")
                }
            }
            let runID = RunStore.newRunID(action: settings.action)
            let sink: ObjectStoreArtifactSink
            do {
                sink = ObjectStoreArtifactSink(
                    artifacts: artifacts, writer: try await artifacts.writer(app: settings.app, action: settings.action, run: runID))
            } catch {
                throw ApplicationError.objectStore("\(error)")
            }
            var configuration = ExecutorConfiguration(artifacts: sink, logger: Logger(label: "blueprint"))
            configuration.services = settings.services
            configuration.maxParallelPhases = settings.maxParallelPhases
            configuration.killGracePeriod = settings.killGracePeriod
            configuration.services[KubeServices.self] = KubeServices(client: client, target: workload.reference)
            let executor = Executor(registry: BuiltinFunctions.registry, configuration: configuration)
            var target = workload.target
            target.profile = settings.base.profile
            target.credentialSecrets = settings.base.credentialSecrets
            target.secretOptions = settings.base.secretOptions
            target.commandLineOptions = settings.base.commandLineOptions
            settings.componentOptions.apply(to: &target, workload: workload, annotations: Self.annotations(of: workload))
            do {
                let prepared = try executor.prepare(blueprintFile: file, action: settings.action, target: target, from: componentFrom)
                var executor = executor
                if await group.join(workload.description, action: prepared.action) {
                    executor.configuration.phaseGate = group.gate(for: workload.description)
                }
                components.append(.init(workload: workload, executor: executor, prepared: prepared, runID: runID, sink: sink))
            } catch {
                throw ApplicationError.prepareFailed(component: workload.description,
                                                     reason: Redactor(secrets: target.secretValues).redact("\(error)"))
            }
        }
        var settings = settings
        let namespaces = Set(components.map(\.workload.namespace))
        if settings.definitions != nil, namespaces.count > 1 {
            // One definitions artifact describes one namespace, which a whole-app restore recreates.
            settings.definitions = nil
            warnings.append("the app's definitions are not captured: its components are in several namespaces "
                + "(\(namespaces.sorted().joined(separator: ", "))); back up each with -n NAMESPACE to capture them")
        }
        return PreparedApplication(id: id, settings: settings, client: client, runs: runs, components: components,
                                   writer: applicationWriter, warnings: warnings, from: fromApplication?.id ?? fromRun?.id,
                                   group: await group.memberCount > 0 ? group : nil)
    }

    static func annotations(of workload: DiscoveredWorkload) -> [String: String] {
        guard case .map(let metadata)? = workload.target.document["metadata"],
              case .map(let annotations)? = metadata["annotations"] else { return [:] }
        return annotations.compactMapValues { value in if case .string(let text) = value { text } else { nil } }
    }
}
