import BlueprintEngine
import BlueprintModel

/// Create a CSI VolumeSnapshot of a PVC and wait until it is ready to use (Kanister's `CreateCSISnapshot`).
public struct CreateCSISnapshot: BlueprintFunction {
    public static let declaration = FunctionDeclaration(
        name: "CreateCSISnapshot",
        summary: "Create a CSI VolumeSnapshot of a PVC and wait until it is ready to use.",
        arguments: [
            .optional("name", .string, "Name of the VolumeSnapshot; <pvc>-snapshot-<random suffix> by default."),
            .required("pvc", .string, "Name of the PVC to snapshot."),
            .required("namespace", .string, "Namespace of the PVC and of the VolumeSnapshot."),
            .required("snapshotClass", .string, "Name of the VolumeSnapshotClass to use."),
            .optional("labels", .map(.string), "Labels for the VolumeSnapshot."),
        ],
        outputs: ["name", "pvc", "namespace", "restoreSize", "snapshotContent"]
    )
}
