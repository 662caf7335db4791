import BlueprintEngine
import BlueprintModel
import Foundation
import KubeClient

/// Create a CSI VolumeSnapshot of a PVC and wait until it is ready to use (Kanister's `CreateCSISnapshot`).
///
/// Our `waitUntil: cut` returns as soon as the snapshot is taken
/// (`status.creationTime` set), before it is uploaded and ready: an
/// application's consistent group thaws then, not minutes later; a later
/// phase waits for `readyToUse` (WaitV2).
public struct CreateCSISnapshot: RunnableFunction {
    public static let declaration = FunctionDeclaration(
        name: "CreateCSISnapshot",
        summary: "Create a CSI VolumeSnapshot of a PVC and wait until it is ready to use.",
        arguments: [
            .optional("name", .string, "Name of the VolumeSnapshot; <pvc>-snapshot-<random suffix> by default."),
            .required("pvc", .string, "Name of the PVC to snapshot."),
            .required("namespace", .string, "Namespace of the PVC and of the VolumeSnapshot."),
            .required("snapshotClass", .string, "Name of the VolumeSnapshotClass to use."),
            .optional("labels", .map(.string), "Labels for the VolumeSnapshot."),
            .optional("waitUntil", .string, default: "ready",
                      "ready: until readyToUse (Kanister); cut: until status.creationTime is set (the point in time is taken)."),
        ],
        outputs: ["name", "pvc", "namespace", "restoreSize", "snapshotContent"],
    )

    public static func execute(_ arguments: FunctionArguments, in context: FunctionContext) async throws -> FunctionOutput {
        let kube = try context.kube(for: declaration.name)
        let pvc = try arguments.string("pvc")
        let namespace = try arguments.string("namespace")
        let name = try arguments.optionalString("name").flatMap { $0.isEmpty ? nil : $0 } ?? "\(pvc)-snapshot-\(CSISnapshots.randomSuffix())"
        let labels = try arguments.optionalStringMap("labels")
        let snapshot: JSONValue = [
            "apiVersion": "snapshot.storage.k8s.io/v1", "kind": "VolumeSnapshot",
            "metadata": ["name": .string(name), "namespace": .string(namespace), "labels": .object(labels.mapValues(JSONValue.string))],
            "spec": ["volumeSnapshotClassName": .string(try arguments.string("snapshotClass")),
                     "source": ["persistentVolumeClaimName": .string(pvc)]],
        ]
        let waitUntil = try arguments.optionalString("waitUntil").flatMap { $0.isEmpty ? nil : $0 } ?? "ready"
        guard waitUntil == "ready" || waitUntil == "cut" else {
            throw KubeFunctionError.invalidSpec(function: declaration.name,
                                                reason: "waitUntil is `\(waitUntil)`: give ready (readyToUse) or cut (creationTime set)")
        }
        _ = try await kube.client.create(.volumeSnapshots, KubeObject(snapshot), namespace: namespace)
        context.progress("created VolumeSnapshot \(namespace)/\(name); waiting for \(waitUntil == "cut" ? "creationTime" : "readyToUse")")
        let ready = waitUntil == "cut"
            ? try await CSISnapshots.waitUntilCut(name, namespace: namespace, client: kube.client, function: declaration.name)
            : try await CSISnapshots.waitUntilReady(name, namespace: namespace, client: kube.client, function: declaration.name)
        var outputs = CSISnapshots.outputs(ready, name: name, namespace: namespace)
        outputs["pvc"] = .string(pvc)
        return FunctionOutput(outputs)
    }
}
