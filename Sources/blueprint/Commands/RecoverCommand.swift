import ArgumentParser
import BlueprintEngine
import BlueprintFunctions
import Foundation
import Logging

/// `blueprint recover RUN`: runs the undos a run left open (its engine was
/// killed, or an undo kept failing).
struct RecoverCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "recover",
        abstract: "Run the undos a crashed or failed run left open.",
        discussion: "Exit status: 0 every undo completed, 1 some did not, 2 no such run or it is still running."
    )

    @Argument(help: ArgumentHelp("The run id (see `blueprint runs`).", valueName: "run"))
    var runID: String

    @Flag(help: "Recover even if the run's process still seems alive.")
    var force = false

    @Option(name: .shortAndLong, help: "Output format: text or json.")
    var output: OutputFormat = .text

    @Option(help: ArgumentHelp("kubeconfig for undos that reach a cluster (scale back, unlock in a pod); KUBECONFIG by default.", valueName: "path"))
    var kubeconfig: String?

    @Option(help: "kubeconfig context to use.")
    var context: String?

    func run() async throws {
        LogSetup.bootstrap()
        let store = RunStore()
        var configuration = ExecutorConfiguration(
            artifacts: DirectoryArtifactSink(directory: store.artifactsDirectory.appendingPathComponent(runID)),
            logger: Logger(label: "blueprint"))
        let kube = try await KubeServices.optional(kubeconfig: kubeconfig, context: context, namespace: nil)
        if let kube { configuration.services[KubeServices.self] = kube }
        do {
            try await recover(configuration: configuration, store: store)
            try? await kube?.client.shutdown()
        } catch {
            try? await kube?.client.shutdown()
            throw error
        }
    }

    private func recover(configuration: ExecutorConfiguration, store: RunStore) async throws {
        let recovery = Recovery(registry: BuiltinFunctions.registry, configuration: configuration)
        let result: Recovery.Result
        do {
            result = try await recovery.recover(runID: runID, store: store, force: force,
                                                events: ProgressView(interactive: ProgressView.stderrIsTerminal))
        } catch {
            StandardStreams.err("error: \(error)\n")
            throw ExitStatus.invalidInput
        }
        if output == .json {
            StandardStreams.out(try RunStore.json(result.record) + Data("\n".utf8))
        } else {
            let done = result.record.undos.filter { $0.state == .done }.count
            print("\(runID): \(done) of \(result.record.undos.count) undos done"
                + (result.failures.isEmpty ? "" : "; not completed: " + result.failures.joined(separator: "; ")))
        }
        if !result.failures.isEmpty { throw ExitStatus.failure }
    }
}
