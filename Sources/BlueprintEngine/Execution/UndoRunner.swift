import Logging

/// Runs the open undos of a run, most recent first, each through the registry
/// like any function call. Shared by the executor's unwinding and by
/// `blueprint recover`, which reads the undos back from the journal.
///
/// An undo that fails is retried with doubling waits; if every attempt fails it
/// is marked `failed` in the journal (with its error) and the run is failed.
public struct UndoRunner: Sendable {
    public var registry: FunctionRegistry
    public var configuration: ExecutorConfiguration

    public init(registry: FunctionRegistry, configuration: ExecutorConfiguration) {
        self.registry = registry
        self.configuration = configuration
    }

    /// Runs every undo not yet done; returns the descriptions of those that did not complete.
    /// `secrets` reads again the secrets the journaled arguments refer to.
    public func runOpenUndos(journal: RunJournal, events: any ProgressSink, control: RunControl?,
                             redactor: Redactor, secrets: any SecretResolver) async -> [String] {
        var failures: [String] = []
        let pending = await journal.record.undos.filter { $0.state != .done }.reversed()
        var remaining = pending.map { "\($0.undo.summary) (phase \($0.phase))" }
        for undo in pending {
            await control?.setRemainingUndos(remaining)
            if let error = await run(undo, journal: journal, events: events, redactor: redactor, secrets: secrets) {
                failures.append("undo `\(undo.undo.summary)` of phase `\(undo.phase)` did not complete: \(error)")
            }
            remaining.removeFirst()
        }
        await control?.setRemainingUndos([])
        await journal.flush()
        return failures
    }

    /// Runs one undo with retries; returns the last error, nil on success.
    private func run(_ record: UndoRecord, journal: RunJournal, events: any ProgressSink,
                     redactor: Redactor, secrets: any SecretResolver) async -> String? {
        let attempts = max(configuration.undoAttempts, 1)
        let runID = await journal.record.id
        let resolved: [String: ArgumentValue]
        do {
            resolved = try await secrets.resolve(record.undo.arguments, uses: record.secrets ?? [])
        } catch {
            // Retrying cannot bring a secret back: fail at once, naming what is missing.
            let message = redactor.redact(String(describing: error))
            events.handle(.undoFailed(phase: record.phase, summary: record.undo.summary, attempt: 1,
                                      error: message, willRetry: false))
            await journal.update { run in
                guard let index = run.undos.firstIndex(where: { $0.id == record.id }) else { return }
                run.undos[index].state = .failed
                run.undos[index].error = message
            }
            await journal.flush()
            return message
        }
        var lastError = ""
        for attempt in 1...attempts {
            await journal.update { run in
                guard let index = run.undos.firstIndex(where: { $0.id == record.id }) else { return }
                run.undos[index].state = .running
                run.undos[index].attempts += 1
            }
            events.handle(.undoStarted(phase: record.phase, summary: record.undo.summary, attempt: attempt))
            do {
                let function = try registry.runnable(record.undo.function)
                let arguments = FunctionArguments(resolved, declaration: function.declaration)
                var logger = configuration.logger
                logger[metadataKey: "undo"] = "\(record.undo.summary)"
                let context = FunctionContext(
                    runID: runID, phase: "undo of \(record.phase)", logger: logger,
                    artifacts: configuration.artifacts, redactor: redactor,
                    killGracePeriod: configuration.killGracePeriod, isUndo: true, services: configuration.services,
                    output: { stream, line in events.handle(.output(phase: "undo of \(record.phase)", stream: stream, line: line)) })
                _ = try await withTimeout(configuration.undoTimeout, what: "undo `\(record.undo.summary)`") {
                    try await function.execute(arguments, in: context)
                }
                await journal.update { run in
                    guard let index = run.undos.firstIndex(where: { $0.id == record.id }) else { return }
                    run.undos[index].state = .done
                    run.undos[index].error = nil
                }
                await journal.flush()
                events.handle(.undoSucceeded(phase: record.phase, summary: record.undo.summary))
                return nil
            } catch {
                lastError = redactor.redact(String(describing: error))
                let willRetry = attempt < attempts
                events.handle(.undoFailed(phase: record.phase, summary: record.undo.summary, attempt: attempt,
                                          error: lastError, willRetry: willRetry))
                configuration.logger.warning("undo failed", metadata: [
                    "undo": "\(record.undo.summary)", "attempt": "\(attempt)", "error": "\(lastError)"])
                await journal.update { run in
                    guard let index = run.undos.firstIndex(where: { $0.id == record.id }) else { return }
                    run.undos[index].state = willRetry ? .open : .failed
                    run.undos[index].error = lastError
                }
                if willRetry {
                    let wait = Duration.nanoseconds(configuration.undoBackoff.nanoseconds << min(attempt - 1, 20))
                    try? await configuration.clock.sleep(for: wait)
                }
            }
        }
        await journal.flush()
        return lastError
    }
}
