import BlueprintEngine
import BlueprintModel

/// Wait until Go-template conditions on Kubernetes resources hold (Kanister's `WaitV2`).
public struct WaitV2: BlueprintFunction {
    public static let declaration = FunctionDeclaration(
        name: "WaitV2",
        summary: "Wait until Go-template conditions on Kubernetes resources hold.",
        arguments: [
            .required("timeout", .duration, "How long to wait before failing (e.g. 60s, 5m)."),
            .required("conditions", .map(.list(.any)), "allOf and/or anyOf: lists of {condition, objectReference}; condition is a Go template over the object, as with kubectl -o go-template.").evaluatedByFunction(),
        ],
        outputs: []
    )
}
