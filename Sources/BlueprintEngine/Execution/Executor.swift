import BlueprintModel
import Foundation
import GoTemplate
import Logging

/// Runs one action of a blueprint against a target.
///
/// The life of a run: ``prepare(blueprintFile:action:target:from:time:)`` checks
/// everything that can be checked up front; ``run(_:runID:store:events:control:)``
/// runs the phases (in order, or as a graph), then *always* unwinds — undos in
/// reverse order, then the defer phase — whatever ended the phases: success,
/// failure, timeout or a signal. Output artifacts are rendered last, only when
/// everything succeeded.
public struct Executor: Sendable {
    public var registry: FunctionRegistry
    public var configuration: ExecutorConfiguration
    var renderer: ArgumentRenderer { ArgumentRenderer(limits: configuration.templateLimits) }

    public init(registry: FunctionRegistry, configuration: ExecutorConfiguration) {
        self.registry = registry
        self.configuration = configuration
    }

    // MARK: Preparing

    public func prepare(blueprintFile: String, action actionName: String, target: LocalTarget,
                        from: RunRecord? = nil, time: Date = Date()) throws(PrepareError) -> PreparedRun {
        let (blueprints, loadDiagnostics) = BlueprintLoader.load(file: blueprintFile)
        if loadDiagnostics.hasErrors { throw .invalid(loadDiagnostics) }
        guard let blueprint = blueprints.first(where: { $0.action(named: actionName) != nil }) ?? blueprints.first else {
            throw .noBlueprint(blueprintFile)
        }
        let diagnostics = BlueprintValidator(catalog: registry.catalog).validate(blueprint)
        if diagnostics.hasErrors { throw .invalid(diagnostics.sorted { $0.location < $1.location }) }
        guard let action = blueprint.action(named: actionName) else {
            throw .unknownAction(actionName, available: blueprint.actions.map(\.name), blueprint: blueprint.name)
        }
        var target = target
        let plainSecrets = target.declareSecretOptions(action.secretOptions)
        if !plainSecrets.isEmpty { throw .secretOptionsOnCommandLine(plainSecrets, action: action.name) }
        var artifactsIn: [String: TemplateParameters.Artifact] = [:]
        if let from {
            guard from.state == .succeeded else { throw .fromNotSucceeded(from.id, from.state) }
            for (name, artifact) in from.artifacts {
                artifactsIn[name] = .init(keyValue: artifact.keyValue, kopiaSnapshot: artifact.kopiaSnapshot)
            }
        }
        var prepared = PreparedRun(
            blueprint: blueprint, blueprintFile: blueprintFile, action: action, plan: ActionPlan(action),
            target: target, parameters: target.parameters(time: time, artifactsIn: artifactsIn),
            redactor: Redactor(secrets: target.secretValues), from: from?.id,
            warnings: diagnostics.filter { $0.severity == .warning })
        prepared.inputArtifacts = from?.storedArtifacts ?? []
        // Render every template now, outputs of phases as placeholders: a typo in
        // `.Options.x` fails here, before anything ran, not in phase five.
        let failures = dryRun(prepared).renderErrors.filter { !$0.dependsOnOutputs }.map(\.error)
        if !failures.isEmpty { throw .render(failures) }
        let typeFailures = renderedTypeErrors(prepared)
        if !typeFailures.isEmpty { throw .render(typeFailures) }
        prepared.secretWarnings = prepared.redactor.warnings
        return prepared
    }

    // MARK: Dry run

    /// Arguments the phase's function evaluates itself (declared `evaluatedByFunction`).
    func unrenderedArguments(of phase: Phase) -> Set<String> {
        Set(registry[phase.function]?.declaration.arguments.filter(\.evaluatedByFunction).map(\.name) ?? [])
    }

