import BlueprintEngine
import BlueprintModel
import Foundation
import KubeClient

/// Create a VolumeSnapshot and VolumeSnapshotContent pair for a storage snapshot that already exists (Kanister's `CreateCSISnapshotStatic`).
public struct CreateCSISnapshotStatic: RunnableFunction {
    public static let declaration = FunctionDeclaration(
        name: "CreateCSISnapshotStatic",
        summary: "Create a VolumeSnapshot and VolumeSnapshotContent pair for a storage snapshot that already exists.",
        arguments: [
            .required("name", .string, "Name of the new VolumeSnapshot."),
            .required("namespace", .string, "Namespace of the new VolumeSnapshot."),
            .required("driver", .string, "Name of the CSI driver of the VolumeSnapshotContent."),
            .required("handle", .string, "Identifier of the existing snapshot on the storage backend."),
            .required("snapshotClass", .string, "Name of the VolumeSnapshotClass to use."),
        ],
        outputs: ["name", "namespace", "restoreSize", "snapshotContent"],
    )

    public static func execute(_ arguments: FunctionArguments, in context: FunctionContext) async throws -> FunctionOutput {
        let kube = try context.kube(for: declaration.name)
        let name = try arguments.string("name")
        let namespace = try arguments.string("namespace")
        let snapshotClass = try arguments.string("snapshotClass")
        let contentName = "snapcontent-\(name)-\(CSISnapshots.randomSuffix())"
        let content: JSONValue = [
            "apiVersion": "snapshot.storage.k8s.io/v1", "kind": "VolumeSnapshotContent",
            "metadata": ["name": .string(contentName)],
            "spec": ["deletionPolicy": "Retain", "driver": .string(try arguments.string("driver")),
                     "source": ["snapshotHandle": .string(try arguments.string("handle"))],
                     "volumeSnapshotClassName": .string(snapshotClass),
                     "volumeSnapshotRef": ["kind": "VolumeSnapshot", "name": .string(name), "namespace": .string(namespace)]],
        ]
        _ = try await kube.client.create(.volumeSnapshotContents, KubeObject(content))
        let snapshot: JSONValue = [
            "apiVersion": "snapshot.storage.k8s.io/v1", "kind": "VolumeSnapshot",
            "metadata": ["name": .string(name), "namespace": .string(namespace)],
            "spec": ["volumeSnapshotClassName": .string(snapshotClass),
                     "source": ["volumeSnapshotContentName": .string(contentName)]],
        ]
        _ = try await kube.client.create(.volumeSnapshots, KubeObject(snapshot), namespace: namespace)
        context.progress("created VolumeSnapshot \(namespace)/\(name) bound to \(contentName); waiting for readyToUse")
        let ready = try await CSISnapshots.waitUntilReady(name, namespace: namespace, client: kube.client, function: declaration.name)
        var outputs = CSISnapshots.outputs(ready, name: name, namespace: namespace)
        if outputs["snapshotContent"] == .string("") { outputs["snapshotContent"] = .string(contentName) }
        return FunctionOutput(outputs)
    }
}
