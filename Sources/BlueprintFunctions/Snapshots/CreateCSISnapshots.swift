import BlueprintEngine
import BlueprintModel
import Foundation
import KubeClient

/// Create a CSI VolumeSnapshot of each of several PVCs and wait until all are
/// ready to use (our extension, not in Kanister).
///
/// A blueprint's phases are fixed, but a workload's claims are not: the claims
/// come as one space-separated string (as `KubeExecAll` takes its pods), so one
/// template ranging over `.StatefulSet.PersistentVolumeClaims` names them all.
/// Every snapshot is created before any is waited for, so they are cut close
/// together. A group that cannot be completed is not left half-made: when a
/// creation or a wait fails, the snapshots this phase created are deleted.
public struct CreateCSISnapshots: RunnableFunction {
    public static let declaration = FunctionDeclaration(
        name: "CreateCSISnapshots",
        summary: "Create a CSI VolumeSnapshot of each of several PVCs and wait until all are ready to use.",
        arguments: [
            .required("pvcs", .string, "Space-separated names of the PVCs to snapshot (a name given twice is snapshotted once)."),
            .required("namespace", .string, "Namespace of the PVCs and of the VolumeSnapshots."),
            .required("snapshotClass", .string, "Name of the VolumeSnapshotClass to use; empty for the cluster's default class."),
            .optional("labels", .map(.string), "Labels for every VolumeSnapshot."),
        ],
        outputs: ["names", "pvcs", "namespace"],
        origin: .blueprint,
    )

    public static func execute(_ arguments: FunctionArguments, in context: FunctionContext) async throws -> FunctionOutput {
        let kube = try context.kube(for: declaration.name)
        var pvcs: [String] = []
        for pvc in try arguments.string("pvcs").split(whereSeparator: \.isWhitespace).map(String.init) where !pvcs.contains(pvc) {
            pvcs.append(pvc)
        }
        guard !pvcs.isEmpty else {
            throw KubeFunctionError.invalidSpec(function: declaration.name,
                                                reason: "no PVC to snapshot: `pvcs` is empty (does the workload's pod mount a claim?)")
        }
        let namespace = try arguments.string("namespace")
        let snapshotClass = try arguments.string("snapshotClass")
        let labels = try arguments.optionalStringMap("labels")
        var created: [String] = []
        do {
            for pvc in pvcs {
                let name = "\(pvc)-snapshot-\(CSISnapshots.randomSuffix())"
                var spec: JSONValue = ["source": ["persistentVolumeClaimName": .string(pvc)]]
                if !snapshotClass.isEmpty { spec["volumeSnapshotClassName"] = .string(snapshotClass) }
                let snapshot: JSONValue = [
                    "apiVersion": "snapshot.storage.k8s.io/v1", "kind": "VolumeSnapshot",
                    "metadata": ["name": .string(name), "namespace": .string(namespace),
                                 "labels": .object(labels.mapValues(JSONValue.string))],
                    "spec": spec,
                ]
                _ = try await kube.client.create(.volumeSnapshots, KubeObject(snapshot), namespace: namespace)
                created.append(name)
                context.progress("created VolumeSnapshot \(namespace)/\(name) of PVC \(pvc)")
            }
            context.progress("waiting for \(created.count) VolumeSnapshots to be readyToUse")
            for name in created {
                _ = try await CSISnapshots.waitUntilReady(name, namespace: namespace, client: kube.client, function: declaration.name)
            }
        } catch {
            // Not cancellable: the cleanup must run even when the phase was cancelled.
            await Task { [created] in
                for name in created {
                    _ = try? await kube.client.delete(.volumeSnapshots, name: name, namespace: namespace, ignoreNotFound: true)
                }
            }.value
            if !created.isEmpty {
                context.progress("deleted the \(created.count) VolumeSnapshots of the unfinished group")
            }
            throw error
        }
        return FunctionOutput(["names": .string(created.joined(separator: " ")), "pvcs": .string(pvcs.joined(separator: " ")),
                               "namespace": .string(namespace)])
    }
}
