import BlueprintEngine
import BlueprintModel
import Foundation
import KubeClient

/// Wait until a CSI VolumeSnapshot is ready to use (ours): the second half of
/// `CreateCSISnapshot` with `waitUntil: cut`, so a consistent group thaws when
/// the snapshot is cut and the backup still ends only once it is usable.
public struct WaitCSISnapshot: RunnableFunction {
    public static let declaration = FunctionDeclaration(
        name: "WaitCSISnapshot",
        summary: "Wait until a CSI VolumeSnapshot is readyToUse (after CreateCSISnapshot with waitUntil: cut).",
        arguments: [
            .required("name", .string, "Name of the VolumeSnapshot."),
            .required("namespace", .string, "Namespace of the VolumeSnapshot."),
        ],
        outputs: ["name", "namespace", "restoreSize", "snapshotContent"],
        origin: .blueprint
    )

    public static func execute(_ arguments: FunctionArguments, in context: FunctionContext) async throws -> FunctionOutput {
        let kube = try context.kube(for: declaration.name)
        let name = try arguments.string("name")
        let namespace = try arguments.string("namespace")
        context.progress("waiting for VolumeSnapshot \(namespace)/\(name) to be readyToUse")
        let ready = try await CSISnapshots.waitUntilReady(name, namespace: namespace, client: kube.client, function: declaration.name)
        return FunctionOutput(CSISnapshots.outputs(ready, name: name, namespace: namespace))
    }
}
