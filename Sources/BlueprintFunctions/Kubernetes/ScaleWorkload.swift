import BlueprintEngine
import BlueprintModel

/// Scale a Deployment, StatefulSet or DeploymentConfig and wait for the new replica count (Kanister's `ScaleWorkload`).
public struct ScaleWorkload: BlueprintFunction {
    public static let declaration = FunctionDeclaration(
        name: "ScaleWorkload",
        summary: "Scale a Deployment, StatefulSet or DeploymentConfig and wait for the new replica count.",
        arguments: [
            .optional("namespace", .string, "Namespace of the workload; the ActionSet object's namespace by default."),
            .optional("name", .string, "Name of the workload; the ActionSet object's name by default."),
            .optional("kind", .string, "Kind of the workload: deployment, statefulset or deploymentconfig (case-insensitive); the ActionSet object's kind by default."),
            .required("replicas", .int, "Desired number of replicas."),
            .optional("waitForReady", .bool, default: "true", "Wait until the workload reaches the desired state before continuing."),
        ],
        outputs: ["originalReplicaCount"]
    )
}
