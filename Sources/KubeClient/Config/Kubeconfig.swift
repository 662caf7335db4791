import Foundation
import Yams

/// One kubeconfig file, field for field as kubectl's `clientcmd/api/v1` reads it.
///
/// Only the fields the client acts on are modelled; unknown fields (preferences,
/// extensions) are ignored as kubectl ignores what it does not know.
public struct Kubeconfig: Sendable, Equatable, Decodable {
    public var currentContext: String?
    public var clusters: [NamedCluster]
    public var users: [NamedUser]
    public var contexts: [NamedContext]

    public init(currentContext: String? = nil, clusters: [NamedCluster] = [], users: [NamedUser] = [], contexts: [NamedContext] = []) {
        self.currentContext = currentContext
        self.clusters = clusters
        self.users = users
        self.contexts = contexts
    }

    enum CodingKeys: String, CodingKey {
        case currentContext = "current-context"
        case clusters, users, contexts
    }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        let current = try c.decodeIfPresent(String.self, forKey: .currentContext)
        currentContext = (current?.isEmpty ?? true) ? nil : current
        clusters = try c.decodeIfPresent([NamedCluster].self, forKey: .clusters) ?? []
        users = try c.decodeIfPresent([NamedUser].self, forKey: .users) ?? []
        contexts = try c.decodeIfPresent([NamedContext].self, forKey: .contexts) ?? []
    }

    /// Parses kubeconfig YAML (or JSON, which is YAML).
    public static func parse(_ text: String) throws -> Kubeconfig {
        if text.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty { return Kubeconfig() }
        return try YAMLDecoder().decode(Kubeconfig.self, from: text)
    }

    /// Reads and parses a file; relative file references inside it are made absolute
    /// against the file's directory, as kubectl does, so that merged configs keep working.
    public static func load(path: String) throws -> Kubeconfig {
        let text: String
        do {
            text = try String(contentsOfFile: path, encoding: .utf8)
        } catch {
            throw KubeConfigError.unreadableFile(path: path, reason: "\(error.localizedDescription)")
        }
        var config: Kubeconfig
        do {
            config = try parse(text)
        } catch {
            throw KubeConfigError.invalidFile(path: path, reason: "\(error)")
        }
        config.resolvePaths(relativeTo: (path as NSString).deletingLastPathComponent)
        return config
    }

    mutating func resolvePaths(relativeTo directory: String) {
        func resolve(_ path: inout String?) {
            guard let p = path, !p.isEmpty, !p.hasPrefix("/") else { return }
            path = directory.isEmpty ? p : (directory as NSString).appendingPathComponent(p)
        }
        for i in clusters.indices {
            resolve(&clusters[i].cluster.certificateAuthority)
        }
        for i in users.indices {
            resolve(&users[i].user.clientCertificate)
            resolve(&users[i].user.clientKey)
            resolve(&users[i].user.tokenFile)
            if var exec = users[i].user.exec, exec.command.contains("/") {
                var command: String? = exec.command
                resolve(&command)
                exec.command = command ?? exec.command
                users[i].user.exec = exec
            }
        }
    }

    /// Merges files in `KUBECONFIG` order: the first file that names a cluster, user
    /// or context wins, and the first file that sets `current-context` wins.
    public static func merged(_ configs: [Kubeconfig]) -> Kubeconfig {
        var result = Kubeconfig()
        for config in configs {
            if result.currentContext == nil { result.currentContext = config.currentContext }
            for c in config.clusters where !result.clusters.contains(where: { $0.name == c.name }) { result.clusters.append(c) }
            for u in config.users where !result.users.contains(where: { $0.name == u.name }) { result.users.append(u) }
            for x in config.contexts where !result.contexts.contains(where: { $0.name == x.name }) { result.contexts.append(x) }
        }
        return result
    }
}

public struct NamedCluster: Sendable, Equatable, Decodable {
    public var name: String
    public var cluster: Cluster
}

public struct NamedUser: Sendable, Equatable, Decodable {
    public var name: String
    public var user: AuthInfo

    enum CodingKeys: String, CodingKey { case name, user }

    public init(name: String, user: AuthInfo) {
        self.name = name
        self.user = user
    }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        name = try c.decode(String.self, forKey: .name)
        user = try c.decodeIfPresent(AuthInfo.self, forKey: .user) ?? AuthInfo()
    }
}

public struct NamedContext: Sendable, Equatable, Decodable {
    public var name: String
    public var context: Context
}

/// A cluster entry: where the API server is and how to trust it.
public struct Cluster: Sendable, Equatable, Decodable {
    public var server: String
    public var certificateAuthority: String?
    public var certificateAuthorityData: String?
    public var insecureSkipTLSVerify: Bool
    public var tlsServerName: String?

