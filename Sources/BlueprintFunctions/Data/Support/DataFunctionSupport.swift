import BlueprintEngine
import Durations
import DataRepository
import Foundation
import KubeClient

enum DataFunctionSupport {
    /// What a pod's backups are of, stable across runs: a StatefulSet's pod keeps
    /// its name, a Deployment's does not, so it is named by its Deployment. The
    /// next backup of the same data finds its parent by this.
    static func identity(namespace: String, pod: String, client: KubernetesClient) async -> String {
        guard let object = try? await client.get(.pods, name: pod, namespace: namespace),
              let owner = object.json.value(at: "metadata.ownerReferences")?.arrayValue?.first,
              let kind = owner["kind"]?.stringValue, let name = owner["name"]?.stringValue else {
            return "pod/\(pod)"
        }
        switch kind {
        case "ReplicaSet":
            // <deployment>-<pod-template-hash>
            if let dash = name.lastIndex(of: "-") { return "deployment/\(name[..<dash])" }
            return "replicaset/\(name)"
        case "DaemonSet":
            let node = object.json.value(at: "spec.nodeName")?.stringValue ?? pod
            return "daemonset/\(name)/\(node)"
        default:
            return "pod/\(pod)"
        }
    }

    /// Kanister's outputs of a backup, plus where a generated key is kept.
    static func outputs(_ snapshot: Snapshot, generatedKey: String?) -> FunctionOutput {
        var values: [String: ArgumentValue] = [
            "backupTag": .string(snapshot.tag),
            "backupID": .string(snapshot.id),
            "fileCount": .string(String(snapshot.files)),
            "size": .string(ResticSize.format(snapshot.bytes)),
            "phySize": .string(ResticSize.format(snapshot.addedBytes)),
        ]
        if let generatedKey { values["encryptionKeyLocation"] = .string(generatedKey) }
        return FunctionOutput(values)
    }

    /// The snapshot named by `backupID` or `backupTag` (exactly one needed).
    static func snapshot(in repository: Repository, arguments: FunctionArguments, function: String) async throws -> Snapshot {
        let id = try arguments.optionalString("backupID").flatMap { $0.isEmpty ? nil : $0 }
        let tag = try arguments.optionalString("backupTag").flatMap { $0.isEmpty ? nil : $0 }
        guard let reference = id ?? tag else {
            throw DataMoverError.invalidArgument(function: function, argument: "backupID", reason: "give backupID or backupTag (the outputs of the backup)")
        }
        return try await repository.findSnapshot(reference)
    }

    /// Backs up `includePath` of a pod's container: the whole tree the first
    /// time, then (GNU tar and find in the container) only files whose size or
    /// time changed since the parent, the others taken from it.
    static func backup(function: String, repository: Repository, tar: PodTar, includePath: String, source: String,
                       context: FunctionContext) async throws -> Snapshot {
        let tools = try await tar.probe()
        let parent = try await repository.latestSnapshot(source: source)
        let session = try await repository.startBackup(source: source, paths: [includePath], parent: parent)
        var only: [[UInt8]]?
        var listed = 0
        if let parent, tools.gnuTar, tools.gnuFind {
            let listing = try await tar.list(includePath)
            listed = listing.bytes
            var previous: [[UInt8]: Tree.Node] = [:]
            for (path, node) in try await repository.nodes(of: parent) where node.kind == .file { previous[path] = node }
            var list: [[UInt8]] = []
            var reused = 0
            for entry in listing.entries {
                if entry.kind == UInt8(ascii: "f"), let old = previous[entry.path], old.size == entry.size,
                   old.modificationTime == entry.modificationTime {
                    await session.reuse(old, at: entry.path)
                    reused += 1
                } else {
                    list.append(entry.path)
                }
            }
            context.progress("\(reused) unchanged files taken from snapshot \(parent.id.prefix(12)); \(list.count) entries to read")
            only = list
        }
        try await tar.backup([String(decoding: PodTar.relative(Array(includePath.utf8)), as: UTF8.self)], tools: tools, only: only,
                             into: session)
        return try await session.finish(listedBytes: Int64(listed))
    }
}

