import BlueprintEngine
import BlueprintFunctions
import ChildProcesses
import DataRepository
import FileTreeSupport
import Foundation
import KubeClient
import Logging
import ObjectStore
import Synchronization
import Testing

/// The data functions against the envtest API server (whose node agent runs a
/// pod's exec as a local process, so a pod's files are this machine's) and the
/// real S3 server.
@Suite(.enabled(if: KubeTestCluster.enabled), .serialized) struct DataMoverTests {
    static let bucket = "blueprint-tests"

    static func store() async throws -> S3Store {
        let environment = ProcessInfo.processInfo.environment
        let endpoint = try #require(environment["S3_ENDPOINT"], "S3_ENDPOINT is not set: run scripts/test.sh")
        let store = S3Store(configuration: S3Configuration(
            endpoint: URL(string: endpoint)!, bucket: bucket, region: environment["AWS_DEFAULT_REGION"] ?? "us-east-1",
            credentials: S3Credentials(accessKeyID: try #require(environment["AWS_ACCESS_KEY_ID"]),
                                       secretAccessKey: try #require(environment["AWS_SECRET_ACCESS_KEY"]))))
        try await store.createBucket()
        return store
    }

    /// A function context with the cluster and the S3 store (a fast key derivation).
    static func context(client: KubernetesClient, store: S3Store, target: KubeServices.TargetReference? = nil) -> FunctionContext {
        var services = FunctionServices()
        services[KubeServices.self] = KubeServices(client: client, target: target, taskNodeName: KubeTestCluster.nodeName)
        services[DataMoverServices.self] = DataMoverServices(store: store, bucket: bucket, stateDirectory: nil, keyDerivationCost: 10)
        return FunctionContext(runID: "test", phase: "phase", logger: Logger(label: "test"),
                               artifacts: DirectoryArtifactSink(directory: KubeTestCluster.scratch()), redactor: Redactor(),
                               killGracePeriod: .seconds(1), services: services)
    }

    static func run<F: RunnableFunction>(_ function: F.Type, _ values: [String: ArgumentValue], _ context: FunctionContext) async throws -> [String: String] {
        let output = try await F.execute(KubeTestCluster.arguments(F.self, values), in: context)
        return output.values.mapValues { $0.description }
    }

    static func scratch() throws -> String {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("datamover-\(UUID().uuidString.prefix(8))").path
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        return path
    }

    static func prefix() -> String { "\(bucket)/datamover/\(UUID().uuidString.prefix(8))" }

    /// BackupData then RestoreData of a pod's directory: every file's bytes,
    /// mode, time, the links, the sparse file, the long path and the non-UTF-8
    /// name come back; the key was generated and kept in a Secret; a second
    /// backup reads only what changed.
    @Test func aPodsDirectoryComesBackExactlyAndTheNextBackupReadsOnlyChanges() async throws {
        let store = try await Self.store()
        try await KubeTestCluster.withClient { client in
            let ns = try await KubeTestCluster.makeNamespace(client, prefix: "datamover")
            try await KubeTestCluster.makePod(client, namespace: ns, name: "app-0")
            let folder = try Self.scratch()
            let tree = try SampleTree(root: folder + "/source")
            let context = Self.context(client: client, store: store)
            let prefix = Self.prefix()
            let backup = try await Self.run(BackupData.self, [
                "namespace": .string(ns), "pod": "app-0", "container": "main", "includePath": .string(tree.dataPath),
                "backupArtifactPrefix": .string(prefix),
            ], context)
            #expect(backup["backupTag"]?.count == 10)
            #expect(backup["backupID"]?.count == 64)
            #expect(backup["fileCount"] == "9")
            #expect(backup["size"]?.hasSuffix(" MiB") == true, "\(backup)")
            let keyLocation = try #require(backup["encryptionKeyLocation"])
            #expect(keyLocation.hasPrefix("secret \(ns)/blueprint-data-key-"))
            let secretName = String(keyLocation.split(separator: "/").last!)
            let secret = try await client.get(.secrets, name: secretName, namespace: ns)
            let key = String(decoding: Data(base64Encoded: try #require(secret.json.value(at: "data.encryptionKey")?.stringValue))!, as: UTF8.self)
            #expect(key.count >= 40, "a random key, not a constant")
            #expect(!backup.values.contains { $0.contains(key) }, "the key is in no output")

            let out = folder + "/restored"
            _ = try await Self.run(RestoreData.self, [
                "namespace": .string(ns), "image": "busybox", "backupArtifactPrefix": .string(prefix), "pod": "app-0",
                "backupTag": .string(backup["backupTag"]!), "restorePath": .string(out),
            ], context)
            let copy = try DirectoryManifest(out + tree.dataPath)
            #expect(copy.differences(from: try DirectoryManifest(tree.dataPath)) == [])

            // One file changes: the next backup of the same pod takes the rest from the first.
            try Data("changed\n".utf8).write(to: URL(fileURLWithPath: tree.dataPath + "/hello.txt"))
            let second = try await Self.run(BackupData.self, [
                "namespace": .string(ns), "pod": "app-0", "container": "main", "includePath": .string(tree.dataPath),
                "backupArtifactPrefix": .string(prefix),
            ], context)
            let repository = try await Repository.open(store: store, prefix: String(prefix.dropFirst(Self.bucket.count + 1)), encryptionKey: key)
            let first = try await repository.findSnapshot(backup["backupID"]!)
            let next = try await repository.findSnapshot(second["backupID"]!)
            #expect(next.parent == first.id)
            #expect(next.readBytes * 20 < first.readBytes, "read \(next.readBytes) bytes the second time, \(first.readBytes) the first")
            let out2 = folder + "/restored2"
            _ = try await Self.run(RestoreData.self, [
                "namespace": .string(ns), "image": "busybox", "backupArtifactPrefix": .string(prefix), "pod": "app-0",
                "backupIdentifier": .string(next.id), "restorePath": .string(out2),
            ], context)
            #expect(try DirectoryManifest(out2 + tree.dataPath).differences(from: try DirectoryManifest(tree.dataPath)) == [])

            // A wrong key says so and changes nothing.
            await #expect {
                _ = try await Self.run(RestoreData.self, [
                    "namespace": .string(ns), "image": "busybox", "backupArtifactPrefix": .string(prefix), "pod": "app-0",
                    "backupIdentifier": .string(next.id), "restorePath": .string(folder + "/never"), "encryptionKey": "wrong",
                ], context)
            } throws: { "\($0)".contains("does not open") }
            #expect(!FileManager.default.fileExists(atPath: folder + "/never"))
            let check = try await Self.run(CheckRepository.self, ["backupArtifactPrefix": .string(prefix), "encryptionKey": "wrong"], context)
            #expect(check == ["passwordIncorrect": "true", "repoUnavailable": "false"])
            let missing = try await Self.run(CheckRepository.self, ["backupArtifactPrefix": .string(prefix + "-none"), "encryptionKey": "k"], context)
            #expect(missing == ["passwordIncorrect": "false", "repoUnavailable": "true"])
            let stats = try await Self.run(BackupDataStats.self, [
                "namespace": .string(ns), "backupArtifactPrefix": .string(prefix), "backupID": .string(next.id),
            ], context)
            #expect(stats["fileCount"] == "9" && stats["mode"] == "restore-size")
        }
    }

    /// BackupDataAll over two pods, one repository each; RestoreDataAll puts
    /// each pod's backup back (here one pod at a time: both pods' exec run on
    /// this machine, so they share its files).
    @Test func backupDataAllAndRestoreDataAllCoverEveryPod() async throws {
        let store = try await Self.store()
        try await KubeTestCluster.withClient { client in
            let ns = try await KubeTestCluster.makeNamespace(client, prefix: "datamoverall")
            let labels = ["app": "pair"]
            _ = try await KubeTestCluster.makeStatefulSet(client, namespace: ns, name: "pair", replicas: 2, labels: labels)
            try await KubeTestCluster.makePod(client, namespace: ns, name: "pair-0", labels: labels)
            try await KubeTestCluster.makePod(client, namespace: ns, name: "pair-1", labels: labels)
            let folder = try Self.scratch()
            let tree = try SampleTree(root: folder + "/source")
            let context = Self.context(client: client, store: store,
                                       target: KubeServices.TargetReference(kind: "StatefulSet", name: "pair", namespace: ns))
            let prefix = Self.prefix()
            let output = try await Self.run(BackupDataAll.self, [
                "namespace": .string(ns), "container": "main", "includePath": .string(tree.dataPath),
                "backupArtifactPrefix": .string(prefix), "encryptionKey": "all-pods-key",
            ], context)
            let info = try JSONDecoder().decode([String: [String: String]].self, from: Data(try #require(output["BackupAllInfo"]).utf8))
            #expect(Set(info.keys) == ["pair-0", "pair-1"], "the workload's pods, found by its selector")
            #expect(info.values.allSatisfy { $0["BackupID"]?.count == 64 && $0["BackupTag"]?.count == 10 })
            for pod in ["pair-0", "pair-1"] {
                let out = folder + "/out-" + pod
                _ = try await Self.run(RestoreDataAll.self, [
                    "namespace": .string(ns), "image": "busybox", "backupArtifactPrefix": .string(prefix),
                    "backupInfo": .string(output["BackupAllInfo"]!), "pods": .string(pod), "restorePath": .string(out),
                    "encryptionKey": "all-pods-key",
                ], context)
                #expect(try DirectoryManifest(out + tree.dataPath).differences(from: try DirectoryManifest(tree.dataPath)) == [], "\(pod)")
            }
            _ = try await Self.run(DeleteDataAll.self, [
                "namespace": .string(ns), "backupArtifactPrefix": .string(prefix), "backupInfo": .string(output["BackupAllInfo"]!),
                "encryptionKey": "all-pods-key",
            ], context)
            let left = try await store.list(prefix: String(prefix.dropFirst(Self.bucket.count + 1)) + "/pair-0/snapshots/")
            #expect(left.isEmpty)
        }
    }

    /// DeleteData with reclaimSpace and no grace period: the space it reports
    /// is really gone from the bucket, and the other backup still restores.
    @Test func deleteDataWithReclaimSpaceFreesWhatItReports() async throws {
        let store = try await Self.store()
        try await KubeTestCluster.withClient { client in
            let ns = try await KubeTestCluster.makeNamespace(client, prefix: "datamoverdel")
            try await KubeTestCluster.makePod(client, namespace: ns, name: "app-0")
            let folder = try Self.scratch()
            let tree = try SampleTree(root: folder + "/source")
            let context = Self.context(client: client, store: store)
            let prefix = Self.prefix()
            let arguments: [String: ArgumentValue] = [
                "namespace": .string(ns), "pod": "app-0", "container": "main", "includePath": .string(tree.dataPath),
                "backupArtifactPrefix": .string(prefix), "encryptionKey": "delete-key",
            ]
            let first = try await Self.run(BackupData.self, arguments, context)
            // New random data only the second backup holds.
            var generator = SeededGenerator(seed: 99)
            let bytes = (0..<(3 << 20) / 8).map { _ in generator.next() }
            try bytes.withUnsafeBytes { try Data($0).write(to: URL(fileURLWithPath: tree.dataPath + "/sub/random.bin")) }
            let second = try await Self.run(BackupData.self, arguments, context)
            let keyPrefix = String(prefix.dropFirst(Self.bucket.count + 1)) + "/"
            let before = try await store.list(prefix: keyPrefix).reduce(Int64(0)) { $0 + $1.size }
            let deleted = try await Self.run(DeleteData.self, [
                "namespace": .string(ns), "backupArtifactPrefix": .string(prefix), "backupID": .string(second["backupID"]!),
                "encryptionKey": "delete-key", "reclaimSpace": .bool(true), "reclaimGracePeriod": "0s",
            ], context)
            let after = try await store.list(prefix: keyPrefix).reduce(Int64(0)) { $0 + $1.size }
            let spaceFreed = try #require(deleted["spaceFreed"])
            #expect(spaceFreed.hasSuffix(" B"))
            let freed = try #require(Int64(spaceFreed.dropLast(2)))
            #expect(freed > 3 << 20, "the 3 MiB only the deleted backup held: \(deleted)")
            // The snapshot record goes too (forget before prune): count it in.
            #expect(before - after >= freed && before - after < freed + 4096, "bucket shrank by \(before - after), reported \(freed)")
            let out = folder + "/restored"
            try FileManager.default.removeItem(atPath: tree.dataPath + "/sub/random.bin")
            _ = try await Self.run(RestoreData.self, [
                "namespace": .string(ns), "image": "busybox", "backupArtifactPrefix": .string(prefix), "pod": "app-0",
                "backupIdentifier": .string(first["backupID"]!), "restorePath": .string(out), "encryptionKey": "delete-key",
            ], context)
            #expect(FileManager.default.fileExists(atPath: out + tree.dataPath + "/sub/random.bin"))
        }
    }

    /// CopyVolumeData of a PVC through a helper pod bound to the test node,
    /// whose mount path is planted with data (envtest provisions no volumes),
    /// then RestoreData into a PVC through a helper pod.
    @Test func copyVolumeDataCopiesAPVCThroughAHelperPod() async throws {
        let store = try await Self.store()
        try await KubeTestCluster.withClient { client in
            let ns = try await KubeTestCluster.makeNamespace(client, prefix: "datamovercvd")
            let pvc = "data-\(UUID().uuidString.prefix(6).lowercased())"
            _ = try await client.create(.persistentVolumeClaims, KubeObject([
                "apiVersion": "v1", "kind": "PersistentVolumeClaim", "metadata": ["name": .string(pvc), "namespace": .string(ns)],
                "spec": ["accessModes": ["ReadWriteOnce"], "resources": ["requests": ["storage": "1Gi"]]],
            ]))
            let mount = "/mnt/vol_data/" + pvc
            _ = try SampleTree(root: mount)
            defer { try? FileManager.default.removeItem(atPath: mount) }
            let source = try DirectoryManifest(mount)
            let context = Self.context(client: client, store: store)
            let prefix = Self.prefix()
            // A pod with a PVC stays Pending on envtest (no volumes are provisioned):
            // play the kubelet and mark the helper pods Running; their mount path is
            // this machine's directory, where the data was planted.
            let kubelet = Task {
                while !Task.isCancelled {
                    for pod in (try? await client.listAll(.pods, namespace: ns)) ?? []
                    where pod.json.value(at: "status.phase")?.stringValue == "Pending" {
                        _ = try? await client.patchStatus(.pods, name: pod.name ?? "", namespace: ns, patch: ["status": ["phase": "Running"]])
                    }
                    try? await Task.sleep(for: .milliseconds(100))
                }
            }
            defer { kubelet.cancel() }
            let copied = try await Self.run(CopyVolumeData.self, [
                "namespace": .string(ns), "volume": .string(pvc), "dataArtifactPrefix": .string(prefix), "encryptionKey": "pvc-key",
            ], context)
            #expect(copied["backupRoot"] == mount)
            #expect(copied["backupArtifactLocation"] == prefix)
            let out = try Self.scratch()
            _ = try await Self.run(RestoreData.self, [
                "namespace": .string(ns), "image": "busybox", "backupArtifactPrefix": .string(prefix),
                "volumes": .map(["\(pvc)": .string(out + "/mounted")]), "backupIdentifier": .string(copied["backupID"]!),
                "restorePath": .string(out), "encryptionKey": "pvc-key",
            ], context)
            #expect(try DirectoryManifest(out + mount).differences(from: source) == [])
            let pods = try await client.listAll(.pods, namespace: ns)
            #expect(pods.isEmpty, "helper pods are deleted: \(pods.compactMap(\.name))")
        }
    }

    /// A backup whose tar is killed mid-stream records no snapshot; the next
    /// backup works, check finds nothing missing, and prune removes the
    /// orphaned pack.
    @Test func aBackupCutMidStreamRecordsNothing() async throws {
        let store = try await Self.store()
        try await KubeTestCluster.withClient { client in
            let ns = try await KubeTestCluster.makeNamespace(client, prefix: "datamovercut")
            try await KubeTestCluster.makePod(client, namespace: ns, name: "app-0")
            let folder = try Self.scratch()
            let tree = try SampleTree(root: folder + "/source")
            var generator = SeededGenerator(seed: 5)
            let bytes = (0..<(96 << 20) / 8).map { _ in generator.next() }
            try bytes.withUnsafeBytes { try Data($0).write(to: URL(fileURLWithPath: tree.dataPath + "/large.bin")) }
            let context = Self.context(client: client, store: store)
            let prefix = Self.prefix()
            let keyPrefix = String(prefix.dropFirst(Self.bucket.count + 1))
            let arguments: [String: ArgumentValue] = [
                "namespace": .string(ns), "pod": "app-0", "container": "main", "includePath": .string(tree.dataPath),
                "backupArtifactPrefix": .string(prefix), "encryptionKey": "cut-key",
            ]
            let backup = Task { try await Self.run(BackupData.self, arguments, context) }
            // Once a pack is in the bucket the stream is mid-way: kill the pod's tar.
            let started = ContinuousClock.now
            while try await store.list(prefix: keyPrefix + "/data/").isEmpty {
                try #require(ContinuousClock.now - started < .seconds(240), "no pack was uploaded")
                try await Task.sleep(for: .milliseconds(50))
            }
            _ = try await ChildProcess.run(ProcessCommand("pkill", ["-9", "-f", "tar -cf - -C / --format=pax --sparse \(String(tree.dataPath.dropFirst()))"]),
                                           killGracePeriod: .seconds(1)) { _, _ in }
            await #expect(throws: (any Error).self) { _ = try await backup.value }
            let repository = try await Repository.open(store: store, prefix: keyPrefix, encryptionKey: "cut-key")
            #expect(try await repository.snapshots().isEmpty, "no snapshot for the cut stream")

            _ = try await Self.run(BackupData.self, arguments, context)
            let check = try await repository.check(readData: true)
            #expect(check.problems == [])
            #expect(!check.orphanPacks.isEmpty)
            let pruned = try await repository.prune(grace: .zero)
            #expect(Set(pruned.deletedPacks).isSuperset(of: check.orphanPacks))
            #expect(try await repository.check(readData: true).problems == [])
        }
    }

    /// 20,000 files of 4–64 KiB, 1% of them rewritten: the second backup of the
    /// pod stores at most 1.5% new bytes (packs, index, trees and the snapshot
    /// record) and reads at most 3% of the data from the pod (the listing, tar's
    /// headers and the changed files).
    @Test func onePercentChangedCostsAboutOnePercent() async throws {
        let store = try await Self.store()
        try await KubeTestCluster.withClient { client in
            let ns = try await KubeTestCluster.makeNamespace(client, prefix: "datamoverinc")
            try await KubeTestCluster.makePod(client, namespace: ns, name: "app-0")
            let folder = try Self.scratch()
            defer { try? FileManager.default.removeItem(atPath: folder) }
            var generator = SeededGenerator(seed: 2026)
            var sizes: [Int] = []
            var total: Int64 = 0
            for index in 0..<20_000 {
                let directory = folder + "/data/d\(index / 500)"
                if index % 500 == 0 { try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true) }
                let size = Int.random(in: (4 << 10)...(64 << 10), using: &generator)
                let words = (0..<(size + 7) / 8).map { _ in generator.next() }
                try words.withUnsafeBytes { try Data($0.prefix(size)).write(to: URL(fileURLWithPath: directory + "/f\(index)")) }
                sizes.append(size)
                total += Int64(size)
            }
            let context = Self.context(client: client, store: store)
            let prefix = Self.prefix()
            let keyPrefix = String(prefix.dropFirst(Self.bucket.count + 1))
            let arguments: [String: ArgumentValue] = [
                "namespace": .string(ns), "pod": "app-0", "container": "main", "includePath": .string(folder + "/data"),
                "backupArtifactPrefix": .string(prefix), "encryptionKey": "incremental-key",
            ]
            _ = try await Self.run(BackupData.self, arguments, context)
            let afterFirst = try await store.list(prefix: keyPrefix + "/").reduce(Int64(0)) { $0 + $1.size }
            #expect(afterFirst > total, "random data does not compress: \(afterFirst) stored for \(total)")

            // Rewrite 1% of the files (200), same sizes, new content.
            for index in stride(from: 0, to: 20_000, by: 100) {
                let words = (0..<(sizes[index] + 7) / 8).map { _ in generator.next() }
                try words.withUnsafeBytes {
                    try Data($0.prefix(sizes[index])).write(to: URL(fileURLWithPath: folder + "/data/d\(index / 500)/f\(index)"))
                }
            }
            let second = try await Self.run(BackupData.self, arguments, context)
            let afterSecond = try await store.list(prefix: keyPrefix + "/").reduce(Int64(0)) { $0 + $1.size }
            let added = afterSecond - afterFirst
            let repository = try await Repository.open(store: store, prefix: keyPrefix, encryptionKey: "incremental-key")
            let snapshot = try await repository.findSnapshot(second["backupID"]!)
            #expect(snapshot.files == 20_000)
            #expect(Double(added) <= 0.015 * Double(total), "stored \(added) new bytes for \(total) (\(Double(added) / Double(total) * 100)%)")
            #expect(Double(snapshot.readBytes) <= 0.03 * Double(total), "read \(snapshot.readBytes) of \(total) bytes from the pod")
            print("incremental: 1% of 20,000 files rewritten; stored \(added) bytes (\(String(format: "%.2f", Double(added) / Double(total) * 100))%), read \(snapshot.readBytes) bytes (\(String(format: "%.2f", Double(snapshot.readBytes) / Double(total) * 100))%) of \(total)")
        }
    }

    /// The exec path's own speed: `tar -c` of 512 MiB in a pod over the API
    /// server's exec into the engine, bytes counted and dropped. It bounds
    /// every backup in a cluster. Run with BLUEPRINT_BENCH=1 (a measurement, not
    /// a check): `BLUEPRINT_BENCH=1 scripts/test.sh --filter execPathThroughput`.
    @Test(.enabled(if: ProcessInfo.processInfo.environment["BLUEPRINT_BENCH"] == "1"))
    func execPathThroughput() async throws {
        try await KubeTestCluster.withClient { client in
            let ns = try await KubeTestCluster.makeNamespace(client, prefix: "execbench")
            try await KubeTestCluster.makePod(client, namespace: ns, name: "app-0")
            let folder = try Self.scratch()
            defer { try? FileManager.default.removeItem(atPath: folder) }
            var generator = SeededGenerator(seed: 1)
            for index in 0..<8 {
                let words = (0..<(64 << 20) / 8).map { _ in generator.next() }
                try words.withUnsafeBytes { try Data($0).write(to: URL(fileURLWithPath: folder + "/part\(index)")) }
            }
            let counted = Counter()
            let started = ContinuousClock.now
            let result = try await client.exec(namespace: ns, pod: "app-0", command: ["tar", "-cf", "-", "-C", folder, "."],
                                               options: ExecOptions(throwOnNonZeroExit: true),
                                               stdout: { counted.add($0.readableBytes) }, stderr: { _ in })
            let elapsed = ContinuousClock.now - started
            let seconds = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
            #expect(result.exitCode == 0)
            print("exec-bench: \(counted.total) bytes in \(String(format: "%.2f", seconds)) s: \(String(format: "%.1f", Double(counted.total) / seconds / 1_048_576)) MiB/s")
        }
    }
}

final class Counter: Sendable {
    private let value = Mutex<Int>(0)
    func add(_ count: Int) { value.withLock { $0 += count } }
    var total: Int { value.withLock { $0 } }
}
