import Foundation

/// Finds and resolves the configuration the way kubectl does.
///
/// Order: `--kubeconfig` (must exist), else every file of `KUBECONFIG` (missing
/// ones skipped, merged first-wins), else `~/.kube/config`, else the in-cluster
/// service account. `--context` overrides `current-context`; `--namespace`
/// overrides the context's namespace.
public struct KubeconfigLoader: Sendable {
    public var explicitPath: String?
    public var contextOverride: String?
    public var namespaceOverride: String?
    public var environment: [String: String]
    /// Where the in-cluster service account files are; a parameter for tests.
    public var serviceAccountDirectory: String

    public init(explicitPath: String? = nil, contextOverride: String? = nil, namespaceOverride: String? = nil,
                environment: [String: String] = ProcessInfo.processInfo.environment,
                serviceAccountDirectory: String = InClusterConfig.defaultServiceAccountDirectory) {
        self.explicitPath = explicitPath
        self.contextOverride = contextOverride
        self.namespaceOverride = namespaceOverride
        self.environment = environment
        self.serviceAccountDirectory = serviceAccountDirectory
    }

    /// The kubeconfig files that would be read, in precedence order.
    public var searchPaths: [String] {
        if let explicitPath, !explicitPath.isEmpty { return [explicitPath] }
        if let list = environment["KUBECONFIG"], !list.isEmpty {
            var seen = Set<String>()
            return list.split(separator: ":").map(String.init).filter { !$0.isEmpty && seen.insert($0).inserted }
        }
        let home = environment["HOME"] ?? NSHomeDirectory()
        return [(home as NSString).appendingPathComponent(".kube/config")]
    }

    public func load() throws -> ClientConfiguration {
        let paths = searchPaths
        var configs: [Kubeconfig] = []
        if let explicitPath, !explicitPath.isEmpty {
            configs.append(try Kubeconfig.load(path: explicitPath))
        } else {
            for path in paths where FileManager.default.fileExists(atPath: path) {
                configs.append(try Kubeconfig.load(path: path))
            }
        }
        if configs.isEmpty {
            if environment["KUBERNETES_SERVICE_HOST"] != nil {
                var config = try InClusterConfig.load(environment: environment, directory: serviceAccountDirectory)
                if let namespaceOverride, !namespaceOverride.isEmpty { config.namespace = namespaceOverride }
                return config
            }
            throw KubeConfigError.noConfiguration(searched: paths)
        }
        return try Self.resolve(Kubeconfig.merged(configs), context: contextOverride, namespace: namespaceOverride)
    }

    /// Resolves one context of an already merged kubeconfig into a client configuration,
    /// reading referenced files (CA, client certificate, key) now so errors name them early.
    public static func resolve(_ kubeconfig: Kubeconfig, context: String? = nil, namespace: String? = nil) throws
        -> ClientConfiguration
    {
        guard let contextName = (context?.isEmpty == false ? context : nil) ?? kubeconfig.currentContext else {
            throw KubeConfigError.noCurrentContext
        }
        guard let ctx = kubeconfig.contexts.first(where: { $0.name == contextName })?.context else {
            throw KubeConfigError.contextNotFound(contextName, available: kubeconfig.contexts.map(\.name))
        }
        guard let cluster = kubeconfig.clusters.first(where: { $0.name == ctx.cluster })?.cluster else {
            throw KubeConfigError.clusterNotFound(ctx.cluster, context: contextName)
        }
        guard !cluster.server.isEmpty else { throw KubeConfigError.missingServer(cluster: ctx.cluster) }
        // kubectl allows a context without a user (anonymous); so do we.
        let user = kubeconfig.users.first(where: { $0.name == ctx.user })?.user ?? AuthInfo()
        if !ctx.user.isEmpty, !kubeconfig.users.contains(where: { $0.name == ctx.user }) {
            throw KubeConfigError.userNotFound(ctx.user, context: contextName)
        }
        let clusterOwner = "cluster \"\(ctx.cluster)\""
        let userOwner = "user \"\(ctx.user)\""

        var tls = TLSSettings(insecureSkipVerify: cluster.insecureSkipTLSVerify, serverName: cluster.tlsServerName)
        tls.certificateAuthorityPEM = try dataOrFile(
            data: cluster.certificateAuthorityData, file: cluster.certificateAuthority,
            field: "certificate-authority", owner: clusterOwner)
        tls.clientCertificatePEM = try dataOrFile(
            data: user.clientCertificateData, file: user.clientCertificate, field: "client-certificate", owner: userOwner)
        tls.clientKeyPEM = try dataOrFile(
            data: user.clientKeyData, file: user.clientKey, field: "client-key", owner: userOwner)
        if (tls.clientCertificatePEM == nil) != (tls.clientKeyPEM == nil) {
            throw KubeConfigError.incompleteClientCertificate(user: ctx.user)
        }

        let credentials: Credentials
        if let token = user.token, !token.isEmpty {
            credentials = .bearerToken(token)
        } else if let file = user.tokenFile, !file.isEmpty {
            credentials = .bearerTokenFile(file)
        } else if let exec = user.exec {
            credentials = .exec(exec)
        } else if let name = user.username, let password = user.password {
            credentials = .basic(username: name, password: password)
        } else {
            credentials = .none
        }

        let ns = (namespace?.isEmpty == false ? namespace : nil) ?? ctx.namespace.flatMap { $0.isEmpty ? nil : $0 }
        return ClientConfiguration(
            server: cluster.server, tls: tls, credentials: credentials, namespace: ns ?? "default",
            userName: ctx.user, contextName: contextName)
    }

    /// `*-data` (base64) wins over the file, as in client-go.
    static func dataOrFile(data: String?, file: String?, field: String, owner: String) throws -> [UInt8]? {
        if let data, !data.isEmpty {
            let compact = data.filter { !$0.isWhitespace }
            guard let decoded = Data(base64Encoded: compact) else {
                throw KubeConfigError.invalidBase64(field: "\(field)-data", owner: owner)
            }
            return Array(decoded)
        }
        if let file, !file.isEmpty {
            guard let contents = FileManager.default.contents(atPath: file) else {
                throw KubeConfigError.unreadableReferencedFile(field: field, path: file, owner: owner)
            }
            return Array(contents)
        }
        return nil
    }
}
