import NIOHTTP1

extension KubernetesClient {
    /// Names of the API groups the server serves (`apps`, `snapshot.storage.k8s.io`, …).
    public func apiGroups() async throws -> [String] {
        let request = RequestDescription(user: configuration.userName, verb: "get", resource: "API groups (/apis)")
        let json = try decode(try await send(.GET, target: "/apis", request: request), request: request)
        return (json["groups"]?.arrayValue ?? []).compactMap { $0["name"]?.stringValue }
    }

    /// Whether the server has group `group` (optionally in `version`), e.g. to decide
    /// whether DeploymentConfigs or VolumeSnapshots can be used.
    public func hasAPIGroup(_ group: String, version: String? = nil) async throws -> Bool {
        let request = RequestDescription(user: configuration.userName, verb: "get", resource: "API groups (/apis)")
        let json = try decode(try await send(.GET, target: "/apis", request: request), request: request)
        guard let entry = json["groups"]?.arrayValue?.first(where: { $0["name"]?.stringValue == group }) else { return false }
        guard let version else { return true }
        return (entry["versions"]?.arrayValue ?? []).contains { $0["version"]?.stringValue == version }
    }

    /// Whether the server serves this resource (its group version lists the plural).
    public func hasResource(_ type: ResourceType) async throws -> Bool {
        let request = RequestDescription(user: configuration.userName, verb: "get", resource: "API resources of \(type.apiVersion)")
        do {
            let json = try decode(try await send(.GET, target: type.groupVersionPath, request: request), request: request)
            return (json["resources"]?.arrayValue ?? []).contains { $0["name"]?.stringValue == type.plural }
        } catch let error as KubeError where error.isNotFound {
            return false
        }
    }

    /// The server's version (`gitVersion`, e.g. v1.20.2).
    public func serverVersion() async throws -> String {
        let request = RequestDescription(user: configuration.userName, verb: "get", resource: "version")
        let json = try decode(try await send(.GET, target: "/version", request: request), request: request)
        return json["gitVersion"]?.stringValue ?? ""
    }
}
