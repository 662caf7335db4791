import ArgumentParser
import BlueprintFunctions
import Foundation
import KubeClient

/// `blueprint actionset …`: Kanister ActionSets in the cluster — created with
/// kanctl's flags and rules, listed, and read back.
struct ActionSetCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "actionset",
        abstract: "Create, list and inspect ActionSets (cr.kanister.io/v1alpha1) in the cluster.",
        subcommands: [ActionSetCreate.self, ActionSetList.self, ActionSetStatus.self]
    )
}

/// Where the cluster is; shared by the actionset subcommands.
struct ClusterOptions: ParsableArguments {
    @Option(name: [.customShort("n"), .long], help: "Namespace (the context's by default).")
    var namespace: String?

    @Option(name: .long, help: "The kubeconfig file (else KUBECONFIG, ~/.kube/config, or in-cluster).")
    var kubeconfig: String?

    @Option(name: .long, help: "The kubeconfig context to use.")
    var context: String?

    /// Runs `body` with a client, shut down however `body` ends. A cluster that
    /// cannot be reached is invalid input (exit 2) with the reason.
    func withClient(_ body: (KubernetesClient) async throws -> Void) async throws {
        let client: KubernetesClient
        do {
            client = try await KubernetesClient.fromEnvironment(kubeconfig: kubeconfig, context: context, namespace: namespace)
        } catch {
            StandardStreams.err("error: \(error)\n")
            throw ExitStatus.invalidInput
        }
        do {
            try await body(client)
            try? await client.shutdown()
        } catch {
            try? await client.shutdown()
            throw error
        }
    }
}

/// Prints `message` as an error and exits with `status`.
func failActionSet(_ message: String, _ status: ExitCode = ExitStatus.invalidInput) -> ExitCode {
    StandardStreams.err("error: \(message)\n")
    return status
}

