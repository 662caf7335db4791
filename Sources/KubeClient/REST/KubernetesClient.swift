import AsyncHTTPClient
import Foundation
import Logging
import NIOCore
import NIOHTTP1
import NIOPosix
import NIOSSL

/// A client of one Kubernetes API server, acting as one user.
///
/// Objects are generic JSON (`KubeObject`), addressed by `ResourceType`. The client
/// owns an HTTP connection pool: call `shutdown()` when done (or use
/// `withClient`). Safe to share between tasks.
public final class KubernetesClient: Sendable {
    public let configuration: ClientConfiguration
    public let retryPolicy: RetryPolicy
    let httpClient: HTTPClient
    let authenticator: Authenticator
    /// TLS for the exec WebSocket; nil for plain-HTTP servers.
    let webSocketTLS: TLSConfiguration?
    let logger: Logger

    /// Default namespace of the context (or of `--namespace`).
    public var namespace: String { configuration.namespace }

    /// Builds a client. Async because a credential plugin that returns a client
    /// certificate must run before the TLS configuration exists.
    public init(configuration: ClientConfiguration, retryPolicy: RetryPolicy = RetryPolicy(),
                logger: Logger = Logger(label: "KubeClient")) async throws
    {
        var config = configuration
        let authenticator = Authenticator(configuration: config)
        if let plugin = authenticator.plugin {
            let credential = try await plugin.credential()
            if let cert = credential.clientCertificatePEM, let key = credential.clientKeyPEM {
                config.tls.clientCertificatePEM = cert
                config.tls.clientKeyPEM = key
            }
        }
        let usesTLS = config.server.lowercased().hasPrefix("https://")
        var httpConfig = HTTPClient.Configuration()
        httpConfig.timeout = .init(connect: .seconds(15), read: nil)
        httpConfig.decompression = .disabled
        httpConfig.redirectConfiguration = .disallow
        do {
            if usesTLS {
                // AsyncHTTPClient cannot send another SNI name than the URL's host: with
                // tls-server-name the REST path checks the chain only; exec checks the name.
                httpConfig.tlsConfiguration = try config.tls.makeTLSConfiguration(verifyHostname: config.tls.serverName == nil)
                // WSClient sets the name it verifies from sniHostname (see runExecSocket); NIOSSL
                // also accepts a certificate whose IP SAN is the peer's address.
                webSocketTLS = try config.tls.makeTLSConfiguration(verifyHostname: true)
            } else {
                webSocketTLS = nil
            }
        } catch {
            throw KubeError.configuration(.invalidTLSMaterial(user: config.userName, reason: "\(error)"))
        }
        self.configuration = config
        self.retryPolicy = retryPolicy
        self.authenticator = authenticator
        self.logger = logger
        self.httpClient = HTTPClient(eventLoopGroupProvider: .shared(MultiThreadedEventLoopGroup.singleton), configuration: httpConfig)
    }

    /// Loads configuration like kubectl (see `KubeconfigLoader`) and builds a client.
    public static func fromEnvironment(kubeconfig: String? = nil, context: String? = nil, namespace: String? = nil,
                                       retryPolicy: RetryPolicy = RetryPolicy()) async throws -> KubernetesClient
    {
        let loader = KubeconfigLoader(explicitPath: kubeconfig, contextOverride: context, namespaceOverride: namespace)
        let config: ClientConfiguration
        do {
            config = try loader.load()
        } catch let error as KubeConfigError {
            throw KubeError.configuration(error)
        }
        return try await KubernetesClient(configuration: config, retryPolicy: retryPolicy)
    }

    /// Runs `body` with a client and shuts it down afterwards, also when `body` throws.
    public static func withClient<T>(configuration: ClientConfiguration, retryPolicy: RetryPolicy = RetryPolicy(),
                                     _ body: (KubernetesClient) async throws -> T) async throws -> T
    {
        let client = try await KubernetesClient(configuration: configuration, retryPolicy: retryPolicy)
        do {
            let result = try await body(client)
            try await client.shutdown()
            return result
        } catch {
            try? await client.shutdown()
            throw error
        }
    }

    public func shutdown() async throws {
        try await httpClient.shutdown()
    }

    static func host(of server: String) -> String? {
        guard let components = URLComponents(string: server) else { return nil }
        return components.host
    }

    func describe(_ verb: String, _ type: ResourceType, namespace: String?, name: String? = nil,
                  subresource: String? = nil) -> RequestDescription
    {
        RequestDescription(
            user: configuration.userName, verb: verb, resource: type.description,
            namespace: type.namespaced ? namespace : nil, name: name, subresource: subresource)
    }

    /// The namespace a call uses: the given one, else the context's, for namespaced types.
    func effectiveNamespace(_ type: ResourceType, _ namespace: String?) -> String? {
        type.namespaced ? (namespace ?? configuration.namespace) : nil
    }
}

/// Distinguishes IP literals from DNS names in a server URL.
enum IPAddressCheck {
    static func isIPAddress(_ host: String) -> Bool {
        let trimmed = host.hasPrefix("[") ? String(host.dropFirst().dropLast()) : host
        if trimmed.contains(":") { return true }
        let parts = trimmed.split(separator: ".", omittingEmptySubsequences: false)
        return parts.count == 4 && parts.allSatisfy { UInt8($0) != nil }
    }
}
