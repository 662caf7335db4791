import ArgumentParser
import BlueprintEngine
import BlueprintFunctions
import Foundation
import KubeClient
import Logging
import ObjectStore
import GoTemplate

/// `blueprint run ACTION --blueprint FILE`: runs one action against a local
/// target, with a journal under `$BLUEPRINT_HOME/runs`; or `blueprint run
/// ACTION --app x`: against every workload of an application in a cluster.
struct RunCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "run",
        abstract: "Run an action of a blueprint.",
        discussion: """
            The blueprint is validated and every template rendered before the first phase \
            runs. Undos registered by phases (e.g. Exec's `undo:`) and the deferPhase run \
            whatever ends the action: success, failure, timeout, Ctrl-C or SIGTERM. \
            Exit status: 0 the action succeeded, 1 it failed or was cancelled, 2 invalid input.
            """
    )

    @Argument(help: "The action to run (backup, restore, …).")
    var action: String

    @Option(name: .long, help: "The blueprint file (with --app: instead of the one each workload's annotation names).")
    var blueprint: String?

    @Option(name: .long, help: "Run against the workloads labelled app=NAME (or app.kubernetes.io/name / instance) in the cluster.")
    var app: String?

    @Option(name: [.customShort("n"), .long], help: "Namespace for --app (the context's by default).")
    var namespace: String?

    @Flag(name: [.customShort("A"), .customLong("all-namespaces")], help: "With --app: look in every namespace.")
    var allNamespaces = false

    @Option(name: .long, help: "The kubeconfig file (else KUBECONFIG, ~/.kube/config, or in-cluster).")
    var kubeconfig: String?

    @Option(name: .long, help: "The kubeconfig context to use.")
    var context: String?

    @Option(name: .customLong("blueprints"), help: "With --app: directory of blueprint files, searched by metadata.name.")
    var blueprintsDirectory = "blueprints"

    @Option(name: .customLong("option"),
            help: ArgumentHelp("A template option, .Options.KEY; with --app, NAME:key=value is for the workload NAME only.",
                               valueName: "key=value"))
    var options: [String] = []

    @Option(name: .customLong("option-from-file"),
            help: ArgumentHelp("A secret option read from a file (one trailing newline dropped): redacted everywhere, journaled as a reference.",
                               valueName: "key=path"))
    var optionsFromFile: [String] = []

    @Option(name: .customLong("option-from-env"),
            help: ArgumentHelp("A secret option read from an environment variable: redacted everywhere, journaled as a reference.",
                               valueName: "key=variable"))
    var optionsFromEnvironment: [String] = []

    @Option(name: .customLong("app-file"), help: "YAML or JSON describing the target object (.Object, .StatefulSet, …).")
    var appFile: String?

    @Option(name: .customLong("from"), help: "A previous run whose output artifacts feed .ArtifactsIn.")
    var from: String?

    @Flag(name: .customLong("dry-run"), help: "Render every phase's arguments and print the plan without running.")
    var dryRun = false

    @Option(name: .shortAndLong, help: "Output format: text or json.")
    var output: OutputFormat = .text

    @Option(name: .customLong("parallel"), help: "Phases of a dependsOn graph that may run at once.")
    var parallel = 4

    @Option(name: .customLong("kill-grace"), help: "Seconds between SIGTERM and SIGKILL when stopping a command.")
    var killGrace: Double = 5

    @Option(name: .customLong("run-id"), help: .hidden)
    var runID: String?

    @Flag(name: .customLong("strict"), help: "With --app: a workload without a blueprint annotation is an error, not skipped.")
    var strict = false

    @Flag(name: .customLong("no-definitions"), help: "With --app backup: do not capture the app's Kubernetes objects.")
    var noDefinitions = false

    @Option(name: .customLong("target-namespace"),
            help: "With --app restore --from APP-BACKUP: restore the whole app (objects, then data) into this namespace.")
    var targetNamespace: String?

    @Flag(name: .customLong("with-definitions"),
          help: ArgumentHelp("With --app and --from APP-BACKUP: recreate the app's objects in order before its data; "
                             + "without --from: capture them (as a backup does) for an action other than backup."))
    var withDefinitions = false

    @Flag(name: .customLong("overwrite"), help: "With a whole-app restore: replace objects of the same kind and name.")
    var overwrite = false

    @Option(name: .customLong("ready-timeout"), help: "With a whole-app restore: seconds to wait for a workload to be Ready.")
    var readyTimeout: Int = 600

    @Option(name: .customLong("secrets-key-file"),
            help: ArgumentHelp("With --app: keep Secret data in the definitions, AES-256-GCM encrypted under this file's key "
                               + "(at least 16 secret bytes); the same file opens them at restore.", valueName: "path"))
    var secretsKeyFile: String?

    @OptionGroup(title: "Object store")
    var storage: ProfileOptions

    func run() async throws {
        LogSetup.bootstrap()
        if let app { return try await runApp(app) }
        guard let blueprint else { return try fail("give --blueprint FILE, or --app NAME to run against a cluster") }
        let kube = try await optionalKubeServices()
        do {
            try await run(blueprint: blueprint, kube: kube)
            try? await kube?.client.shutdown()
        } catch {
            try? await kube?.client.shutdown()
            throw error
        }
    }

    private func run(blueprint: String, kube: KubeServices?) async throws {
        let store = RunStore()
        var target: LocalTarget
        let profile: Profile
        do {
            target = try loadTarget(appFile: appFile)
            profile = try storage.loadProfile()
            try attach(profile, to: &target)
        } catch let error as CustomStringConvertible {
            return try fail(error.description)
        }
        var fromRecord: RunRecord?
        if let from {
            do { fromRecord = try store.load(from) } catch { return try fail(error.description) }
        }
        let runID = self.runID ?? RunStore.newRunID(action: action)
        let objectStore: any ObjectStore
        let sink: ObjectStoreArtifactSink
        do {
            objectStore = try profile.makeStore(stateDirectory: storage.stateDirectory)
            sink = try await makeSink(objectStore, profile: profile, app: target.name ?? "local", runID: runID)
        } catch let error as CustomStringConvertible {
            return try fail("object store: \(error.description)")
        }
        // The store's HTTP client is shut down on every way out, and awaited:
        try await Self.shuttingDown(objectStore) {
            var configuration = ExecutorConfiguration(artifacts: sink, logger: Logger(label: "blueprint"))
            configuration.maxParallelPhases = parallel
            configuration.killGracePeriod = .milliseconds(Int64(killGrace * 1000))
            if let kube { configuration.services[KubeServices.self] = kube }
            configuration.services[DataMoverServices.self] = dataMover(objectStore, profile: profile)
            let executor = Executor(registry: BuiltinFunctions.registry, configuration: configuration)
            let prepared: PreparedRun
            do {
                prepared = try executor.prepare(blueprintFile: blueprint, action: action, target: target, from: fromRecord)
            } catch {
                return try fail(Redactor(secrets: target.secretValues).redact("\(error)"))
            }
            Self.printWarnings(prepared)

            if dryRun {
                try await preflight(store, objectStore)
                let plan = executor.dryRun(prepared)
                if output == .json {
                    StandardStreams.out(try RunStore.json(plan) + Data("\n".utf8))
                } else {
                    print(DryRunText.render(plan))
                }
                return try Self.refuseFailingPlans([plan])
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
            var record = await executor.run(prepared, runID: runID, store: store, events: view, control: control)
            ticker.cancel()
            signals.stop()
            await Self.commit(sink, record: &record, blueprint: prepared.blueprint.name)
            if output == .json {
                StandardStreams.out(try RunStore.json(record) + Data("\n".utf8))
            } else {
                print("\(record.id) \(record.state.rawValue)")
            }
            if record.state != .succeeded { throw ExitStatus.failure }

        }
   }

    /// Runs `body`, then shuts `store` down (awaited, once) however `body` ended.
    static func shuttingDown(_ store: any ObjectStore, _ body: () async throws -> Void) async throws {
        do {
            try await body()
        } catch {
            try? await store.shutdown()
            throw error
        }
        try? await store.shutdown()
    }

    /// The target from the app file, `--option` and the secret options.
    func loadTarget(appFile: String?, options: [String]? = nil) throws -> LocalTarget {
        let secretOptions = try optionsFromFile.map(LocalTarget.optionFromFile)
            + optionsFromEnvironment.map(LocalTarget.optionFromEnvironment)
        return try LocalTarget.load(appFile: appFile, options: options ?? self.options, secretOptions: secretOptions)
    }

    /// `.Profile` for templates, with the profile's secret among the redacted
    /// values, referenced by how the profile was chosen.
    func attach(_ profile: Profile, to target: inout LocalTarget) throws {
        let value = try profile.templateValue()
        target.profile = value.goValue
        if let secret = value.credential.keyPair?.secret, !secret.isEmpty {
            target.credentialSecrets.append(SecretValue(secret, from: .profile(
                file: storage.profile, name: storage.profileName, stateDirectory: storage.stateDirectory.path)))
        }
    }

    /// Validation warnings and secrets too short to redact, on stderr.
    static func printWarnings(_ prepared: PreparedRun) {
        for warning in prepared.warnings { StandardStreams.err("\(warning)\n") }
        for warning in prepared.secretWarnings { StandardStreams.err("warning: \(warning)\n") }
    }

    /// The data functions' repository store: the profile's, its bucket, and the
    /// state directory for generated keys when there is no cluster.
    func dataMover(_ objectStore: any ObjectStore, profile: Profile) -> DataMoverServices {
        DataMoverServices(store: objectStore, bucket: profile.location.bucket, stateDirectory: storage.stateDirectory)
    }

    /// The run's artifact sink in the object store: `<prefix>/<app>/<action>/<run>/`.
    func makeSink(_ objectStore: any ObjectStore, profile: Profile, app: String, runID: String) async throws
        -> ObjectStoreArtifactSink {
        let artifacts = ArtifactStore(store: objectStore, prefix: profile.artifactPrefix)
        return ObjectStoreArtifactSink(
            artifacts: artifacts, writer: try await artifacts.writer(app: app, action: action, run: runID))
    }

    /// Writes the manifest of a succeeded run; a run whose manifest cannot be
    /// written is not complete, so it is reported failed.
    static func commit(_ sink: ObjectStoreArtifactSink, record: inout RunRecord, blueprint: String) async {
        guard record.state == .succeeded else { return }
        do {
            try await sink.commit(blueprint: blueprint)
        } catch {
            StandardStreams.err("error: the action succeeded but its artifact manifest could not be written: \(error)\n")
            record.state = .failed
        }
    }

    func fail(_ message: String) throws {
        // Diagnostics already read `file:line:col: error: …`.
        let text = message.contains(": error: ") ? message : "error: \(message)"
        StandardStreams.err("\(text)\n")
        throw ExitStatus.invalidInput
    }
}

