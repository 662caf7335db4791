import BlueprintEngine
import BlueprintModel
import Foundation
import KubeClient

/// Create a new PVC from a CSI VolumeSnapshot (Kanister's `RestoreCSISnapshot`).
public struct RestoreCSISnapshot: RunnableFunction {
    public static let declaration = FunctionDeclaration(
        name: "RestoreCSISnapshot",
        summary: "Create a new PVC from a CSI VolumeSnapshot.",
        arguments: [
            .required("name", .string, "Name of the VolumeSnapshot to restore from."),
            .required("pvc", .string, "Name of the new PVC."),
            .required("namespace", .string, "Namespace of the VolumeSnapshot and of the new PVC."),
            .required("storageClass", .string, "StorageClass of the new PVC."),
            .required("restoreSize", .string, "Size of the new PVC as a Kubernetes quantity (e.g. 10Gi); must be greater than zero."),
            .optional("accessModes", .list(.string), default: "[ReadWriteOnce]", "Access modes of the new PVC."),
            .optional("volumeMode", .oneOf(["Filesystem", "Block"]), default: "Filesystem", "Volume mode of the new PVC."),
            .optional("labels", .map(.string), "Labels for the new PVC."),
        ],
        outputs: [],
    )

    public static func execute(_ arguments: FunctionArguments, in context: FunctionContext) async throws -> FunctionOutput {
        let kube = try context.kube(for: declaration.name)
        let name = try arguments.string("name")
        let pvc = try arguments.string("pvc")
        let namespace = try arguments.string("namespace")
        let restoreSize = try arguments.string("restoreSize")
        guard !restoreSize.isEmpty, restoreSize != "0", !restoreSize.hasPrefix("-") else {
            throw FunctionError.invalidArgument(function: declaration.name, argument: "restoreSize",
                                                expected: "a quantity greater than zero", found: "\"\(restoreSize)\"")
        }
        var accessModes = try arguments.stringList("accessModes")
        if accessModes.count == 1, accessModes[0].hasPrefix("[") {
            accessModes = accessModes[0].trimmingCharacters(in: CharacterSet(charactersIn: "[]")).split(separator: " ").map(String.init)
        }
        let labels = try arguments.optionalStringMap("labels")
        let claim: JSONValue = [
            "apiVersion": "v1", "kind": "PersistentVolumeClaim",
            "metadata": ["name": .string(pvc), "namespace": .string(namespace), "labels": .object(labels.mapValues(JSONValue.string))],
            "spec": [
                "storageClassName": .string(try arguments.string("storageClass")),
                "accessModes": .array(accessModes.map(JSONValue.string)),
                "volumeMode": .string(try arguments.string("volumeMode")),
                "resources": ["requests": ["storage": .string(restoreSize)]],
                "dataSource": ["apiGroup": "snapshot.storage.k8s.io", "kind": "VolumeSnapshot", "name": .string(name)],
            ],
        ]
        _ = try await kube.client.create(.persistentVolumeClaims, KubeObject(claim), namespace: namespace)
        context.progress("created PVC \(namespace)/\(pvc) from VolumeSnapshot \(name)")
        return .empty
    }
}
