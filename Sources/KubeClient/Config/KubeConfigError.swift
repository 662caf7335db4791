/// Why no usable configuration could be built from kubeconfig files or the pod's
/// service account.
public enum KubeConfigError: Error, Sendable, Equatable, CustomStringConvertible {
    case unreadableFile(path: String, reason: String)
    case invalidFile(path: String, reason: String)
    case noConfiguration(searched: [String])
    case noCurrentContext
    case contextNotFound(String, available: [String])
    case clusterNotFound(String, context: String)
    case userNotFound(String, context: String)
    case missingServer(cluster: String)
    case invalidBase64(field: String, owner: String)
    case unreadableReferencedFile(field: String, path: String, owner: String)
    case incompleteClientCertificate(user: String)
    case inCluster(String)
    case execPluginFailed(user: String, command: String, reason: String)
    case invalidTLSMaterial(user: String, reason: String)

    public var description: String {
        switch self {
        case .unreadableFile(let path, let reason):
            return "cannot read kubeconfig \(path): \(reason)"
        case .invalidFile(let path, let reason):
            return "kubeconfig \(path) is not valid: \(reason)"
        case .noConfiguration(let searched):
            let where_ = searched.isEmpty ? "" : " (looked at \(searched.joined(separator: ", ")))"
            return "no Kubernetes configuration found\(where_): set KUBECONFIG, pass --kubeconfig, or run inside a pod"
        case .noCurrentContext:
            return "kubeconfig has no current-context: pass --context or run `kubectl config use-context NAME`"
        case .contextNotFound(let name, let available):
            return "context \"\(name)\" not found in kubeconfig (available: \(available.isEmpty ? "none" : available.joined(separator: ", ")))"
        case .clusterNotFound(let name, let context):
            return "cluster \"\(name)\" of context \"\(context)\" not found in kubeconfig"
        case .userNotFound(let name, let context):
            return "user \"\(name)\" of context \"\(context)\" not found in kubeconfig"
        case .missingServer(let cluster):
            return "cluster \"\(cluster)\" has no server URL"
        case .invalidBase64(let field, let owner):
            return "\(field) of \(owner) is not valid base64"
        case .unreadableReferencedFile(let field, let path, let owner):
            return "cannot read \(field) \(path) of \(owner)"
        case .incompleteClientCertificate(let user):
            return "user \"\(user)\" has a client certificate without a key (or a key without a certificate)"
        case .inCluster(let reason):
            return "in-cluster configuration: \(reason)"
        case .execPluginFailed(let user, let command, let reason):
            return "credential plugin \(command) of user \"\(user)\" failed: \(reason)"
        case .invalidTLSMaterial(let user, let reason):
            return "the CA, client certificate or key of user \"\(user)\" and its cluster cannot be used: \(reason)"
        }
    }
}
