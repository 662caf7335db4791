import BlueprintEngine
import BlueprintModel

/// Delete a CSI VolumeSnapshot (Kanister's `DeleteCSISnapshot`).
public struct DeleteCSISnapshot: BlueprintFunction {
    public static let declaration = FunctionDeclaration(
        name: "DeleteCSISnapshot",
        summary: "Delete a CSI VolumeSnapshot.",
        arguments: [
            .required("name", .string, "Name of the VolumeSnapshot."),
            .required("namespace", .string, "Namespace of the VolumeSnapshot."),
        ],
        outputs: []
    )
}