struct ActionSetCreate: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "create",
        abstract: "Create an ActionSet as `kanctl create actionset` does.",
        discussion: """
            One action per object. Object flags take comma-separated lists and may be repeated. \
            With --from, the new ActionSet continues a complete one: it takes the parent's objects, blueprint, \
            secrets, config maps and profile, and the parent's rendered output artifacts as its input artifacts; \
            flags given here override them (options merge). Before creating, the Blueprint, Profile, objects, \
            Secrets and ConfigMaps are checked to exist (--skip-validation skips that).
            """
    )

    @OptionGroup var cluster: ClusterOptions

    @Option(name: [.customShort("a"), .long], help: "The blueprint action to run (e.g. backup).")
    var action: String?

    @Option(name: .long, help: "Name of the ActionSet (default: <action>-<5 random characters>).")
    var name: String?

    @Option(name: [.customShort("b"), .long], help: "The Blueprint object's name (in the ActionSet's namespace).")
    var blueprint: String?

    @Option(name: [.customShort("d"), .long], help: "Deployments: NAMESPACE/NAME[,…].")
    var deployment: [String] = []

    @Option(name: [.customShort("t"), .long], help: "StatefulSets: NAMESPACE/NAME[,…].")
    var statefulset: [String] = []

    @Option(name: [.customShort("D"), .long], help: "OpenShift DeploymentConfigs: NAMESPACE/NAME[,…].")
    var deploymentconfig: [String] = []

    @Option(name: [.customShort("v"), .long], help: "PersistentVolumeClaims: NAMESPACE/NAME[,…].")
    var pvc: [String] = []

    @Option(name: [.customShort("T"), .long], help: "Namespaces as targets: NAME[,…].")
    var namespacetargets: [String] = []

    @Option(name: [.customShort("O"), .long], help: "Any objects: GROUP/VERSION/RESOURCE/NAMESPACE/NAME[,…] (VERSION/RESOURCE/… for the core group).")
    var objects: [String] = []

    @Option(name: [.customShort("l"), .long], help: "A label selector choosing objects.")
    var selector: String?

    @Option(name: [.customShort("k"), .long], help: "With --selector: all, deployment, statefulset, deploymentconfig, pvc or namespace.")
    var kind: String = "all"

    @Option(name: .customLong("selector-namespace"), help: "With --selector: the namespace to look in (default: every namespace).")
    var selectorNamespace: String?

    @Option(name: [.customShort("p"), .long], help: "The Profile: NAME (in the ActionSet's namespace) or NAMESPACE/NAME.")
    var profile: String?

    @Option(name: [.customShort("f"), .customLong("from")], help: "Continue this complete ActionSet (its artifacts become the inputs).")
    var from: String?

    @Option(name: [.customShort("o"), .long], help: "Options: KEY=VALUE[,…] (.Options).")
    var options: [String] = []

    @Option(name: [.customShort("s"), .long], help: "Secrets: REF=NAMESPACE/NAME[,…] (.Secrets.REF).")
    var secrets: [String] = []

    @Option(name: [.customShort("c"), .customLong("config-maps")], help: "ConfigMaps: REF=NAMESPACE/NAME[,…] (.ConfigMaps.REF).")
    var configMaps: [String] = []

    @Option(name: .long, help: "Labels of the ActionSet: KEY=VALUE[,…].")
    var labels: [String] = []

    @Option(name: .long, help: "Labels of the pods functions create: KEY=VALUE[,…].")
    var podlabels: [String] = []

    @Option(name: .long, help: "Annotations of the pods functions create: KEY=VALUE[,…].")
    var podannotations: [String] = []

    @Flag(name: .customLong("dry-run"), help: "Print the ActionSet as YAML instead of creating it.")
    var dryRun = false

    @Flag(name: .customLong("skip-validation"), help: "Do not check that what the ActionSet names exists.")
    var skipValidation = false

    func run() async throws {
        try await cluster.withClient { client in
            let namespace = cluster.namespace ?? client.namespace
            var request: ActionSetRequest
            do {
                request = try makeRequest(namespace: namespace)
                if let selector {
                    request.objects += try await ActionSetTargets(client: client).select(
                        selector: selector, kind: kind, namespace: selectorNamespace, already: request.objects)
                }
            } catch let error as ActionSetRequestError {
                throw failActionSet(error.description)
            }
            let actionSet: ActionSet
            do {
                if let from {
                    guard let object = try await client.getIfPresent(.actionSets, name: from, namespace: namespace) else {
                        throw failActionSet("no ActionSet \"\(from)\" in namespace \(namespace) to continue (--from)")
                    }
                    actionSet = try request.childActionSet(of: try ActionSet(object))
                } else {
                    actionSet = try request.newActionSet()
                }
            } catch let error as ActionSetRequestError {
                throw failActionSet(error.description)
            }
            if !skipValidation {
                let missing = try await ActionSetTargets(client: client).missing(in: actionSet)
                if !missing.isEmpty {
                    throw failActionSet(missing.joined(separator: "\n       ")
                                        + "\n  hint: create them first, or pass --skip-validation to create the ActionSet anyway")
                }
            }
            if actionSet.spec?.actions?.contains(where: { $0.profile == nil }) == true {
                // kanctl warns too: artifacts and `.Profile` need one.
                StandardStreams.err("warning: no --profile: an action that stores artifacts or reads .Profile will fail\n")
            }
            if dryRun {
                StandardStreams.out(try actionSet.json.yamlString())
                return
            }
            let created: KubeObject
            do {
                created = try await client.create(.actionSets, KubeObject(try actionSet.json), namespace: namespace)
            } catch let error as KubeError where error.isNotFound {
                throw failActionSet("the cluster has no ActionSet resource (cr.kanister.io/v1alpha1); apply deploy/crds/ first",
                                    ExitStatus.failure)
            }
            StandardStreams.out("actionset \(created.name ?? actionSet.metadata.name ?? "") created\n")
        }
    }

    /// The flags as a request; a value that does not parse is refused with the
    /// flag and the expected form.
    func makeRequest(namespace: String) throws -> ActionSetRequest {
        typealias R = ActionSetRequest
        var request = ActionSetRequest(namespace: namespace)
        request.action = action
        request.name = name
        request.parent = from
        request.blueprint = blueprint
        let byKind: [(R.TargetKind, [String])] = [
            (.deployment, deployment), (.statefulset, statefulset), (.deploymentconfig, deploymentconfig),
            (.pvc, pvc), (.namespace, namespacetargets),
        ]
        for (kind, values) in byKind {
            for item in R.items(values) {
                let reference = try R.target(item, kind: kind)
                if !request.objects.contains(reference) { request.objects.append(reference) }
            }
        }
        request.objects += try R.items(objects).map(R.genericObject)
        for item in R.items(options) {
            let (key, value) = try R.keyValue(item, flag: "--options")
            request.options[key] = value
        }
        for item in R.items(secrets) {
            let (ref, reference) = try R.reference(item, flag: "--secrets")
            request.secrets[ref] = reference
        }
        for item in R.items(configMaps) {
            let (ref, reference) = try R.reference(item, flag: "--config-maps")
            request.configMaps[ref] = reference
        }
        if let profile { request.profile = try R.profileReference(profile, namespace: namespace) }
        for (flag, values, path) in [("--labels", labels, \R.labels), ("--podlabels", podlabels, \R.podLabels),
                                     ("--podannotations", podannotations, \R.podAnnotations)] {
            for item in R.items(values) {
                let (key, value) = try R.keyValue(item, flag: flag)
                request[keyPath: path][key] = value
            }
        }
        return request
    }
}

