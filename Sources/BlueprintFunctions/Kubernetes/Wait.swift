import BlueprintEngine
import BlueprintModel

/// Wait until conditions on Kubernetes resources hold (deprecated in favour of WaitV2) (Kanister's `Wait`).
public struct Wait: RunnableFunction {
    public static let declaration = FunctionDeclaration(
        name: "Wait",
        summary: "Wait until conditions on Kubernetes resources hold (deprecated in favour of WaitV2).",
        arguments: [
            .required("timeout", .duration, "How long to wait before failing (e.g. 60s, 5m)."),
            .required("conditions", .map(.list(.any)), "allOf and/or anyOf: lists of {condition, objectReference}, where condition is a Go template evaluating to true or false.").evaluatedByFunction(),
        ],
        outputs: [],
    )

    public static func execute(_ arguments: FunctionArguments, in context: FunctionContext) async throws -> FunctionOutput {
        let kube = try context.kube(for: declaration.name)
        let timeout = try arguments.duration("timeout")
        let conditions = try WaitConditions(arguments, function: declaration.name, jsonPathPlaceholders: true)
        try await conditions.wait(client: kube.client, limit: timeout.swiftDuration)
        return .empty
    }
}
