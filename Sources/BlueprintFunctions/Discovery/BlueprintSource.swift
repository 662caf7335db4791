import BlueprintModel
import Foundation
import KubeClient

/// Finds a blueprint by its `metadata.name`: first among the YAML files of a
/// directory (`--blueprints`, default ./blueprints), then among the Blueprint
/// objects (`cr.kanister.io/v1alpha1`) in the cluster — the workload's
/// namespace first, then every namespace (Kanister keeps them in its own).
///
/// Returns a file path, since the engine prepares runs from files: a Blueprint
/// from the cluster is written as JSON (which is YAML) to a temporary file.
public struct BlueprintSource: Sendable {
    public var directory: String
    public var client: KubernetesClient

    public init(directory: String, client: KubernetesClient) {
        self.directory = directory
        self.client = client
    }

    public func file(for name: String, namespace: String) async throws -> String? {
        if let local = localFile(for: name) { return local }
        let object: KubeObject?
        do {
            if let found = try await client.getIfPresent(.blueprints, name: name, namespace: namespace) {
                object = found
            } else {
                object = try await client.listAll(.blueprints, allNamespaces: true).first { $0.name == name }
            }
        } catch let error as KubeError where error.isNotFound {
            return nil  // no Blueprint resource in this cluster (Kanister's CRD is not installed)
        }
        guard let object else { return nil }
        var json = object.json
        json["metadata"] = ["name": .string(name)]
        json["status"] = nil
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("blueprint-\(name)-\(UUID().uuidString.prefix(8)).yaml").path
        try json.jsonData().write(to: URL(fileURLWithPath: path))
        return path
    }

    func localFile(for name: String) -> String? {
        guard let entries = try? FileManager.default.contentsOfDirectory(atPath: directory) else { return nil }
        for entry in entries.sorted() where entry.hasSuffix(".yaml") || entry.hasSuffix(".yml") {
            let path = (directory as NSString).appendingPathComponent(entry)
            let (blueprints, _) = BlueprintLoader.load(file: path)
            if blueprints.contains(where: { $0.name == name }) { return path }
        }
        return nil
    }
}
