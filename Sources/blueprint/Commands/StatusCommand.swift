import Applications
import ArgumentParser
import BlueprintEngine
import Foundation

/// `blueprint status RUN`: one run's phases, attempts, outputs, artifacts and undos;
/// for an application run (`run --app`), the application and each component's run.
struct StatusCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "status",
        abstract: "Show one run: phases, attempts, outputs, artifacts and open undos."
    )

    @Argument(help: ArgumentHelp("The run id (see `blueprint runs`).", valueName: "run"))
    var runID: String

    @Option(name: .shortAndLong, help: "Output format: text or json.")
    var output: OutputFormat = .text

    func run() throws {
        let applications = ApplicationStore(runs: RunStore())
        if applications.contains(runID) { return try showApplication(applications) }
        let record: RunRecord
        do { record = try RunStore().load(runID) } catch {
            StandardStreams.err("error: \(error)\n")
            throw ExitStatus.invalidInput
        }
        if output == .json {
            StandardStreams.out(try RunStore.json(record) + Data("\n".utf8))
            return
        }
        print(StatusText.render(record))
    }
}

extension StatusCommand {
    /// The application, then each component's run as `status RUN` shows it.
    func showApplication(_ applications: ApplicationStore) throws {
        let application: ApplicationRecord
        do { application = try applications.load(runID) } catch {
            StandardStreams.err("error: \(error)\n")
            throw ExitStatus.invalidInput
        }
        let runs = application.components.compactMap { try? RunStore().load($0.runID) }
        if output == .json {
            struct Report: Encodable { var application: ApplicationRecord; var runs: [RunRecord] }
            StandardStreams.out(try RunStore.json(Report(application: application, runs: runs)) + Data("\n".utf8))
        } else {
            print(([ApplicationText.summary(application)] + runs.map(StatusText.render)).joined(separator: "\n"))
        }
    }
}

enum StatusText {
    static func render(_ record: RunRecord) -> String {
        var lines = [
            "run \(record.id): \(record.state.rawValue)",
            "  blueprint \(record.blueprint) (\(record.blueprintFile)), action \(record.action), target \(record.target)",
        ]
        if let from = record.from { lines.append("  from run \(from)") }
        if let error = record.error { lines.append("  error: \(error)") }
        for phase in record.phases {
            var line = "  \(phase.isDeferPhase ? "deferPhase " : "")\(phase.name) (\(phase.function)): \(phase.state.rawValue)"
            if phase.attempts.count > 1 { line += ", \(phase.attempts.count) attempts" }
            if let start = phase.startedAt, let end = phase.finishedAt {
                line += String(format: ", %.2fs", end.timeIntervalSince(start))
            }
            lines.append(line)
            if let error = phase.error { lines.append("      error: \(error)") }
            for (key, value) in phase.outputs.sorted(by: { $0.key < $1.key }) {
                lines.append("      output \(key): \(value)")
            }
        }
        for (name, artifact) in record.artifacts.sorted(by: { $0.key < $1.key }) {
            lines.append("  artifact \(name): " + artifact.keyValue.sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" }
                .joined(separator: " ") + (artifact.kopiaSnapshot.map { " kopiaSnapshot=\($0)" } ?? ""))
        }
        for stored in record.storedArtifacts {
            lines.append("  stored \(stored.name): \(stored.location) (\(stored.size) bytes)")
        }
        for undo in record.undos {
            var line = "  undo \(undo.undo.summary) (phase \(undo.phase)): \(undo.state.rawValue)"
            if undo.attempts > 1 { line += ", \(undo.attempts) attempts" }
            if let error = undo.error, undo.state != .done { line += ": \(error)" }
            lines.append(line)
        }
        return lines.joined(separator: "\n")
    }
}
