import BlueprintEngine
import BlueprintFunctions
import Foundation
import KubeClient
import Testing

/// CreateCSISnapshots and DeleteCSISnapshots on envtest, where no snapshot
/// controller runs: the test marks the VolumeSnapshots ready itself.
@Suite(.enabled(if: KubeTestCluster.enabled), .serialized) struct CSISnapshotGroupTests {
    static func snapshots(_ client: KubernetesClient, _ ns: String) async throws -> [KubeObject] {
        try await client.listAll(.volumeSnapshots, namespace: ns)
    }

    @Test func oneSnapshotPerClaimAllReadyAndNamedInOrder() async throws {
        try await KubeTestCluster.withClient { client in
            let ns = try await KubeTestCluster.makeNamespace(client, prefix: "csigroup")
            let controller = Task {
                while try await Self.snapshots(client, ns).count < 2 { try await Task.sleep(for: .milliseconds(100)) }
                for snapshot in try await Self.snapshots(client, ns) {
                    _ = try await client.patchStatus(.volumeSnapshots, name: snapshot.name ?? "", namespace: ns,
                                                     patch: ["status": ["readyToUse": true]])
                }
            }
            let context = KubeTestCluster.context(client: client, artifacts: KubeTestCluster.scratch())
            let output = try await CreateCSISnapshots.execute(KubeTestCluster.arguments(CreateCSISnapshots.self, [
                "pvcs": " data-0  logs-0\tdata-0 ", "namespace": .string(ns), "snapshotClass": "", "labels": .map(["team": "shop"]),
            ]), in: context)
            try await controller.value
            let created = try await Self.snapshots(client, ns)
            #expect(created.count == 2, "a claim named twice is snapshotted once")
            #expect(output.values["pvcs"] == "data-0 logs-0" && output.values["namespace"] == .string(ns))
            let names = (output.values["names"].flatMap { if case .string(let s) = $0 { s } else { nil } } ?? "").split(separator: " ")
            #expect(names.count == 2 && names[0].hasPrefix("data-0-snapshot-") && names[1].hasPrefix("logs-0-snapshot-"), "\(names)")
            for snapshot in created {
                // An empty class means the cluster's default: the field is left out, not sent empty.
                #expect(snapshot.json.value(at: "spec.volumeSnapshotClassName") == nil)
                #expect(snapshot.json.value(at: "metadata.labels.team")?.stringValue == "shop")
            }

            _ = try await DeleteCSISnapshots.execute(KubeTestCluster.arguments(DeleteCSISnapshots.self, [
                "names": .string(names.joined(separator: " ") + " already-gone"), "namespace": .string(ns),
            ]), in: context)
            #expect(try await Self.snapshots(client, ns).isEmpty)
        }
    }

    @Test func noClaimIsAnErrorThatSaysWhy() async throws {
        try await KubeTestCluster.withClient { client in
            let context = KubeTestCluster.context(client: client, artifacts: KubeTestCluster.scratch())
            let error = await #expect(throws: (any Error).self) {
                _ = try await CreateCSISnapshots.execute(KubeTestCluster.arguments(CreateCSISnapshots.self, [
                    "pvcs": "  ", "namespace": "default", "snapshotClass": "csi",
                ]), in: context)
            }
            #expect("\(error.map { "\($0)" } ?? "")".contains("no PVC to snapshot"))
        }
    }

    /// A phase timeout or Ctrl-C while waiting for readiness cancels the
    /// function: the snapshots it created must not stay behind.
    @Test func aCancelledGroupDeletesTheSnapshotsItCreated() async throws {
        try await KubeTestCluster.withClient { client in
            let ns = try await KubeTestCluster.makeNamespace(client, prefix: "csigroup")
            let context = KubeTestCluster.context(client: client, artifacts: KubeTestCluster.scratch())
            let phase = Task {
                try await CreateCSISnapshots.execute(KubeTestCluster.arguments(CreateCSISnapshots.self, [
                    "pvcs": "a b c", "namespace": .string(ns), "snapshotClass": "csi",
                ]), in: context)
            }
            let deadline = Date().addingTimeInterval(60)
            while try await Self.snapshots(client, ns).count < 3, Date() < deadline { try await Task.sleep(for: .milliseconds(100)) }
            #expect(try await Self.snapshots(client, ns).count == 3)
            phase.cancel()
            _ = await phase.result
            #expect(try await Self.snapshots(client, ns).isEmpty)
        }
    }
}
