import BlueprintEngine
import BlueprintModel

/// Wait until Go-template conditions on Kubernetes resources hold (Kanister's `WaitV2`).
public struct WaitV2: RunnableFunction {
    public static let declaration = FunctionDeclaration(
        name: "WaitV2",
        summary: "Wait until Go-template conditions on Kubernetes resources hold.",
        arguments: [
            .required("timeout", .duration, "How long to wait before failing (e.g. 60s, 5m)."),
            .required("conditions", .map(.list(.any)), "allOf and/or anyOf: lists of {condition, objectReference}; condition is a Go template over the object, as with kubectl -o go-template.").evaluatedByFunction(),
        ],
        outputs: [],
    )

    public static func execute(_ arguments: FunctionArguments, in context: FunctionContext) async throws -> FunctionOutput {
        let kube = try context.kube(for: declaration.name)
        let timeout = try arguments.duration("timeout")
        let conditions = try WaitConditions(arguments, function: declaration.name, jsonPathPlaceholders: false)
        try await conditions.wait(client: kube.client, limit: timeout.swiftDuration)
        return .empty
    }
}
