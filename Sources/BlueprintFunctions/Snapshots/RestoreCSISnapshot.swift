import BlueprintEngine
import BlueprintModel

/// Create a new PVC from a CSI VolumeSnapshot (Kanister's `RestoreCSISnapshot`).
public struct RestoreCSISnapshot: BlueprintFunction {
    public static let declaration = FunctionDeclaration(
        name: "RestoreCSISnapshot",
        summary: "Create a new PVC from a CSI VolumeSnapshot.",
        arguments: [
            .required("name", .string, "Name of the VolumeSnapshot to restore from."),
            .required("pvc", .string, "Name of the new PVC."),
            .required("namespace", .string, "Namespace of the VolumeSnapshot and of the new PVC."),
            .required("storageClass", .string, "StorageClass of the new PVC."),
            .required("restoreSize", .string, "Size of the new PVC as a Kubernetes quantity (e.g. 10Gi); must be greater than zero."),
            .optional("accessModes", .list(.string), default: "[ReadWriteOnce]", "Access modes of the new PVC."),
            .optional("volumeMode", .oneOf(["Filesystem", "Block"]), default: "Filesystem", "Volume mode of the new PVC."),
            .optional("labels", .map(.string), "Labels for the new PVC."),
        ],
        outputs: []
    )
}
