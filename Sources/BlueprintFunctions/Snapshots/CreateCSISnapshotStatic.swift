import BlueprintEngine
import BlueprintModel

/// Create a VolumeSnapshot and VolumeSnapshotContent pair for a storage snapshot that already exists (Kanister's `CreateCSISnapshotStatic`).
public struct CreateCSISnapshotStatic: BlueprintFunction {
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
        outputs: ["name", "namespace", "restoreSize", "snapshotContent"]
    )
}
