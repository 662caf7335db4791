import BlueprintEngine
import BlueprintModel
import DataRepository
import Foundation

/// Backs up a path of several pods at once (Kanister's `BackupDataAll`): one
/// repository per pod, `<backupArtifactPrefix>/<pod>`; the output
/// `BackupAllInfo` maps each pod to its backup's id and tag.
public struct BackupDataAll: RunnableFunction {
    public static let declaration = FunctionDeclaration(
        name: "BackupDataAll",
        summary: "Back up a path of several pods concurrently to the object store.",
        arguments: [
            .required("namespace", .string, "Namespace of the pods."),
            .optional("pods", .string, "Space-separated names of the pods; the running pods of the action's workload by default."),
            .required("container", .string, "Container whose tar reads the data, in every pod."),
            .required("includePath", .string, "Path of the data to back up."),
            .required("backupArtifactPrefix", .string, "Path in the object store; the pod name is appended per pod."),
            .optional("encryptionKey", .string, "Key of the repositories; generated and kept in a Secret when omitted (see BackupData)."),
            .optional("insecureTLS", .bool, default: "false", "Accepted for Kanister compatibility; the profile's skipSSLVerify applies."),
        ],
        outputs: ["BackupAllInfo"]
    )

    public static func execute(_ arguments: FunctionArguments, in context: FunctionContext) async throws -> FunctionOutput {
        let name = declaration.name
        let kube = try context.kube(for: name)
        let namespace = try arguments.string("namespace")
        let container = try arguments.string("container")
        let includePath = try arguments.string("includePath")
        let prefix = try arguments.string("backupArtifactPrefix")
        let key = try arguments.optionalString("encryptionKey")
        let pods = try await DataFunctionSupport.pods(arguments, namespace: namespace, kube: kube, function: name)
        let snapshots = try await DataFunctionSupport.forEachPod(pods) { pod in
            let access = try RepositoryAccess(function: name, prefix: prefix + "/" + pod, namespace: namespace, context: context)
            let (repository, _) = try await access.open(encryptionKey: key, create: true)
            let identity = await DataFunctionSupport.identity(namespace: namespace, pod: pod, client: kube.client)
            let tar = PodTar(function: name, client: kube.client, namespace: namespace, pod: pod, container: container.isEmpty ? nil : container)
            return try await DataFunctionSupport.backup(function: name, repository: repository, tar: tar, includePath: includePath,
                                                        source: "\(namespace)/\(identity)/\(container):\(includePath)", context: context)
        }
        let info = snapshots.mapValues { DataFunctionSupport.BackupInfo(BackupID: $0.id, BackupTag: $0.tag) }
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        return FunctionOutput(["BackupAllInfo": .string(String(decoding: try encoder.encode(info), as: UTF8.self))])
    }
}
