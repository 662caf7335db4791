import Foundation
import Testing
@testable import KubeClient

@Suite struct KubeconfigTests {
    static let sample = """
        apiVersion: v1
        kind: Config
        current-context: dev
        clusters:
        - name: c1
          cluster:
            server: https://10.0.0.1:6443
            certificate-authority-data: \(Data("CA-PEM".utf8).base64EncodedString())
            tls-server-name: kubernetes.default
        - name: c2
          cluster:
            server: https://c2.example:443
            insecure-skip-tls-verify: true
        users:
        - name: token-user
          user:
            token: s3cr3t
        - name: cert-user
          user:
            client-certificate-data: \(Data("CERT".utf8).base64EncodedString())
            client-key-data: \(Data("KEY".utf8).base64EncodedString())
        - name: basic-user
          user:
            username: alice
            password: pw
        - name: exec-user
          user:
            exec:
              apiVersion: client.authentication.k8s.io/v1beta1
              command: get-token
              args: [--cluster, c1]
              env:
              - name: REGION
                value: eu
        contexts:
        - name: dev
          context: {cluster: c1, user: token-user, namespace: dev-ns}
        - name: prod
          context: {cluster: c2, user: cert-user}
        - name: basic
          context: {cluster: c2, user: basic-user}
        - name: plugin
          context: {cluster: c1, user: exec-user, namespace: ""}
        """

    @Test func parsesEveryFieldKubectlUses() throws {
        let config = try Kubeconfig.parse(Self.sample)
        #expect(config.currentContext == "dev")
        #expect(config.clusters.map(\.name) == ["c1", "c2"])
        #expect(config.clusters[0].cluster.tlsServerName == "kubernetes.default")
        #expect(config.clusters[1].cluster.insecureSkipTLSVerify)
        #expect(config.users.first { $0.name == "token-user" }?.user.token == "s3cr3t")
        let exec = try #require(config.users.first { $0.name == "exec-user" }?.user.exec)
        #expect(exec.command == "get-token")
        #expect(exec.args == ["--cluster", "c1"])
        #expect(exec.env == [ExecConfig.EnvVar(name: "REGION", value: "eu")])
        #expect(exec.apiVersion == "client.authentication.k8s.io/v1beta1")
        #expect(config.contexts.first { $0.name == "dev" }?.context == Context(cluster: "c1", user: "token-user", namespace: "dev-ns"))
    }

    @Test func currentContextGivesServerTokenCAAndNamespace() throws {
        let resolved = try KubeconfigLoader.resolve(try Kubeconfig.parse(Self.sample))
        #expect(resolved.server == "https://10.0.0.1:6443")
        #expect(resolved.credentials == .bearerToken("s3cr3t"))
        #expect(resolved.tls.certificateAuthorityPEM == Array("CA-PEM".utf8))
        #expect(resolved.tls.serverName == "kubernetes.default")
        #expect(resolved.namespace == "dev-ns")
        #expect(resolved.userName == "token-user")
        #expect(resolved.contextName == "dev")
    }

    @Test func contextOverrideSwitchesClusterUserAndDefaultsNamespace() throws {
        let resolved = try KubeconfigLoader.resolve(try Kubeconfig.parse(Self.sample), context: "prod")
        #expect(resolved.server == "https://c2.example:443")
        #expect(resolved.tls.insecureSkipVerify)
        #expect(resolved.tls.clientCertificatePEM == Array("CERT".utf8))
        #expect(resolved.tls.clientKeyPEM == Array("KEY".utf8))
        #expect(resolved.credentials == .none)
        #expect(resolved.namespace == "default")
    }

    @Test func emptyNamespaceInContextMeansDefault() throws {
        let resolved = try KubeconfigLoader.resolve(try Kubeconfig.parse(Self.sample), context: "plugin")
        #expect(resolved.namespace == "default")
        guard case .exec(let exec) = resolved.credentials else {
            Issue.record("expected exec credentials, got \(resolved.credentials)")
            return
        }
        #expect(exec.command == "get-token")
    }

    @Test func namespaceOverrideWins() throws {
        let resolved = try KubeconfigLoader.resolve(try Kubeconfig.parse(Self.sample), namespace: "other")
        #expect(resolved.namespace == "other")
    }

    @Test func basicAuthUser() throws {
        let resolved = try KubeconfigLoader.resolve(try Kubeconfig.parse(Self.sample), context: "basic")
        #expect(resolved.credentials == .basic(username: "alice", password: "pw"))
    }

    @Test func unknownContextListsTheAvailableOnes() throws {
        #expect(throws: KubeConfigError.contextNotFound("nope", available: ["dev", "prod", "basic", "plugin"])) {
            try KubeconfigLoader.resolve(try Kubeconfig.parse(Self.sample), context: "nope")
        }
    }

    @Test func missingCurrentContextIsAnError() throws {
        var config = try Kubeconfig.parse(Self.sample)
        config.currentContext = nil
        #expect(throws: KubeConfigError.noCurrentContext) { try KubeconfigLoader.resolve(config) }
    }

    @Test func badBase64NamesTheField() throws {
        let text = """
            clusters: [{name: c, cluster: {server: "https://x", certificate-authority-data: "***"}}]
            users: [{name: u, user: {}}]
            contexts: [{name: x, context: {cluster: c, user: u}}]
            current-context: x
            """
        #expect(throws: KubeConfigError.invalidBase64(field: "certificate-authority-data", owner: "cluster \"c\"")) {
            try KubeconfigLoader.resolve(try Kubeconfig.parse(text))
        }
    }

    @Test func certificateWithoutKeyIsRejected() throws {
        let text = """
            clusters: [{name: c, cluster: {server: "https://x"}}]
            users: [{name: u, user: {client-certificate-data: "\(Data("C".utf8).base64EncodedString())"}}]
            contexts: [{name: x, context: {cluster: c, user: u}}]
            current-context: x
            """
        #expect(throws: KubeConfigError.incompleteClientCertificate(user: "u")) {
            try KubeconfigLoader.resolve(try Kubeconfig.parse(text))
        }
    }

    @Test func descriptionNeverShowsCredentials() throws {
        let resolved = try KubeconfigLoader.resolve(try Kubeconfig.parse(Self.sample))
        #expect(!resolved.description.contains("s3cr3t"))
        #expect(resolved.description.contains("token-user"))
    }
}
