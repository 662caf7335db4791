import BlueprintEngine
import BlueprintModel

/// Run a command in a new pod that mounts PVCs, to manipulate their data (Kanister's `PrepareData`).
public struct PrepareData: BlueprintFunction {
    public static let declaration = FunctionDeclaration(
        name: "PrepareData",
        summary: "Run a command in a new pod that mounts PVCs, to manipulate their data.",
        arguments: [
            .required("namespace", .string, "Namespace of the PVCs and the pod."),
            .required("image", .string, "Container image to run."),
            .optional("volumes", .map(.string), "Map of PVC name to mount path; when omitted, all volumes of the ActionSet object under /mnt/prepare_data/<pvc>."),
            .required("command", .list(.string), "Command and arguments to run in the container."),
            .optional("serviceaccount", .string, "Service account of the pod."),
            .optional("podOverride", .map(.any), "Pod spec fields merged over the default spec of the temporary pod (tolerations, nodeSelector, …)."),
            .optional("podAnnotations", .map(.string), "Extra annotations for the temporary pod."),
            .optional("podLabels", .map(.string), "Extra labels for the temporary pod."),
        ],
        outputs: nil
    )
}
