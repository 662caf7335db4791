import BlueprintEngine
import BlueprintModel
import Foundation
import KubeClient

/// Delete a CSI VolumeSnapshot (Kanister's `DeleteCSISnapshot`).
public struct DeleteCSISnapshot: RunnableFunction {
    public static let declaration = FunctionDeclaration(
        name: "DeleteCSISnapshot",
        summary: "Delete a CSI VolumeSnapshot.",
        arguments: [
            .required("name", .string, "Name of the VolumeSnapshot."),
            .required("namespace", .string, "Namespace of the VolumeSnapshot."),
        ],
        outputs: [],
    )

    public static func execute(_ arguments: FunctionArguments, in context: FunctionContext) async throws -> FunctionOutput {
        let kube = try context.kube(for: declaration.name)
        let name = try arguments.string("name")
        let namespace = try arguments.string("namespace")
        let existed = try await kube.client.delete(.volumeSnapshots, name: name, namespace: namespace, ignoreNotFound: true)
        context.progress(existed ? "deleted VolumeSnapshot \(namespace)/\(name)" : "VolumeSnapshot \(namespace)/\(name) was already gone")
        return .empty
    }
}
