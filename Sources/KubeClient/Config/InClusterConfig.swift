import Foundation

/// Configuration of a process running in a pod: the API server from the
/// `KUBERNETES_SERVICE_*` variables, the pod's service account token and CA.
public enum InClusterConfig {
    public static let defaultServiceAccountDirectory = "/var/run/secrets/kubernetes.io/serviceaccount"

    public static func load(environment: [String: String] = ProcessInfo.processInfo.environment,
                            directory: String = defaultServiceAccountDirectory) throws -> ClientConfiguration
    {
        guard let host = environment["KUBERNETES_SERVICE_HOST"], !host.isEmpty,
              let port = environment["KUBERNETES_SERVICE_PORT"], !port.isEmpty
        else {
            throw KubeConfigError.inCluster("KUBERNETES_SERVICE_HOST and KUBERNETES_SERVICE_PORT must be set")
        }
        let tokenPath = (directory as NSString).appendingPathComponent("token")
        guard FileManager.default.isReadableFile(atPath: tokenPath) else {
            throw KubeConfigError.inCluster("service account token \(tokenPath) is not readable")
        }
        let caPath = (directory as NSString).appendingPathComponent("ca.crt")
        guard let ca = FileManager.default.contents(atPath: caPath) else {
            throw KubeConfigError.inCluster("service account CA \(caPath) is not readable")
        }
        let namespacePath = (directory as NSString).appendingPathComponent("namespace")
        let namespace = (try? String(contentsOfFile: namespacePath, encoding: .utf8))?
            .trimmingCharacters(in: .whitespacesAndNewlines)
        let hostPart = host.contains(":") ? "[\(host)]" : host
        return ClientConfiguration(
            server: "https://\(hostPart):\(port)",
            tls: TLSSettings(certificateAuthorityPEM: Array(ca)),
            credentials: .bearerTokenFile(tokenPath),
            namespace: (namespace?.isEmpty ?? true) ? "default" : namespace!,
            userName: "service account of this pod")
    }
}
