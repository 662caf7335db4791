import Foundation
import NIOHTTP1

extension KubernetesClient {
    /// Reads one object. `namespace` defaults to the context's for namespaced types.
    public func get(_ type: ResourceType, name: String, namespace: String? = nil, subresource: String? = nil) async throws
        -> KubeObject
    {
        let ns = effectiveNamespace(type, namespace)
        let request = describe("get", type, namespace: ns, name: name, subresource: subresource)
        let response = try await send(.GET, target: APIPath.path(type, namespace: ns, name: name, subresource: subresource),
                                      request: request)
        return KubeObject(try decode(response, request: request))
    }

    /// Reads an object or nil when it does not exist.
    public func getIfPresent(_ type: ResourceType, name: String, namespace: String? = nil) async throws -> KubeObject? {
        do {
            return try await get(type, name: name, namespace: namespace)
        } catch let error as KubeError where error.isNotFound {
            return nil
        }
    }

    /// One page of objects. With `allNamespaces`, namespaced types are listed cluster-wide.
    public func list(_ type: ResourceType, namespace: String? = nil, allNamespaces: Bool = false,
                     options: ListOptions = ListOptions()) async throws -> KubeObjectList
    {
        let ns = allNamespaces ? nil : effectiveNamespace(type, namespace)
        let request = describe("list", type, namespace: ns)
        let target = APIPath.target(APIPath.path(type, namespace: ns), options.queryItems)
        let response = try await send(.GET, target: target, request: request)
        return KubeObjectList(json: try decode(response, request: request))
    }

    /// Every object, following continue tokens page by page (`pageSize` per request).
    public func listAll(_ type: ResourceType, namespace: String? = nil, allNamespaces: Bool = false,
                        options: ListOptions = ListOptions(), pageSize: Int = 500) async throws -> [KubeObject]
    {
        var options = options
        options.limit = options.limit ?? pageSize
        var items: [KubeObject] = []
        while true {
            let page = try await list(type, namespace: namespace, allNamespaces: allNamespaces, options: options)
            items += page.items
            guard let token = page.continueToken else { return items }
            options.continueToken = token
        }
    }

    /// Creates an object; its namespace is `namespace`, else the object's, else the context's.
    public func create(_ type: ResourceType, _ object: KubeObject, namespace: String? = nil) async throws -> KubeObject {
        let ns = effectiveNamespace(type, namespace ?? object.namespace)
        let request = describe("create", type, namespace: ns, name: object.name)
        let response = try await send(.POST, target: APIPath.path(type, namespace: ns), body: try body(of: object.json, for: request),
                                      request: request)
        return KubeObject(try decode(response, request: request))
    }

    /// Replaces an object (PUT). The object's `metadata.resourceVersion`, when set,
    /// makes this a compare-and-swap: a concurrent change gives a 409 Conflict.
    public func update(_ type: ResourceType, _ object: KubeObject, namespace: String? = nil, subresource: String? = nil)
        async throws -> KubeObject
    {
        let ns = effectiveNamespace(type, namespace ?? object.namespace)
        guard let name = object.name else {
            throw KubeError.invalidResponse(describe("update", type, namespace: ns), reason: "object has no metadata.name")
        }
        let request = describe("update", type, namespace: ns, name: name, subresource: subresource)
        let target = APIPath.path(type, namespace: ns, name: name, subresource: subresource)
        let response = try await send(.PUT, target: target, body: try body(of: object.json, for: request), request: request)
        return KubeObject(try decode(response, request: request))
    }

    /// Patches an object. Strategic merge works on built-in kinds only (CRDs answer 415).
    public func patch(_ type: ResourceType, name: String, namespace: String? = nil, patch: JSONValue,
                      patchType: PatchType = .merge, subresource: String? = nil) async throws -> KubeObject
    {
        let ns = effectiveNamespace(type, namespace)
        let request = describe("patch", type, namespace: ns, name: name, subresource: subresource)
        let target = APIPath.path(type, namespace: ns, name: name, subresource: subresource)
        let response = try await send(.PATCH, target: target, body: try body(of: patch, for: request),
                                      contentType: patchType.contentType, request: request)
        return KubeObject(try decode(response, request: request))
    }

    /// Patches the `status` subresource, as a controller does.
    public func patchStatus(_ type: ResourceType, name: String, namespace: String? = nil, patch: JSONValue,
                            patchType: PatchType = .merge) async throws -> KubeObject
    {
        try await self.patch(type, name: name, namespace: namespace, patch: patch, patchType: patchType, subresource: "status")
    }

    /// Deletes an object. Returns false when it was already gone (`ignoreNotFound`).
    @discardableResult
    public func delete(_ type: ResourceType, name: String, namespace: String? = nil,
                       propagation: DeletePropagation? = nil, gracePeriodSeconds: Int? = nil,
                       ignoreNotFound: Bool = false) async throws -> Bool
    {
        let ns = effectiveNamespace(type, namespace)
        let request = describe("delete", type, namespace: ns, name: name)
        var options: JSONValue = ["apiVersion": "v1", "kind": "DeleteOptions"]
        if let propagation { options["propagationPolicy"] = .string(propagation.rawValue) }
        if let gracePeriodSeconds { options["gracePeriodSeconds"] = .int(Int64(gracePeriodSeconds)) }
        do {
            _ = try await send(.DELETE, target: APIPath.path(type, namespace: ns, name: name),
                               body: try body(of: options, for: request), request: request)
            return true
        } catch let error as KubeError where ignoreNotFound && error.isNotFound {
            return false
        }
    }

    private func body(of json: JSONValue, for request: RequestDescription) throws -> Data {
        do {
            return try json.jsonData()
        } catch {
            throw KubeError.invalidResponse(request, reason: "cannot encode the request body: \(error)")
        }
    }
}
