import Applications
import ArgumentParser
import BlueprintEngine
import Foundation

/// `blueprint runs`: the runs in the journal, newest first, then the application
/// runs (`run --app`) that group them.
struct RunsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "runs",
        abstract: "List recorded runs, newest first."
    )

    @Option(name: .shortAndLong, help: "Output format: text or json.")
    var output: OutputFormat = .text

    func run() throws {
        let runs = RunStore().list()
        if output == .json {
            StandardStreams.out(try RunStore.json(runs.map(Summary.init)) + Data("\n".utf8))
            return
        }
        if runs.isEmpty {
            print("no runs recorded in \(RunStore().runsDirectory.path)")
            return
        }
        let width = runs.map(\.id.count).max() ?? 0
        for run in runs {
            let open = run.openUndos.count
            print(run.id.padding(toLength: width, withPad: " ", startingAt: 0) + "  "
                + run.state.rawValue.padding(toLength: 9, withPad: " ", startingAt: 0) + "  "
                + "\(run.blueprint)/\(run.action)  \(run.target)"
                + (open > 0 ? "  (\(open) open undo\(open == 1 ? "" : "s"))" : ""))
        }
        let applications = ApplicationStore(runs: RunStore()).list()
        if !applications.isEmpty {
            print("applications:")
            for application in applications {
                print("  \(application.id)  \(application.state.rawValue)  \(application.app)/\(application.action)  "
                    + "\(application.components.count) component\(application.components.count == 1 ? "" : "s")")
            }
        }
    }

    struct Summary: Encodable {
        var id, blueprint, action, target, state: String
        var startedAt: Date
        var finishedAt: Date?
        var openUndos: Int

        init(_ run: RunRecord) {
            id = run.id
            blueprint = run.blueprint
            action = run.action
            target = run.target
            state = run.state.rawValue
            startedAt = run.startedAt
            finishedAt = run.finishedAt
            openUndos = run.openUndos.count
        }
    }
}
