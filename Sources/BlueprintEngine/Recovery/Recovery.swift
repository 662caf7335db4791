import Foundation

/// Finishes what a run left open when its engine died (kill -9, a lost node):
/// runs the undos the journal still lists, most recent first.
public struct Recovery: Sendable {
    public var registry: FunctionRegistry
    public var configuration: ExecutorConfiguration

    public init(registry: FunctionRegistry, configuration: ExecutorConfiguration) {
        self.registry = registry
        self.configuration = configuration
    }

    public enum RecoveryError: Error, Sendable, CustomStringConvertible {
        case stillRunning(String, pid: Int32)
        case store(RunStore.StoreError)

        public var description: String {
            switch self {
            case .stillRunning(let id, let pid):
                return "run `\(id)` is still running (process \(pid)); stop it first or pass --force"
            case .store(let error): return error.description
            }
        }
    }

    public struct Result: Sendable {
        public var record: RunRecord
        /// Undos that still did not complete.
        public var failures: [String]
    }

    /// `secrets` reads again the secrets the journaled undos refer to.
    public func recover(runID: String, store: RunStore, force: Bool = false, secrets: any SecretResolver = LocalSecretResolver(),
                        events: any ProgressSink = SilentProgress()) async throws(RecoveryError) -> Result {
        let record: RunRecord
        do { record = try store.load(runID) } catch { throw .store(error) }
        if record.state == .running && !force && Self.isAlive(record.pid) {
            throw .stillRunning(runID, pid: record.pid)
        }
        let journal = RunJournal(record: record, directory: store.runsDirectory)
        let failures = await UndoRunner(registry: registry, configuration: configuration)
            .runOpenUndos(journal: journal, events: events, control: nil, redactor: Redactor(),
                            secrets: secrets)
        await journal.update { run in
            if run.state == .running {
                run.state = .failed
                run.finishedAt = Date()
                run.error = "the engine stopped before the run finished; its undos were run by `blueprint recover`"
            }
            for index in run.phases.indices where run.phases[index].state == .running || run.phases[index].state == .pending {
                run.phases[index].state = run.phases[index].state == .running ? .failed : .skipped
            }
            if !failures.isEmpty {
                run.error = ([run.error].compactMap { $0 } + failures).joined(separator: "; ")
            }
        }
        await journal.flush()
        return Result(record: await journal.record, failures: failures)
    }

    /// Whether a process with this id exists and is not a zombie of ours.
    static func isAlive(_ pid: Int32) -> Bool {
        guard pid > 0, kill(pid, 0) == 0 || errno == EPERM else { return false }
        // A reused pid is possible but rare; a zombie counts as dead.
        if let status = try? String(contentsOfFile: "/proc/\(pid)/stat", encoding: .utf8),
           let close = status.lastIndex(of: ")") {
            let fields = status[status.index(after: close)...].split(separator: " ")
            return fields.first != "Z"
        }
        return true
    }
}
