extension KubernetesClient {
    /// The resource that serves `kind` in `apiVersion` (`apps/v1`, `v1`), found in
    /// the group version's resource list as kubectl's RESTMapper does; nil when the
    /// server has no such kind. Needed to create an object from a manifest, which
    /// names its kind but not its plural or whether it is namespaced.
    public func resourceType(apiVersion: String, kind: String) async throws -> ResourceType? {
        let parts = apiVersion.split(separator: "/", maxSplits: 1).map(String.init)
        let group = parts.count == 2 ? parts[0] : ""
        guard let version = parts.last, !version.isEmpty else { return nil }
        let path = group.isEmpty ? "/api/\(version)" : "/apis/\(group)/\(version)"
        let request = RequestDescription(user: configuration.userName, verb: "get", resource: "API resources of \(apiVersion)")
        let json: JSONValue
        do {
            json = try decode(try await send(.GET, target: path, request: request), request: request)
        } catch let error as KubeError where error.isNotFound {
            return nil
        }
        for resource in json["resources"]?.arrayValue ?? [] {
            guard resource["kind"]?.stringValue == kind, let plural = resource["name"]?.stringValue, !plural.contains("/")
            else { continue }
            return ResourceType(group: group, version: version, plural: plural, kind: kind,
                                namespaced: resource["namespaced"]?.boolValue ?? true)
        }
        return nil
    }
}
