/// A Kubernetes object: the JSON the API server returned, with typed access to
/// the metadata every object has.
public struct KubeObject: Sendable, Hashable {
    public var json: JSONValue

    public init(_ json: JSONValue) {
        self.json = json
    }

    public subscript(key: String) -> JSONValue? {
        get { json[key] }
        set { json[key] = newValue }
    }

    public var apiVersion: String? { json["apiVersion"]?.stringValue }
    public var kind: String? { json["kind"]?.stringValue }
    public var name: String? { json.value(at: "metadata.name")?.stringValue }
    public var namespace: String? { json.value(at: "metadata.namespace")?.stringValue }
    public var uid: String? { json.value(at: "metadata.uid")?.stringValue }
    public var resourceVersion: String? { json.value(at: "metadata.resourceVersion")?.stringValue }

    public var labels: [String: String] { stringMap(at: "labels") }
    public var annotations: [String: String] { stringMap(at: "annotations") }

    private func stringMap(at key: String) -> [String: String] {
        guard let members = json["metadata"]?[key]?.objectValue else { return [:] }
        return members.compactMapValues(\.stringValue)
    }
}

/// One page of a list call.
public struct KubeObjectList: Sendable {
    public var items: [KubeObject]
    /// The list's resourceVersion: where a watch that follows the list starts.
    public var resourceVersion: String?
    /// Token for the next page; nil on the last page.
    public var continueToken: String?

    public init(items: [KubeObject], resourceVersion: String?, continueToken: String?) {
        self.items = items
        self.resourceVersion = resourceVersion
        self.continueToken = continueToken
    }

    init(json: JSONValue) {
        items = (json["items"]?.arrayValue ?? []).map(KubeObject.init)
        resourceVersion = json.value(at: "metadata.resourceVersion")?.stringValue
        let token = json.value(at: "metadata.continue")?.stringValue
        continueToken = (token?.isEmpty ?? true) ? nil : token
    }
}
