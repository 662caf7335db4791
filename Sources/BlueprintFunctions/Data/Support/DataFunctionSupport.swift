import BlueprintEngine
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
            "size": .string(ByteCount.format(snapshot.bytes)),
            "phySize": .string(ByteCount.format(snapshot.addedBytes)),
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
