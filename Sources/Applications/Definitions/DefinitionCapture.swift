import Crypto
import KubeClient

/// Captures an application's definitions: lists every kind of
/// ``DefinitionKinds/all`` in the namespace, keeps what ``DefinitionSelector``
/// chooses, cleans each object with ``DefinitionCleaner`` and seals or leaves
/// out Secret data.
public struct DefinitionCapture: Sendable {
    public static let artifactName = "definitions.json"

    public var client: KubernetesClient
    public var options: DefinitionOptions

    public init(client: KubernetesClient, options: DefinitionOptions) {
        self.client = client
        self.options = options
    }

    public struct Captured: Sendable {
        public var document: DefinitionsDocument
        public var counts: [String: Int]
        public var sealed: Bool
    }

    public func capture(app: String, namespace: String) async throws -> Captured {
        var listed: [KubeObject] = []
        for type in DefinitionKinds.all {
            do {
                for var object in try await client.listAll(type, namespace: namespace) {
                    // Lists leave out kind and apiVersion on their items.
                    object.json["kind"] = .string(type.kind)
                    object.json["apiVersion"] = .string(type.apiVersion)
                    listed.append(object)
                }
            } catch let error as KubeError where error.isNotFound {
                continue  // an API this cluster does not serve (Ingress on an old one)
            }
        }
        return Self.build(app: app, namespace: namespace, listed: listed, key: options.sealingKey)
    }

    /// Selection, cleaning and sealing, without a cluster.
    public static func build(app: String, namespace: String, listed: [KubeObject], key: SymmetricKey?) -> Captured {
        let selected = DefinitionSelector(app: app).select(from: listed)
        let order = DefinitionKinds.all.map(\.kind)
        let sorted = selected.sorted {
            (order.firstIndex(of: $0.kind ?? "") ?? order.count, $0.name ?? "") < (order.firstIndex(of: $1.kind ?? "") ?? order.count, $1.name ?? "")
        }
        var document = DefinitionsDocument(app: app, namespace: namespace, objects: [])
        var counts: [String: Int] = [:]
        for object in sorted {
            let kind = object.kind ?? "", name = object.name ?? ""
            counts[kind, default: 0] += 1
            if kind == "Secret", let data = object.json["data"], data.objectValue?.isEmpty == false {
                if let key, let sealed = try? DefinitionsDocument.seal(data, secret: name, key: key) {
                    document.sealedSecretData[name] = sealed
                } else {
                    document.secretDataOmitted.append(name)
                }
            }
            document.objects.append(DefinitionCleaner.clean(object.json))
        }
        return Captured(document: document, counts: counts, sealed: key != nil && !document.sealedSecretData.isEmpty)
    }
}
