import BlueprintEngine
import BlueprintModel
import Foundation
import KubeClient

/// Delete an unbound CSI VolumeSnapshotContent (bound ones are left to the CSI controller) (Kanister's `DeleteCSISnapshotContent`).
public struct DeleteCSISnapshotContent: RunnableFunction {
    public static let declaration = FunctionDeclaration(
        name: "DeleteCSISnapshotContent",
        summary: "Delete an unbound CSI VolumeSnapshotContent (bound ones are left to the CSI controller).",
        arguments: [
            .required("name", .string, "Name of the VolumeSnapshotContent."),
        ],
        outputs: [],
    )

    public static func execute(_ arguments: FunctionArguments, in context: FunctionContext) async throws -> FunctionOutput {
        let kube = try context.kube(for: declaration.name)
        let name = try arguments.string("name")
        let existed = try await kube.client.delete(.volumeSnapshotContents, name: name, ignoreNotFound: true)
        context.progress(existed ? "deleted VolumeSnapshotContent \(name)" : "VolumeSnapshotContent \(name) was already gone")
        return .empty
    }
}
