import BlueprintEngine
import Foundation

extension WholeAppRestore {
    /// Runs a plan: objects (stages 1–4), the logical components' workloads
    /// waited for, every component's restore action as one application run in
    /// the target namespace from the backup (stage 5), then scale up and wait
    /// (stage 6). `components` are the settings of that application run (options,
    /// profile, …); its namespace and `from` are set here.
    ///
    /// Throws ``RestoreError`` when the objects cannot be made or a wait fails
    /// (what was created is removed); a component that fails gives a failed
    /// result whose error says what was removed.
    public func run(_ plan: RestorePlan, components: ApplicationRunSettings, events: any ProgressSink = SilentProgress(),
                    control: RunControl = RunControl()) async throws -> PreparedApplication.Result {
        let created = try await createObjects(plan)
        var result: PreparedApplication.Result
        do {
            for step in plan.steps where step.stage == 5 && step.action == .waitReady {
                try await waitReady(kind: step.kind, name: step.name, namespace: plan.targetNamespace)
            }
            var settings = components
            settings.namespace = plan.targetNamespace
            settings.from = plan.backup
            settings.definitions = nil
            var prepared = try await ApplicationRunner(client: client, runs: runs, objectStore: objectStore, settings: settings).prepare()
            prepared.restoredObjects = created
            result = await prepared.run(events: events, control: control)
        } catch {
            throw await rollback(created, reason: "\(error)")
        }
        guard result.application.state == .succeeded else {
            let failure = await rollback(created, reason: result.application.error ?? "a component's restore failed")
            result.application.error = failure.description
            try? ApplicationStore(runs: runs).save(result.application)
            return result
        }
        do {
            try await scaleUp(plan)
        } catch {
            let failure = await rollback(created, reason: "\(error)")
            result.application.state = .failed
            result.application.error = failure.description
            try? ApplicationStore(runs: runs).save(result.application)
        }
        return result
    }
}
