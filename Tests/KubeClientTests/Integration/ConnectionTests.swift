import Foundation
import Testing
@testable import KubeClient

/// kubeconfig variants against the real API server.
@Suite(.enabled(if: Envtest.enabled)) struct ConnectionTests {
    @Test func tokenContextWithCADataConnects() async throws {
        try await Envtest.withClient(context: "envtest") { client in
            #expect(client.configuration.userName == "envtest-admin")
            #expect(try await client.serverVersion().hasPrefix("v1.20"))
            _ = try await client.get(.namespaces, name: "default")
        }
    }

    @Test func clientCertificateContextConnects() async throws {
        try await Envtest.withClient(context: "envtest-cert") { client in
            guard case .none = client.configuration.credentials else {
                Issue.record("the cert context must not use a token")
                return
            }
            #expect(client.configuration.tls.clientCertificatePEM != nil)
            _ = try await client.list(.namespaces)
        }
    }

    @Test func caFromFileAndTokenFromFileConnect() async throws {
        let settings = try Envtest.settings()
        let dir = NSTemporaryDirectory() + "kc-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        try settings.token.write(toFile: "\(dir)/token", atomically: true, encoding: .utf8)
        try FileManager.default.copyItem(atPath: settings.caFile, toPath: "\(dir)/ca.crt")
        try """
            apiVersion: v1
            kind: Config
            current-context: files
            clusters: [{name: c, cluster: {server: "\(settings.server)", certificate-authority: ca.crt}}]
            users: [{name: file-user, user: {tokenFile: token}}]
            contexts: [{name: files, context: {cluster: c, user: file-user, namespace: kube-system}}]
            """.write(toFile: "\(dir)/config", atomically: true, encoding: .utf8)
        let config = try KubeconfigLoader(explicitPath: "\(dir)/config").load()
        try await KubernetesClient.withClient(configuration: config) { client in
            #expect(client.namespace == "kube-system")
            _ = try await client.list(.configMaps)
        }
    }

    @Test func execPluginTokenConnects() async throws {
        let settings = try Envtest.settings()
        let dir = NSTemporaryDirectory() + "kc-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        let plugin = "\(dir)/plugin.sh"
        try """
            #!/bin/sh
            printf '{"apiVersion":"client.authentication.k8s.io/v1beta1","kind":"ExecCredential","status":{"token":"%s"}}' "$ENVTEST_PLUGIN_TOKEN"
            """.write(toFile: plugin, atomically: true, encoding: .utf8)
        try FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: plugin)
        var config = try KubeconfigLoader(explicitPath: settings.kubeconfig).load()
        config.credentials = .exec(ExecConfig(command: plugin, env: [.init(name: "ENVTEST_PLUGIN_TOKEN", value: settings.token)],
                                              apiVersion: "client.authentication.k8s.io/v1beta1"))
        try await KubernetesClient.withClient(configuration: config) { client in
            _ = try await client.get(.namespaces, name: "default")
        }
    }

    @Test func insecureSkipVerifyConnectsWithoutCA() async throws {
        var config = try KubeconfigLoader(explicitPath: try Envtest.settings().kubeconfig).load()
        config.tls.certificateAuthorityPEM = nil
        config.tls.insecureSkipVerify = true
        try await KubernetesClient.withClient(configuration: config) { client in
            _ = try await client.get(.namespaces, name: "default")
        }
    }

    @Test func tlsServerNameIsUsedForRESTAndExec() async throws {
        try await Envtest.withClient { admin in
            let ns = try await Envtest.makeNamespace(admin, prefix: "sni")
            let pod = try await Envtest.makePod(admin, namespace: ns)
            var config = try KubeconfigLoader(explicitPath: try Envtest.settings().kubeconfig).load()
            config.tls.serverName = "kubernetes.default"  // a SAN of the envtest serving certificate
            try await KubernetesClient.withClient(configuration: config) { client in
                _ = try await client.get(.pods, name: pod, namespace: ns)
                let output = try await client.execCollecting(namespace: ns, pod: pod, command: ["echo", "sni"])
                #expect(output.stdoutText == "sni\n")
            }
        }
    }

    @Test func wrongCAIsRejected() async throws {
        var config = try KubeconfigLoader(explicitPath: try Envtest.settings().kubeconfig).load()
        config.tls.certificateAuthorityPEM = nil  // system roots do not know the envtest CA
        try await KubernetesClient.withClient(configuration: config, retryPolicy: .none) { client in
            do {
                _ = try await client.get(.namespaces, name: "default")
                Issue.record("a server certificate from an unknown CA was accepted")
            } catch let error as KubeError {
                guard case .transport = error else {
                    Issue.record("expected a transport (TLS) error, got \(error)")
                    return
                }
            }
        }
    }

    @Test func wrongTokenGivesAClear401() async throws {
        var config = try KubeconfigLoader(explicitPath: try Envtest.settings().kubeconfig).load()
        config.credentials = .bearerToken("not-the-token")
        try await KubernetesClient.withClient(configuration: config) { client in
            do {
                _ = try await client.list(.pods)
                Issue.record("a wrong token was accepted")
            } catch let error as KubeError {
                #expect(error.statusCode == 401)
                #expect(error.description
                    == "cannot list pods in namespace \"default\" as user \"envtest-admin\": 401 Unauthorized: check the token or client certificate of user \"envtest-admin\"")
                #expect(!error.description.contains("not-the-token"))
            }
        }
    }

    @Test func contextsSwitchNamespaces() async throws {
        try await Envtest.withClient { admin in
            let ns = try await Envtest.makeNamespace(admin, prefix: "ctx")
            _ = try await admin.create(.configMaps, KubeObject(["metadata": ["name": "marker"], "data": ["k": "v"]]), namespace: ns)
            try await Envtest.withClient(context: "envtest-cert", namespace: ns) { client in
                #expect(client.namespace == ns)
                let names = try await client.list(.configMaps).items.compactMap(\.name)
                #expect(names.contains("marker"))
            }
            try await Envtest.withClient(context: "envtest") { client in
                #expect(client.namespace == "default")
                let inDefault = try await client.getIfPresent(.configMaps, name: "marker")
                #expect(inDefault == nil)
            }
        }
    }

    @Test func discoveryFindsGroups() async throws {
        try await Envtest.withClient { client in
            let apps = try await client.hasAPIGroup("apps", version: "v1")
            let batch = try await client.hasAPIGroup("batch")
            let openshift = try await client.hasAPIGroup("apps.openshift.io")
            let statefulSets = try await client.hasResource(.statefulSets)
            let deploymentConfigs = try await client.hasResource(.deploymentConfigs)
            #expect(apps && batch && statefulSets)
            #expect(!openshift && !deploymentConfigs)
        }
    }
}
