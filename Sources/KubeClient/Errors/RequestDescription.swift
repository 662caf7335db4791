/// Who did what to which object: the context every client error carries so a
/// message can be acted on without a debugger.
public struct RequestDescription: Sendable, Equatable, CustomStringConvertible {
    /// The kubeconfig user name (or "service account of this pod"); never a credential.
    public var user: String
    /// Kubernetes verb: get, list, watch, create, update, patch, delete, exec, log.
    public var verb: String
    public var resource: String
    public var namespace: String?
    public var name: String?
    public var subresource: String?

    public init(user: String, verb: String, resource: String, namespace: String? = nil, name: String? = nil,
                subresource: String? = nil) {
        self.user = user
        self.verb = verb
        self.resource = resource
        self.namespace = namespace
        self.name = name
        self.subresource = subresource
    }

    /// e.g. `patch statefulsets.apps "db" (status) in namespace "prod" as user "admin"`.
    public var description: String {
        var text = "\(verb) \(resource)"
        if let name { text += " \"\(name)\"" }
        if let subresource { text += " (\(subresource))" }
        if let namespace { text += " in namespace \"\(namespace)\"" }
        if !user.isEmpty { text += " as user \"\(user)\"" }
        return text
    }
}