/// The text form of `--dry-run`.
enum DryRunText {
    static func render(_ plan: DryRunPlan) -> String {
        var lines = ["blueprint \(plan.blueprint), action \(plan.action), target \(plan.target)"
            + (plan.parallel ? " (dependsOn graph: independent phases run in parallel)" : "")]
        for (number, step) in plan.steps.enumerated() {
            var header = "\(number + 1). \(step.isDeferPhase ? "deferPhase " : "")\(step.phase): \(step.function)"
            if !step.dependsOn.isEmpty { header += " after \(step.dependsOn.joined(separator: ", "))" }
            if let attempts = step.retryAttempts { header += ", up to \(attempts) attempts" }
            if let timeout = step.timeout { header += ", timeout \(timeout)" }
            lines.append(header)
            for (key, value) in (step.arguments ?? [:]).sorted(by: { $0.key < $1.key }) {
                lines.append("     \(key): \(show(value))")
            }
            if let error = step.error { lines.append("     error: \(error)") }
        }
        for (name, artifact) in plan.outputArtifacts.sorted(by: { $0.key < $1.key }) {
            lines.append("output artifact \(name):")
            for (key, value) in artifact.keyValue.sorted(by: { $0.key < $1.key }) { lines.append("     \(key): \(value)") }
            if let kopia = artifact.kopiaSnapshot { lines.append("     kopiaSnapshot: \(kopia)") }
        }
        return lines.joined(separator: "\n")
    }

    private static func show(_ value: ArgumentValue) -> String {
        switch value {
        case .list(let items): return "[" + items.map(show).joined(separator: ", ") + "]"
        case .map(let map): return "{" + map.keys.sorted().map { "\($0): \(show(map[$0]!))" }.joined(separator: ", ") + "}"
        case .string(let s): return s.isEmpty || s.contains(where: { $0 == "," || $0 == "\n" || $0 == "[" || $0 == "{" }) ? GoQuote.quote(s) : s
        default: return value.description
        }
    }
}

enum GoQuote {
    static func quote(_ s: String) -> String {
        "\"" + s.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\"", with: "\\\"")
            .replacingOccurrences(of: "\n", with: "\\n") + "\""
    }
}