    /// Every phase's arguments rendered with the real parameters; outputs of
    /// earlier phases appear as `<output PHASE.KEY>`.
    public func dryRun(_ prepared: PreparedRun) -> DryRunPlan {
        let base = prepared.parameters.base
        var phaseValues: [String: Value] = [:]
        for phase in prepared.action.allPhases {
            phaseValues[phase.name] = TemplateParameters.placeholderPhaseValue(phase.name)
        }
        let deferValue = prepared.action.deferPhase.map { TemplateParameters.placeholderPhaseValue($0.name) } ?? .null
        var steps: [DryRunPlan.Step] = []
        var errors: [DryRunPlan.RenderFailure] = []
        let order = prepared.plan.topologicalOrder.map { prepared.plan.phases[$0] } + (prepared.action.deferPhase.map { [$0] } ?? [])
        for phase in order {
            let data = TemplateParameters.data(base: base, phases: phaseValues, deferPhase: deferValue, currentPhase: phase.name)
            var step = DryRunPlan.Step(
                phase: phase.name, function: phase.function, isDeferPhase: phase == prepared.action.deferPhase,
                dependsOn: prepared.plan.isGraph ? phase.dependsOn : [],
                retryAttempts: phase.retry?.attempts, timeout: phase.timeout?.description)
            do {
                step.arguments = try renderer.render(phase.args, phase: phase.name, data: data,
                                                     unrendered: unrenderedArguments(of: phase))
                    .mapValues(prepared.redactor.redact)
            } catch {
                // `fail` or a failing function may have been handed a secret.
                var error = error
                error.message = prepared.redactor.redact(error.message)
                step.error = error.description
                step.errorBlocksRun = !Self.mentionsOutputs(phase.args)
                errors.append(.init(error: error, dependsOnOutputs: !step.errorBlocksRun))
            }
            if let declaration = registry.declaration(of: phase.function), !declaration.implemented {
                step.error = step.error ?? FunctionError.notImplemented(phase.function).description
                step.errorBlocksRun = true
            }
            steps.append(step)
        }
        let data = TemplateParameters.data(base: base, phases: phaseValues, deferPhase: deferValue, currentPhase: "")
        var artifacts: [String: ArtifactRecord] = [:]
        for artifact in prepared.action.outputArtifacts {
            do {
                artifacts[artifact.name] = try renderArtifact(artifact, data: data, redactor: prepared.redactor)
            } catch {
                var error = error
                error.message = prepared.redactor.redact(error.message)
                errors.append(.init(error: error, dependsOnOutputs: true))
            }
        }
        return DryRunPlan(blueprint: prepared.blueprint.name, action: prepared.action.name,
                          target: prepared.target.description, parallel: prepared.plan.isGraph,
                          steps: steps, outputArtifacts: artifacts, renderErrors: errors)
    }

    static func mentionsOutputs(_ args: [SourceValue.Entry]) -> Bool {
        var found = false
        for entry in args {
            SourceValue.map([entry], entry.keyLocation).forEachString { text, _ in
                if text.contains(".Phases") || text.contains(".DeferPhase") { found = true }
            }
        }
        return found
    }

    func renderArtifact(_ artifact: OutputArtifact, data: Value, redactor: Redactor) throws(RenderError) -> ArtifactRecord {
        var keyValue: [String: String] = [:]
        for entry in artifact.keyValue {
            let subject = "key `\(entry.key)` of output artifact `\(artifact.name)`"
            keyValue[entry.key] = redactor.redact(try renderer.render(entry.value, subject: subject, data: data).description)
        }
        var kopia: String?
        if let snapshot = artifact.kopiaSnapshot {
            kopia = try renderer.renderString(snapshot.text, at: snapshot.location,
                                              subject: "kopiaSnapshot of output artifact `\(artifact.name)`", data: data)
        }
        return ArtifactRecord(keyValue: keyValue, kopiaSnapshot: kopia)
    }

    // MARK: Running

