import Applications
import BlueprintEngine
import BlueprintFunctions
import Foundation
import KubeClient
import Logging
import ObjectStore

/// `blueprint run ACTION --app x`: one application run over every workload found
/// for the app (the orchestration lives in the Applications module).
///
/// Every component is prepared (blueprint found, validated, every template
/// rendered with the real pods) before the first one starts, so bad input never
/// leaves one workload backed up and the next not.
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
        let componentOptions: ComponentOptions
        var definitions: DefinitionOptions?
        do {
            componentOptions = try ComponentOptions(options)
            target = try loadTarget(appFile: nil, options: componentOptions.global)
            profile = try storage.loadProfile()
            try attach(profile, to: &target)
            // Captured by a backup, or by any other action that asks for them (`run snapshot --with-definitions`).
            if (action == "backup" || withDefinitions) && from == nil && !noDefinitions {
                definitions = DefinitionOptions(sealingKey: try secretsKeyFile.map(DefinitionOptions.key(fromFile:)))
            }
            if targetNamespace != nil && from == nil {
                return try fail("--target-namespace restores an application backup: give --from APP-BACKUP "
                    + "(its id from `blueprint runs`)")
            }
            objectStore = try profile.makeStore(stateDirectory: storage.stateDirectory)
        } catch let error as CustomStringConvertible {
            return try fail(error.description)
        }
        // The store's HTTP client is shut down on every way out, and awaited:
        try await Self.shuttingDown(objectStore) {
            var settings = ApplicationRunSettings(
                app: app, namespace: allNamespaces ? nil : (namespace ?? client.namespace), action: action,
                blueprintFile: blueprint, blueprintsDirectory: blueprintsDirectory, base: target,
                componentOptions: componentOptions, from: from, profile: profile)
            settings.id = runID
            settings.maxParallelPhases = parallel
            settings.killGracePeriod = .milliseconds(Int64(killGrace * 1000))
            settings.strict = strict
            settings.definitions = definitions
            settings.services[DataMoverServices.self] = dataMover(objectStore, profile: profile)
            if from != nil && (targetNamespace != nil || withDefinitions) {
                return try await restoreWholeApp(settings: settings, client: client, store: store, objectStore: objectStore,
                                                 profile: profile, target: target)
            }
            let prepared: PreparedApplication
            do {
                prepared = try await ApplicationRunner(client: client, runs: store, objectStore: objectStore, settings: settings).prepare()
            } catch let error as KubeError {
                return try fail("\(error)")
            } catch {
                return try fail(Redactor(secrets: target.secretValues).redact("\(error)"))
            }
            for warning in prepared.warnings { StandardStreams.err("warning: \(warning)\n") }
            for component in prepared.components { Self.printWarnings(component.prepared) }

            if dryRun {
                try await preflight(store, objectStore)
                let plans = prepared.dryRun()
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
            let result = await prepared.run(events: view, control: control)
            ticker.cancel()
            signals.stop()
            if output == .json {
                StandardStreams.out(try RunStore.json(result) + Data("\n".utf8))
            } else {
                print(ApplicationText.summary(result.application))
            }
            if result.application.state != .succeeded { throw ExitStatus.failure }
        }
    }

    /// `restore --from APP-BACKUP --target-namespace NS | --with-definitions`: the
    /// plan first (printed by --dry-run; refused on conflicts), then objects, data, scale-up.
    private func restoreWholeApp(settings: ApplicationRunSettings, client: KubernetesClient, store: RunStore,
                                 objectStore: any ObjectStore, profile: Profile, target: LocalTarget) async throws {
        var restoreSettings = WholeAppRestore.Settings(targetNamespace: targetNamespace)
        restoreSettings.overwrite = overwrite
        restoreSettings.readyTimeout = .seconds(readyTimeout)
        let restore: WholeAppRestore
        let plan: RestorePlan
        do {
            restoreSettings.sealingKey = try secretsKeyFile.map(DefinitionOptions.key(fromFile:))
            restore = WholeAppRestore(client: client, runs: store, objectStore: objectStore, profile: profile,
                                      blueprintsDirectory: blueprintsDirectory, settings: restoreSettings)
            plan = try await restore.plan(backup: from ?? "")
        } catch {
            return try fail(Redactor(secrets: target.secretValues).redact("\(error)"))
        }
        if dryRun {
            try await preflight(store, objectStore)
            if output == .json {
                StandardStreams.out(try RunStore.json(plan) + Data("\n".utf8))
            } else {
                print(plan.text())
            }
            return
        }
        for warning in plan.warnings { StandardStreams.err("warning: \(warning)\n") }
        try await preflight(store, objectStore)
        let view = ProgressView(interactive: ProgressView.stderrIsTerminal)
        let control = RunControl()
        let signals = SignalHandling(control: control, view: view)
        defer { signals.stop() }
        let result: PreparedApplication.Result
        do {
            result = try await restore.run(plan, components: settings, events: view, control: control)
        } catch {
            StandardStreams.err("error: " + Redactor(secrets: target.secretValues).redact("\(error)") + "\n")
            throw ExitStatus.failure
        }
        if output == .json {
            StandardStreams.out(try RunStore.json(result) + Data("\n".utf8))
        } else {
            print(ApplicationText.summary(result.application))
        }
        if result.application.state != .succeeded { throw ExitStatus.failure }
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

/// The text forms of an application record (`run --app`, `status`).
enum ApplicationText {
    /// The application's id and state, then one line per component.
    static func summary(_ record: ApplicationRecord) -> String {
        var lines = ["\(record.id) \(record.state.rawValue) application \(record.app) (\(record.action), "
            + "\(record.components.count) component\(record.components.count == 1 ? "" : "s"))"]
        for component in record.components {
            lines.append("  \(component.runID) \(component.state.rawValue) \(component.description) (blueprint \(component.blueprint))")
        }
        if let definitions = record.definitions {
            let counts = definitions.counts.sorted { $0.key < $1.key }.map { "\($0.value) \($0.key)" }.joined(separator: ", ")
            lines.append("  definitions: \(counts.isEmpty ? "none" : counts)"
                + (definitions.secretDataSealed ? " (Secret data sealed)" : " (Secret data left out)"))
        }
        if let objects = record.restoredObjects {
            lines.append("  objects restored into \(record.namespace): "
                + objects.map { "\($0.kind) \($0.name)\($0.replaced ? " (replaced)" : "")" }.joined(separator: ", "))
        }
        if let error = record.error { lines.append("  error: \(error)") }
        return lines.joined(separator: "\n")
    }
}
