import BlueprintEngine
import BlueprintModel
import Foundation
import KubeClient

/// Delete several CSI VolumeSnapshots (our extension, not in Kanister): the
/// `names` output of ``CreateCSISnapshots``. Snapshots already gone are not an error.
public struct DeleteCSISnapshots: RunnableFunction {
    public static let declaration = FunctionDeclaration(
        name: "DeleteCSISnapshots",
        summary: "Delete several CSI VolumeSnapshots.",
        arguments: [
            .required("names", .string, "Space-separated names of the VolumeSnapshots."),
            .required("namespace", .string, "Namespace of the VolumeSnapshots."),
        ],
        outputs: [],
        origin: .blueprint,
    )

    public static func execute(_ arguments: FunctionArguments, in context: FunctionContext) async throws -> FunctionOutput {
        let kube = try context.kube(for: declaration.name)
        let namespace = try arguments.string("namespace")
        for name in try arguments.string("names").split(whereSeparator: \.isWhitespace).map(String.init) {
            let existed = try await kube.client.delete(.volumeSnapshots, name: name, namespace: namespace, ignoreNotFound: true)
            context.progress(existed ? "deleted VolumeSnapshot \(namespace)/\(name)" : "VolumeSnapshot \(namespace)/\(name) was already gone")
        }
        return .empty
    }
}