    /// Runs the action and returns its final record (also on disk under `store`).
    public func run(_ prepared: PreparedRun, runID: String, store: RunStore, events: any ProgressSink = SilentProgress(),
                    control: RunControl = RunControl()) async -> RunRecord {
        let action = prepared.action
        let phases = action.phases.map { PhaseRecord(name: $0.name, function: $0.function, isDeferPhase: false) }
            + (action.deferPhase.map { [PhaseRecord(name: $0.name, function: $0.function, isDeferPhase: true)] } ?? [])
        let record = RunRecord(
            id: runID, blueprint: prepared.blueprint.name, blueprintFile: prepared.blueprintFile, action: action.name,
            target: prepared.target.description, options: prepared.journaledOptions, from: prepared.from,
            pid: getpid(), startedAt: Date(), phases: phases)
        let journal = RunJournal(record: record, directory: store.runsDirectory)
        await journal.update { _ in }
        await journal.flush()
        let run = ActionRun(base: prepared.parameters.base, redactor: prepared.redactor)
        let ctx = RunContext(executor: self, prepared: prepared, runID: runID, journal: journal, run: run, events: events,
                             control: control,
                             runArtifacts: RunArtifacts(inputs: prepared.inputArtifacts) { artifact in
                                 await journal.update { $0.storedArtifacts.append(artifact) }
                             })
        events.handle(.runStarted(id: runID, action: action.name, phases: phases.map(\.name)))

        let work = Task { try await ctx.runPhases() }
        await control.onCancel { work.cancel() }
        let outcome = await withTaskCancellationHandler {
            await work.result
        } onCancel: {
            work.cancel()
        }
        // The unwinding runs in a task of its own, which no signal or timeout cancels.
        return await Task { await ctx.unwind(after: outcome) }.value
    }
}

/// One run's collaborators, so phase code does not pass seven parameters around.
struct RunContext: Sendable {
    let executor: Executor
    let prepared: PreparedRun
    let runID: String
    let journal: RunJournal
    let run: ActionRun
    let events: any ProgressSink
    let control: RunControl
    /// The run's one artifact index, shared by every phase's context.
    let runArtifacts: RunArtifacts

    var configuration: ExecutorConfiguration { executor.configuration }

    /// A phase that failed; the message is already redacted.
    struct PhaseFailure: Error, CustomStringConvertible {
        var phase: String
        var message: String
        var description: String { "phase `\(phase)` failed: \(message)" }
    }

    // MARK: Phases

    func runPhases() async throws {
        let limit = prepared.action.timeout?.swiftDuration
        try await withTimeout(limit, what: "action `\(prepared.action.name)`", onTimeout: {
            await control.noteStop("action `\(prepared.action.name)` timed out after \(prepared.action.timeout!)")
        }) {
            try await schedule()
        }
    }

    /// Starts each phase when the phases it waits for succeeded, at most
    /// `maxParallelPhases` at a time. The first failure cancels the rest.
    private func schedule() async throws {
        let plan = prepared.plan
        let limit = plan.isGraph ? max(configuration.maxParallelPhases, 1) : 1
        try await withThrowingTaskGroup(of: Int.self) { group in
            var started = Set<Int>()
            var finished = Set<Int>()
            var running = 0
            func startReady() {
                for index in plan.phases.indices where running < limit && !started.contains(index)
                    && plan.dependencies[index].allSatisfy(finished.contains) {
                    started.insert(index)
                    running += 1
                    group.addTask { try await runPhase(plan.phases[index], index: index, isDeferPhase: false); return index }
                }
            }
            startReady()
            do {
                while let index = try await group.next() {
                    running -= 1
                    finished.insert(index)
                    startReady()
                }
            } catch {
                if let failure = error as? PhaseFailure {
                    await control.noteStop("phase `\(failure.phase)` failed")
                }
                group.cancelAll()
                throw error
            }
        }
    }

