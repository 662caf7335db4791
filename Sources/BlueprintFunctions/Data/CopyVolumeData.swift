import BlueprintEngine
import BlueprintModel

/// Copy the data of a PVC that is not in use to the object store (Kanister's `CopyVolumeData`).
public struct CopyVolumeData: BlueprintFunction {
    public static let declaration = FunctionDeclaration(
        name: "CopyVolumeData",
        summary: "Copy the data of a PVC that is not in use to the object store.",
        arguments: [
            .required("namespace", .string, "Namespace of the PVC."),
            .required("volume", .string, "Name of the PVC to copy."),
            .required("dataArtifactPrefix", .string, "Path in the object store where the data is stored."),
            .optional("encryptionKey", .string, "Password of the restic repository; generated from the profile when omitted."),
            .optional("insecureTLS", .bool, default: "false", "Skip TLS certificate verification when talking to the object store."),
            .optional("podOverride", .map(.any), "Pod spec fields merged over the default spec of the temporary pod (tolerations, nodeSelector, …)."),
            .optional("podAnnotations", .map(.string), "Extra annotations for the temporary pod."),
            .optional("podLabels", .map(.string), "Extra labels for the temporary pod."),
        ],
        outputs: ["backupID", "backupRoot", "backupArtifactLocation", "backupTag", "fileCount", "size", "phySize"]
    )
}
