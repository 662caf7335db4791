import Foundation

/// Everything needed to talk to one API server as one user: the resolved result of
/// a kubeconfig context or of the in-cluster service account.
public struct ClientConfiguration: Sendable, Equatable {
    /// Base URL of the API server, e.g. `https://127.0.0.1:6443` (a path prefix is kept).
    public var server: String
    public var tls: TLSSettings
    public var credentials: Credentials
    /// Namespace of the context; "default" when the context names none.
    public var namespace: String
    /// Who we are, for error messages: the kubeconfig user name (never a secret).
    public var userName: String
    /// The context this came from, if any (nil for in-cluster).
    public var contextName: String?

    public init(server: String, tls: TLSSettings = TLSSettings(), credentials: Credentials = .none,
                namespace: String = "default", userName: String = "", contextName: String? = nil) {
        self.server = server.hasSuffix("/") ? String(server.dropLast()) : server
        self.tls = tls
        self.credentials = credentials
        self.namespace = namespace
        self.userName = userName
        self.contextName = contextName
    }
}

/// How to trust the server and, with a client certificate, how to prove who we are.
public struct TLSSettings: Sendable, Equatable {
    /// PEM of the CA bundle that signs the server certificate; nil trusts the system roots.
    public var certificateAuthorityPEM: [UInt8]?
    public var insecureSkipVerify: Bool
    /// Name to verify the server certificate against instead of the URL's host.
    public var serverName: String?
    public var clientCertificatePEM: [UInt8]?
    public var clientKeyPEM: [UInt8]?

    public init(certificateAuthorityPEM: [UInt8]? = nil, insecureSkipVerify: Bool = false, serverName: String? = nil,
                clientCertificatePEM: [UInt8]? = nil, clientKeyPEM: [UInt8]? = nil) {
        self.certificateAuthorityPEM = certificateAuthorityPEM
        self.insecureSkipVerify = insecureSkipVerify
        self.serverName = serverName
        self.clientCertificatePEM = clientCertificatePEM
        self.clientKeyPEM = clientKeyPEM
    }
}

/// The request credentials of a user. Values are secrets: nothing here is printed.
public enum Credentials: Sendable, Equatable {
    case none
    case bearerToken(String)
    /// Read at every request, so rotated service-account tokens are picked up.
    case bearerTokenFile(String)
    case basic(username: String, password: String)
    case exec(ExecConfig)
}

extension ClientConfiguration: CustomStringConvertible {
    /// Safe to print: names the server, context and user, never credentials.
    public var description: String {
        var parts = ["server \(server)", "user \"\(userName)\"", "namespace \"\(namespace)\""]
        if let contextName { parts.insert("context \"\(contextName)\"", at: 0) }
        return parts.joined(separator: ", ")
    }
}
