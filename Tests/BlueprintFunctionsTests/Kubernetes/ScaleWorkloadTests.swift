import BlueprintEngine
import BlueprintFunctions
import Foundation
import KubeClient
import Logging
import Testing

/// ScaleWorkload and the CSI snapshot functions inside real runs, so that
/// failures, timeouts and undos go through the executor.
@Suite(.enabled(if: KubeTestCluster.enabled), .serialized) struct ScaleWorkloadTests {
    func run(_ blueprint: String, client: KubernetesClient, target: LocalTarget = LocalTarget()) async throws -> RunRecord {
        let dir = KubeTestCluster.scratch()
        let file = dir.appendingPathComponent("bp.yaml").path
        try blueprint.write(toFile: file, atomically: true, encoding: .utf8)
        var configuration = ExecutorConfiguration(artifacts: DirectoryArtifactSink(directory: dir.appendingPathComponent("artifacts")),
                                                  logger: Logger(label: "test"))
        configuration.services[KubeServices.self] = KubeServices(client: client, taskNodeName: KubeTestCluster.nodeName)
        configuration.undoAttempts = 1
        let executor = Executor(registry: BuiltinFunctions.registry, configuration: configuration)
        let prepared = try executor.prepare(blueprintFile: file, action: "backup", target: target)
        return await executor.run(prepared, runID: "run-\(UUID().uuidString.prefix(6))", store: RunStore(home: dir.appendingPathComponent("home")))
    }

    @Test func scalesToZeroAndTheUndoRestoresTheCountWhenALaterPhaseFails() async throws {
        try await KubeTestCluster.withClient { client in
            let ns = try await KubeTestCluster.makeNamespace(client, prefix: "scale")
            _ = try await KubeTestCluster.makeStatefulSet(client, namespace: ns, name: "db", replicas: 3, labels: ["app": "demo"])
            let record = try await run("""
                apiVersion: cr.kanister.io/v1alpha1
                kind: Blueprint
                metadata: {name: scale}
                actions:
                  backup:
                    phases:
                    - func: ScaleWorkload
                      name: down
                      args: {namespace: \(ns), name: db, kind: StatefulSet, replicas: 0}
                    - func: Exec
                      name: check
                      args:
                        command: [sh, -c, "exit 4"]
                """, client: client)
            #expect(record.state == .failed)
            #expect(record.phases.first?.outputs["originalReplicaCount"] == .int(3))
            let sts = try await client.get(.statefulSets, name: "db", namespace: ns)
            #expect(sts.json.value(at: "spec.replicas")?.intValue == 3)
            #expect(record.undos.count == 1 && record.undos.first?.state == .done)
        }
    }

    @Test func waitForReadyWaitsUntilTheStatusSaysReady() async throws {
        try await KubeTestCluster.withClient { client in
            let ns = try await KubeTestCluster.makeNamespace(client, prefix: "scaleup")
            _ = try await KubeTestCluster.makeStatefulSet(client, namespace: ns, name: "db", replicas: 1, labels: ["app": "demo"])
            let controller = Task {
                try await Task.sleep(for: .seconds(1))
                let sts = try await client.get(.statefulSets, name: "db", namespace: ns)
                let generation = sts.json.value(at: "metadata.generation")?.intValue ?? 1
                _ = try await client.patchStatus(.statefulSets, name: "db", namespace: ns, patch: ["status": [
                    "replicas": 2, "readyReplicas": 2, "observedGeneration": .int(generation)]])
            }
            let context = KubeTestCluster.context(client: client, artifacts: KubeTestCluster.scratch())
            let started = ContinuousClock.now
            let output = try await ScaleWorkload.execute(KubeTestCluster.arguments(ScaleWorkload.self, [
                "namespace": .string(ns), "name": "db", "kind": "statefulset", "replicas": .int(2),
            ]), in: context)
            try await controller.value
            #expect(output.values["originalReplicaCount"] == .int(1))
            #expect(ContinuousClock.now - started >= .seconds(1))
        }
    }

    @Test func csiSnapshotWaitsUntilReadyAndRestoreNamesIt() async throws {
        try await KubeTestCluster.withClient { client in
            guard try await client.hasResource(.volumeSnapshots) else {
                Issue.record("apply ../shared/envtest/manifests/volumesnapshot-crds.yaml to the test server first")
                return
            }
            let ns = try await KubeTestCluster.makeNamespace(client, prefix: "csi")
            let controller = Task {
                while true {
                    if let snapshot = try await client.getIfPresent(.volumeSnapshots, name: "snap", namespace: ns) {
                        #expect(snapshot.json.value(at: "spec.source.persistentVolumeClaimName")?.stringValue == "data-db-0")
                        try await Task.sleep(for: .milliseconds(700))
                        _ = try await client.patchStatus(.volumeSnapshots, name: "snap", namespace: ns, patch: ["status": [
                            "readyToUse": true, "restoreSize": "1Gi", "boundVolumeSnapshotContentName": "snapcontent-1"]])
                        return
                    }
                    try await Task.sleep(for: .milliseconds(100))
                }
            }
            let context = KubeTestCluster.context(client: client, artifacts: KubeTestCluster.scratch())
            let output = try await CreateCSISnapshot.execute(KubeTestCluster.arguments(CreateCSISnapshot.self, [
                "name": "snap", "pvc": "data-db-0", "namespace": .string(ns), "snapshotClass": "csi-hostpath",
            ]), in: context)
            try await controller.value
            #expect(output.values == ["name": "snap", "pvc": "data-db-0", "namespace": .string(ns), "restoreSize": "1Gi",
                                      "snapshotContent": "snapcontent-1"])
            _ = try await RestoreCSISnapshot.execute(KubeTestCluster.arguments(RestoreCSISnapshot.self, [
                "name": "snap", "pvc": "restored", "namespace": .string(ns), "storageClass": "standard", "restoreSize": "1Gi",
            ]), in: context)
            let pvc = try await client.get(.persistentVolumeClaims, name: "restored", namespace: ns)
            #expect(pvc.json.value(at: "spec.dataSource.name")?.stringValue == "snap")
            #expect(pvc.json.value(at: "spec.dataSource.kind")?.stringValue == "VolumeSnapshot")
            #expect(pvc.json.value(at: "spec.resources.requests.storage")?.stringValue == "1Gi")
            _ = try await DeleteCSISnapshot.execute(KubeTestCluster.arguments(DeleteCSISnapshot.self, ["name": "snap", "namespace": .string(ns)]),
                                                    in: context)
            #expect(try await client.getIfPresent(.volumeSnapshots, name: "snap", namespace: ns) == nil)
        }
    }

    @Test func aSnapshotThatNeverGetsReadyTimesOutClearlyAndTheUndoRuns() async throws {
        try await KubeTestCluster.withClient { client in
            guard try await client.hasResource(.volumeSnapshots) else {
                Issue.record("apply ../shared/envtest/manifests/volumesnapshot-crds.yaml to the test server first")
                return
            }
            let ns = try await KubeTestCluster.makeNamespace(client, prefix: "csito")
            _ = try await KubeTestCluster.makeStatefulSet(client, namespace: ns, name: "db", replicas: 2, labels: ["app": "demo"])
            let record = try await run("""
                apiVersion: cr.kanister.io/v1alpha1
                kind: Blueprint
                metadata: {name: snap}
                actions:
                  backup:
                    phases:
                    - func: ScaleWorkload
                      name: quiesce
                      args: {namespace: \(ns), name: db, kind: StatefulSet, replicas: 0}
                    - func: CreateCSISnapshot
                      name: snapshot
                      timeout: 2s
                      args: {name: never-ready, pvc: data-db-0, namespace: \(ns), snapshotClass: csi}
                """, client: client)
            #expect(record.state == .failed)
            #expect((record.error ?? "").contains("timed out") || (record.error ?? "").contains("timeout"))
            let sts = try await client.get(.statefulSets, name: "db", namespace: ns)
            #expect(sts.json.value(at: "spec.replicas")?.intValue == 2)
        }
    }

    @Test func kubeOpsCreatesAndDeletesAndWaitV2SeesTheObject() async throws {
        try await KubeTestCluster.withClient { client in
            let ns = try await KubeTestCluster.makeNamespace(client, prefix: "kops")
            let context = KubeTestCluster.context(client: client, artifacts: KubeTestCluster.scratch())
            let created = try await KubeOps.execute(KubeTestCluster.arguments(KubeOps.self, [
                "operation": "create", "namespace": .string(ns),
                "spec": "apiVersion: v1\nkind: ConfigMap\nmetadata: {name: marker}\ndata: {ready: \"true\"}\n",
            ]), in: context)
            #expect(created.values == ["apiVersion": "v1", "group": "", "resource": "configmaps", "name": "marker", "namespace": .string(ns)])
            _ = try await WaitV2.execute(KubeTestCluster.arguments(WaitV2.self, [
                "timeout": "10s",
                "conditions": .map(["allOf": .list([.map([
                    "objectReference": .map(["apiVersion": "v1", "resource": "configmaps", "name": "marker", "namespace": .string(ns)]),
                    "condition": "{{ .data.ready }}",
                ])])]),
            ]), in: context)
            _ = try await KubeOps.execute(KubeTestCluster.arguments(KubeOps.self, [
                "operation": "delete",
                "objectReference": .map(["apiVersion": "v1", "resource": "configmaps", "name": "marker", "namespace": .string(ns)]),
            ]), in: context)
            #expect(try await client.getIfPresent(.configMaps, name: "marker", namespace: ns) == nil)
            do {
                _ = try await Wait.execute(KubeTestCluster.arguments(Wait.self, [
                    "timeout": "1s",
                    "conditions": .map(["anyOf": .list([.map([
                        "objectReference": .map(["apiVersion": "v1", "resource": "configmaps", "name": "marker", "namespace": .string(ns)]),
                        "condition": "{$.data.ready}",
                    ])])]),
                ]), in: context)
                Issue.record("expected a timeout")
            } catch let error as KubeFunctionError {
                #expect(error.description.contains("timed out after"))
            }
        }
    }
}