extension DataFunctionSupport {
    /// Kanister's `BackupAllInfo`: pod → {BackupID, BackupTag}.
    struct BackupInfo: Codable, Sendable {
        var BackupID: String
        var BackupTag: String
    }

    static func decodeBackupInfo(_ text: String, function: String) throws -> [String: BackupInfo] {
        do {
            return try JSONDecoder().decode([String: BackupInfo].self, from: Data(text.utf8))
        } catch {
            throw DataMoverError.invalidArgument(function: function, argument: "backupInfo",
                                                 reason: "not the BackupAllInfo output of BackupDataAll (a JSON map of pod name to {BackupID, BackupTag})")
        }
    }

    /// The `pods` argument (space-separated), or the pods of the action's workload.
    static func pods(_ arguments: FunctionArguments, namespace: String, kube: KubeServices, function: String) async throws -> [String] {
        let given = try arguments.optionalString("pods").map { $0.split(separator: " ").map(String.init) } ?? []
        if !given.isEmpty { return given }
        guard let target = kube.target else {
            throw DataMoverError.invalidArgument(function: function, argument: "pods", reason: "give the pods: the action has no workload to take them from")
        }
        let type: ResourceType = switch target.kind.lowercased() {
        case "statefulset": .statefulSets
        case "daemonset": .daemonSets
        default: .deployments
        }
        let workload = try await kube.client.get(type, name: target.name, namespace: target.namespace)
        let labels = workload.json.value(at: "spec.selector.matchLabels")?.objectValue ?? [:]
        let selector = labels.sorted { $0.key < $1.key }.compactMap { key, value in value.stringValue.map { "\(key)=\($0)" } }
            .joined(separator: ",")
        let pods = try await kube.client.listAll(.pods, namespace: namespace, options: ListOptions(labelSelector: selector))
        let names = pods.filter { $0.json.value(at: "status.phase")?.stringValue == "Running" }.compactMap(\.name).sorted()
        guard !names.isEmpty else {
            throw DataMoverError.invalidArgument(function: function, argument: "pods", reason: "\(target.kind) \(target.namespace)/\(target.name) has no running pod")
        }
        return names
    }

    /// Runs `body` for every pod at once; the first failure cancels the rest.
    static func forEachPod<T: Sendable>(_ pods: [String], _ body: @escaping @Sendable (String) async throws -> T) async throws -> [String: T] {
        try await withThrowingTaskGroup(of: (String, T).self) { group in
            for pod in pods { group.addTask { (pod, try await body(pod)) } }
            var results: [String: T] = [:]
            for try await (pod, value) in group { results[pod] = value }
            return results
        }
    }

    /// Deletes a snapshot; with `reclaimSpace`, prunes and returns the bytes freed.
    static func delete(_ snapshot: Snapshot, in repository: Repository, reclaimSpace: Bool, grace: Duration) async throws -> Int64? {
        try await repository.forget([snapshot])
        guard reclaimSpace else { return nil }
        return try await repository.prune(grace: grace).spaceFreed
    }

    static func grace(_ arguments: FunctionArguments, function: String) throws -> Duration {
        guard let text = try arguments.optionalString("reclaimGracePeriod"), !text.isEmpty else { return .seconds(3600) }
        do {
            let nanoseconds = try DurationGrammar.nanoseconds(text, units: .withDaysAndWeeks)
            guard nanoseconds >= 0 else { throw DurationGrammar.Failure.invalid }
            return .nanoseconds(nanoseconds)
        } catch {
            throw DataMoverError.invalidArgument(function: function, argument: "reclaimGracePeriod",
                                                 reason: "\"\(text)\" is not a duration (e.g. 0s, 30m, 1h)")
        }
    }
}
