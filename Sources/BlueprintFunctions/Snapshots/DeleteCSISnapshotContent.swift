import BlueprintEngine
import BlueprintModel

/// Delete an unbound CSI VolumeSnapshotContent (bound ones are left to the CSI controller) (Kanister's `DeleteCSISnapshotContent`).
public struct DeleteCSISnapshotContent: BlueprintFunction {
    public static let declaration = FunctionDeclaration(
        name: "DeleteCSISnapshotContent",
        summary: "Delete an unbound CSI VolumeSnapshotContent (bound ones are left to the CSI controller).",
        arguments: [
            .required("name", .string, "Name of the VolumeSnapshotContent."),
        ],
        outputs: []
    )
}
