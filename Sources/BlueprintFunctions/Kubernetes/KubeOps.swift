import BlueprintEngine
import BlueprintModel

/// Create or delete a Kubernetes resource (Kanister's `KubeOps`).
public struct KubeOps: BlueprintFunction {
    public static let declaration = FunctionDeclaration(
        name: "KubeOps",
        summary: "Create or delete a Kubernetes resource.",
        arguments: [
            .required("operation", .oneOf(["create", "delete"]), "Whether to create a resource from spec or delete the one in objectReference."),
            .optional("namespace", .string, "Namespace in which the resource is created."),
            .optional("spec", .string, "YAML manifest of the resource to create."),
            .optional("objectReference", .map(.string), "Resource to delete: apiVersion, group, resource, name, namespace."),
        ],
        outputs: ["apiVersion", "group", "resource", "name", "namespace"]
    )
}
