import BlueprintEngine
import BlueprintModel

/// Run a pod with a background and an output container sharing a volume; outputs come from the output container (Kanister's `MultiContainerRun`).
public struct MultiContainerRun: BlueprintFunction {
    public static let declaration = FunctionDeclaration(
        name: "MultiContainerRun",
        summary: "Run a pod with a background and an output container sharing a volume; outputs come from the output container.",
        arguments: [
            .optional("namespace", .string, "Namespace for the pod; the controller's namespace when omitted."),
            .optional("initImage", .string, "Image of an optional init container that runs before the others."),
            .optional("initCommand", .list(.string), "Command of the init container."),
            .required("backgroundImage", .string, "Image of the background container (e.g. the one producing data)."),
            .required("backgroundCommand", .list(.string), "Command of the background container."),
            .required("outputImage", .string, "Image of the output container, whose logs provide the outputs."),
            .required("outputCommand", .list(.string), "Command of the output container."),
            .optional("sharedVolumeMedium", .string, "Medium of the shared emptyDir volume: empty for node disk or Memory for tmpfs."),
            .optional("sharedVolumeSizeLimit", .string, "Size limit of the shared volume, as a Kubernetes quantity (e.g. 1Gi)."),
            .optional("sharedVolumeDir", .string, default: "/tmp/", "Where the shared volume is mounted in every container."),
            .optional("podOverride", .map(.any), "Pod spec fields merged over the default spec of the temporary pod (tolerations, nodeSelector, …)."),
            .optional("podAnnotations", .map(.string), "Extra annotations for the temporary pod."),
            .optional("podLabels", .map(.string), "Extra labels for the temporary pod."),
        ],
        outputs: nil
    )
}
