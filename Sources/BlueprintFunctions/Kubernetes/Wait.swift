import BlueprintEngine
import BlueprintModel

/// Wait until conditions on Kubernetes resources hold (deprecated in favour of WaitV2) (Kanister's `Wait`).
public struct Wait: BlueprintFunction {
    public static let declaration = FunctionDeclaration(
        name: "Wait",
        summary: "Wait until conditions on Kubernetes resources hold (deprecated in favour of WaitV2).",
        arguments: [
            .required("timeout", .duration, "How long to wait before failing (e.g. 60s, 5m)."),
            .required("conditions", .map(.list(.any)), "allOf and/or anyOf: lists of {condition, objectReference}, where condition is a Go template evaluating to true or false.").evaluatedByFunction(),
        ],
        outputs: []
    )
}