    /// `index` is the phase's position in the journal's phase list.
    func runPhase(_ phase: Phase, index hint: Int, isDeferPhase: Bool) async throws {
        let gate = isDeferPhase ? nil : configuration.phaseGate
        if let gate {
            do {
                try await gate.willStart(phase)
            } catch {
                let message = error is CancellationError ? "interrupted: " + (await control.stopReason ?? "cancelled")
                    : await run.redactor.redact(String(describing: error))
                await journal.update { run in
                    run.updatePhase(phase.name, hint: hint) {
                        $0.state = .failed
                        $0.finishedAt = Date()
                        $0.error = message
                    }
                }
                events.handle(.phaseFailed(phase: phase.name, error: message))
                await gate.didFinish(phase, succeeded: false)
                throw PhaseFailure(phase: phase.name, message: message)
            }
        }
        let started = Date()
        await journal.update { run in
            run.updatePhase(phase.name, hint: hint) {
                $0.state = .running
                $0.startedAt = started
            }
        }
        let attempts = phase.retry?.attempts ?? 1
        events.handle(.phaseStarted(phase: phase.name, attempt: 1, of: attempts))
        do {
            let output = try await withTimeout(phase.timeout?.swiftDuration, what: "phase `\(phase.name)`") {
                try await attemptPhase(phase, hint: hint)
            }
            let shown = await run.record(output, phase: phase.name, isDeferPhase: isDeferPhase)
            let finished = Date()
            await journal.update { run in
                run.updatePhase(phase.name, hint: hint) {
                    $0.state = .succeeded
                    $0.finishedAt = finished
                    $0.outputs = shown
                }
            }
            events.handle(.phaseSucceeded(phase: phase.name, seconds: finished.timeIntervalSince(started)))
            await gate?.didFinish(phase, succeeded: true)
        } catch {
            let message: String
            if error is CancellationError || Task.isCancelled && !(error is TimeoutError) {
                message = "interrupted: " + (await control.stopReason ?? "cancelled")
            } else {
                message = await run.redactor.redact(String(describing: error))
            }
            await journal.update { run in
                run.updatePhase(phase.name, hint: hint) {
                    $0.state = .failed
                    $0.finishedAt = Date()
                    $0.error = message
                }
            }
            events.handle(.phaseFailed(phase: phase.name, error: message))
            await gate?.didFinish(phase, succeeded: false)
            throw PhaseFailure(phase: phase.name, message: message)
        }
    }

    /// Renders the arguments (now, so earlier outputs are visible) and calls the
    /// function, retrying as the phase's policy allows.
    private func attemptPhase(_ phase: Phase, hint: Int) async throws -> FunctionOutput {
        // Building the data copies every output so far; skip it when nothing is templated.
        let templated = phase.args.contains { $0.key.contains("{{") || $0.value.containsTemplate }
        let data = templated ? await run.templateData(for: phase.name) : .null
        let rendered = try executor.renderer.render(phase.args, phase: phase.name, data: data,
                                                    unrendered: executor.unrenderedArguments(of: phase))
        let function = try executor.registry.runnable(phase.function)
        let arguments = FunctionArguments(rendered, declaration: function.declaration)
        let policy = phase.retry ?? RetryPolicy(attempts: 1)
        let backoff = Backoff(policy)
        let context = await functionContext(for: phase.name)
        var attempt = 1
        while true {
            let number = attempt
            await journal.update { run in
                run.updatePhase(phase.name, hint: hint) { $0.attempts.append(AttemptRecord(number: number, startedAt: Date())) }
            }
            do {
                try Task.checkCancellation()
                let output = try await function.execute(arguments, in: context)
                await journal.update { run in run.updatePhase(phase.name, hint: hint) { $0.attempts[$0.attempts.count - 1].finishedAt = Date() } }
                return output
            } catch {
                let cancelled = error is CancellationError || Task.isCancelled
                let message = cancelled ? "cancelled" : await run.redactor.redact(String(describing: error))
                let retryable = !cancelled && attempt < policy.attempts
                    && (policy.retriesAnyError || (error as? ClassifiedError)?.isTransient == true)
                let delay = retryable ? backoff.delay(after: attempt, random: configuration.random) : nil
                await journal.update { run in
                    run.updatePhase(phase.name, hint: hint) {
                        $0.attempts[$0.attempts.count - 1].finishedAt = Date()
                        $0.attempts[$0.attempts.count - 1].error = message
                        $0.attempts[$0.attempts.count - 1].backoffSeconds = delay?.seconds
                    }
                }
                guard let delay else { throw error }
                configuration.logger.warning("attempt failed; retrying", metadata: [
                    "phase": "\(phase.name)", "attempt": "\(attempt)", "of": "\(policy.attempts)",
                    "delay": "\(delay)", "error": "\(message)"])
                events.handle(.phaseRetrying(phase: phase.name, attempt: attempt, error: message, delay: delay))
                try await configuration.clock.sleep(for: delay)
                attempt += 1
                events.handle(.phaseStarted(phase: phase.name, attempt: attempt, of: policy.attempts))
            }
        }
    }