struct ActionSetList: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "list", abstract: "List ActionSets and their states.")

    @OptionGroup var cluster: ClusterOptions

    @Flag(name: [.customShort("A"), .customLong("all-namespaces")], help: "List in every namespace.")
    var allNamespaces = false

    @Option(name: .long, help: "text or json.")
    var output: OutputFormat = .text

    func run() async throws {
        try await cluster.withClient { client in
            let namespace = cluster.namespace ?? client.namespace
            let objects: [KubeObject]
            do {
                objects = try await client.listAll(.actionSets, namespace: namespace, allNamespaces: allNamespaces)
            } catch let error as KubeError where error.isNotFound {
                throw failActionSet("the cluster has no ActionSet resource (cr.kanister.io/v1alpha1); apply deploy/crds/ first",
                                    ExitStatus.failure)
            }
            let actionSets = try objects.map(ActionSet.init)
            if output == .json { return try JSONOutput.print(actionSets) }
            if actionSets.isEmpty {
                StandardStreams.err("no ActionSets in \(allNamespaces ? "any namespace" : "namespace \(namespace)")\n")
                return
            }
            var rows = [["NAMESPACE", "NAME", "STATE", "ACTIONS", "RUNNING PHASE", "CREATED"]]
            for set in actionSets {
                let actions = (set.spec?.actions ?? []).map(\.name)
                rows.append([set.metadata.namespace ?? "", set.metadata.name ?? "", set.status?.state?.rawValue ?? "-",
                             actions.isEmpty ? "-" : actions.joined(separator: ","),
                             set.status?.progress?.runningPhase.flatMap { $0.isEmpty ? nil : $0 } ?? "-",
                             set.metadata.creationTimestamp ?? "-"])
            }
            if !allNamespaces { rows = rows.map { Array($0.dropFirst()) } }
            printTable(header: rows[0], rows: Array(rows.dropFirst()))
        }
    }
}

struct ActionSetStatus: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "status", abstract: "Show an ActionSet's state, phases, outputs and artifacts.")

    @OptionGroup var cluster: ClusterOptions

    @Argument(help: "The ActionSet's name.")
    var name: String

    @Option(name: .long, help: "text or json.")
    var output: OutputFormat = .text

    func run() async throws {
        try await cluster.withClient { client in
            let namespace = cluster.namespace ?? client.namespace
            guard let object = try await client.getIfPresent(.actionSets, name: name, namespace: namespace) else {
                throw failActionSet("no ActionSet \"\(name)\" in namespace \(namespace); list them with `blueprint actionset list`",
                                    ExitStatus.failure)
            }
            let set = try ActionSet(object)
            if output == .json { return try JSONOutput.print(set) }
            var text = "ActionSet \(namespace)/\(name): \(set.status?.state?.rawValue ?? "not started")\n"
            if let message = set.status?.error?.message, !message.isEmpty { text += "error: \(message)\n" }
            if let phase = set.status?.progress?.runningPhase, !phase.isEmpty { text += "running phase: \(phase)\n" }
            let statuses = set.status?.actions ?? []
            for (index, action) in (set.spec?.actions ?? []).enumerated() {
                let object = action.object
                let target = [object.kind ?? object.resource ?? "object", "\(object.namespace.map { "\($0)/" } ?? "")\(object.name)"]
                text += "\naction \(action.name) on \(target.joined(separator: " ")) (blueprint \(action.blueprint ?? "-"))\n"
                let status = index < statuses.count ? statuses[index] : nil
                for phase in status?.phases ?? [] { text += Self.describe(phase, label: "phase") }
                if let deferPhase = status?.deferPhase, deferPhase.name?.isEmpty == false {
                    text += Self.describe(deferPhase, label: "deferPhase")
                }
                for (artifact, value) in (status?.artifacts ?? [:]).sorted(by: { $0.key < $1.key }) {
                    let pairs = (value.keyValue ?? [:]).sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" }
                    let shown = value.kopiaSnapshot.map { "kopiaSnapshot=\($0)" } ?? pairs.joined(separator: " ")
                    text += "  artifact \(artifact): \(shown)\n"
                }
            }
            StandardStreams.out(text)
            if set.status?.state == .failed { throw ExitStatus.failure }
        }
    }

    static func describe(_ phase: ActionSet.PhaseStatus, label: String) -> String {
        var line = "  \(label) \(phase.name ?? "-"): \(phase.state?.rawValue ?? "-")\n"
        for (key, value) in (phase.output ?? [:]).sorted(by: { $0.key < $1.key }) {
            let shown = value.stringValue ?? ((try? value.jsonString()) ?? "")
            line += "    \(key) = \(shown)\n"
        }
        return line
    }
}