    public init(server: String, certificateAuthority: String? = nil, certificateAuthorityData: String? = nil,
                insecureSkipTLSVerify: Bool = false, tlsServerName: String? = nil) {
        self.server = server
        self.certificateAuthority = certificateAuthority
        self.certificateAuthorityData = certificateAuthorityData
        self.insecureSkipTLSVerify = insecureSkipTLSVerify
        self.tlsServerName = tlsServerName
    }

    enum CodingKeys: String, CodingKey {
        case server
        case certificateAuthority = "certificate-authority"
        case certificateAuthorityData = "certificate-authority-data"
        case insecureSkipTLSVerify = "insecure-skip-tls-verify"
        case tlsServerName = "tls-server-name"
    }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        server = try c.decodeIfPresent(String.self, forKey: .server) ?? ""
        certificateAuthority = try c.decodeIfPresent(String.self, forKey: .certificateAuthority)
        certificateAuthorityData = try c.decodeIfPresent(String.self, forKey: .certificateAuthorityData)
        insecureSkipTLSVerify = try c.decodeIfPresent(Bool.self, forKey: .insecureSkipTLSVerify) ?? false
        tlsServerName = try c.decodeIfPresent(String.self, forKey: .tlsServerName)
    }
}

/// A user entry: the credentials presented to the API server.
public struct AuthInfo: Sendable, Equatable, Decodable {
    public var token: String?
    public var tokenFile: String?
    public var clientCertificate: String?
    public var clientCertificateData: String?
    public var clientKey: String?
    public var clientKeyData: String?
    public var username: String?
    public var password: String?
    public var exec: ExecConfig?

    public init(token: String? = nil, tokenFile: String? = nil, clientCertificate: String? = nil,
                clientCertificateData: String? = nil, clientKey: String? = nil, clientKeyData: String? = nil,
                username: String? = nil, password: String? = nil, exec: ExecConfig? = nil) {
        self.token = token
        self.tokenFile = tokenFile
        self.clientCertificate = clientCertificate
        self.clientCertificateData = clientCertificateData
        self.clientKey = clientKey
        self.clientKeyData = clientKeyData
        self.username = username
        self.password = password
        self.exec = exec
    }

    enum CodingKeys: String, CodingKey {
        case token, tokenFile, username, password, exec
        case clientCertificate = "client-certificate"
        case clientCertificateData = "client-certificate-data"
        case clientKey = "client-key"
        case clientKeyData = "client-key-data"
    }
}

/// A client-go credential plugin (`users[].user.exec`).
public struct ExecConfig: Sendable, Equatable, Decodable {
    public var command: String
    public var args: [String]
    public var env: [EnvVar]
    public var apiVersion: String
    public var provideClusterInfo: Bool
    public var installHint: String?

    public struct EnvVar: Sendable, Equatable, Decodable {
        public var name: String
        public var value: String
    }

    public init(command: String, args: [String] = [], env: [EnvVar] = [],
                apiVersion: String = "client.authentication.k8s.io/v1", provideClusterInfo: Bool = false,
                installHint: String? = nil) {
        self.command = command
        self.args = args
        self.env = env
        self.apiVersion = apiVersion
        self.provideClusterInfo = provideClusterInfo
        self.installHint = installHint
    }

    enum CodingKeys: String, CodingKey { case command, args, env, apiVersion, provideClusterInfo, installHint }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        command = try c.decode(String.self, forKey: .command)
        args = try c.decodeIfPresent([String].self, forKey: .args) ?? []
        env = try c.decodeIfPresent([EnvVar].self, forKey: .env) ?? []
        apiVersion = try c.decodeIfPresent(String.self, forKey: .apiVersion) ?? "client.authentication.k8s.io/v1"
        provideClusterInfo = try c.decodeIfPresent(Bool.self, forKey: .provideClusterInfo) ?? false
        installHint = try c.decodeIfPresent(String.self, forKey: .installHint)
    }
}

public struct Context: Sendable, Equatable, Decodable {
    public var cluster: String
    public var user: String
    public var namespace: String?

    public init(cluster: String, user: String, namespace: String? = nil) {
        self.cluster = cluster
        self.user = user
        self.namespace = namespace
    }

    enum CodingKeys: String, CodingKey { case cluster, user, namespace }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        cluster = try c.decodeIfPresent(String.self, forKey: .cluster) ?? ""
        user = try c.decodeIfPresent(String.self, forKey: .user) ?? ""
        namespace = try c.decodeIfPresent(String.self, forKey: .namespace)
    }
}