    private func functionContext(for phase: String) async -> FunctionContext {
        var logger = configuration.logger
        logger[metadataKey: "phase"] = "\(phase)"
        let journal = self.journal
        let events = self.events
        return FunctionContext(
            runID: runID, phase: phase, logger: logger, artifacts: configuration.artifacts,
            redactor: await run.redactor, killGracePeriod: configuration.killGracePeriod,
            runArtifacts: runArtifacts, services: configuration.services,
            output: { stream, line in events.handle(.output(phase: phase, stream: stream, line: line)) },
            progress: { message in events.handle(.progress(phase: phase, message: message)) },
            registerUndo: { [redactor = await run.redactor] undo in
                // The summary is what people see (progress, status): no secret in it.
                // The arguments keep references to their secrets, resolved again
                // when the undo runs, here or in `recover`.
                var undo = undo
                undo.summary = redactor.redact(undo.summary)
                let (arguments, secrets) = redactor.referencing(undo.arguments)
                undo.arguments = arguments
                await journal.update { run in
                    // A retried attempt registers the same undo again; keep one.
                    guard !run.undos.contains(where: { $0.phase == phase && $0.undo == undo && $0.state == .open }) else { return }
                    run.undos.append(UndoRecord(id: (run.undos.map(\.id).max() ?? 0) + 1, phase: phase, undo: undo,
                                                secrets: secrets))
                }
                await journal.flush()
            })
    }

    // MARK: Unwinding

    /// Undos (most recent first), then the defer phase and its undos, then the
    /// output artifacts when everything succeeded; finally the run's state.
    func unwind(after outcome: Result<Void, any Error>) async -> RunRecord {
        var errors: [String] = []
        if case .failure(let error) = outcome {
            errors.append(await run.redactor.redact(String(describing: error)))
        }
        await journal.update { run in
            for index in run.phases.indices where run.phases[index].state == .pending && !run.phases[index].isDeferPhase {
                run.phases[index].state = .skipped
            }
        }
        let skipped = await journal.record.phases.filter { $0.state == .skipped }
        for phase in skipped { events.handle(.phaseSkipped(phase: phase.name)) }

        let undoRunner = UndoRunner(registry: executor.registry, configuration: configuration)
        let redactor = await run.redactor
        errors += await undoRunner.runOpenUndos(journal: journal, events: events, control: control, redactor: redactor,
                                                secrets: KnownSecrets(redactor))

        if let deferPhase = prepared.action.deferPhase {
            do {
                try await runPhase(deferPhase, index: prepared.action.phases.count, isDeferPhase: true)
            } catch {
                errors.append(String(describing: error))
            }
            let redactor = await run.redactor
            errors += await undoRunner.runOpenUndos(journal: journal, events: events, control: control, redactor: redactor,
                                                    secrets: KnownSecrets(redactor))
        }

        let cancelledBy = await control.cancelledBy
        if errors.isEmpty && cancelledBy == nil {
            let data = await run.templateData(for: "")
            let redactor = await run.redactor
            do {
                var artifacts: [String: ArtifactRecord] = [:]
                for artifact in prepared.action.outputArtifacts {
                    artifacts[artifact.name] = try executor.renderArtifact(artifact, data: data, redactor: redactor)
                }
                await journal.update { $0.artifacts = artifacts }
            } catch {
                errors.append(redactor.redact(error.description))
            }
        }
        if let writeError = await journal.writeError { errors.append(writeError) }

        let state: RunRecord.State = cancelledBy != nil ? .cancelled : errors.isEmpty ? .succeeded : .failed
        let summary = cancelledBy.map { (["cancelled by \($0)"] + errors.filter { !$0.contains("interrupted:") }) } ?? errors
        await journal.update { run in
            run.state = state
            run.finishedAt = Date()
            run.error = summary.isEmpty ? nil : summary.joined(separator: "; ")
        }
        await journal.flush()
        let record = await journal.record
        events.handle(.runFinished(state: state, error: record.error))
        return record
    }
}

extension RunRecord {
    /// `hint` is the phase's expected index (phases are recorded in plan order),
    /// which saves a linear search per update in long actions.
    mutating func updatePhase(_ name: String, hint: Int? = nil, _ change: (inout PhaseRecord) -> Void) {
        if let hint, phases.indices.contains(hint), phases[hint].name == name {
            change(&phases[hint])
            return
        }
        guard let index = phases.firstIndex(where: { $0.name == name }) else { return }
        change(&phases[index])
    }
}
