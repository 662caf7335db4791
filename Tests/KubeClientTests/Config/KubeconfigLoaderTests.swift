import Foundation
import Testing
@testable import KubeClient

/// File discovery and merging, checked against kubectl's documented rules
/// (kubectl `config view` over the same files gives the same winners).
@Suite struct KubeconfigLoaderTests {
    let dir: String

    init() throws {
        dir = NSTemporaryDirectory() + "kubeconfig-tests-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
    }

    func write(_ name: String, _ text: String) throws -> String {
        let path = (dir as NSString).appendingPathComponent(name)
        try text.write(toFile: path, atomically: true, encoding: .utf8)
        return path
    }

    @Test func mergedFilesFirstWinsPerNameAndForCurrentContext() throws {
        let a = try write("a", """
            current-context: ctx-a
            clusters: [{name: shared, cluster: {server: "https://from-a"}}]
            users: [{name: u, user: {token: token-a}}]
            contexts: [{name: ctx-a, context: {cluster: shared, user: u, namespace: ns-a}}]
            """)
        let b = try write("b", """
            current-context: ctx-b
            clusters: [{name: shared, cluster: {server: "https://from-b"}}, {name: only-b, cluster: {server: "https://b"}}]
            users: [{name: u, user: {token: token-b}}]
            contexts: [{name: ctx-b, context: {cluster: only-b, user: u, namespace: ns-b}}]
            """)
        let loader = KubeconfigLoader(environment: ["KUBECONFIG": "\(a):\(dir)/missing:\(b)", "HOME": dir])
        let config = try loader.load()
        #expect(config.contextName == "ctx-a")
        #expect(config.server == "https://from-a")
        #expect(config.credentials == .bearerToken("token-a"))
        #expect(config.namespace == "ns-a")

        var other = loader
        other.contextOverride = "ctx-b"
        let b2 = try other.load()
        #expect(b2.server == "https://b")
        #expect(b2.credentials == .bearerToken("token-a"))  // user "u" from the first file
        #expect(b2.namespace == "ns-b")
    }

    @Test func explicitPathIgnoresKUBECONFIG() throws {
        let a = try write("a", """
            current-context: x
            clusters: [{name: c, cluster: {server: "https://explicit"}}]
            users: [{name: u, user: {}}]
            contexts: [{name: x, context: {cluster: c, user: u}}]
            """)
        let loader = KubeconfigLoader(explicitPath: a, environment: ["KUBECONFIG": "/nonexistent", "HOME": dir])
        #expect(try loader.load().server == "https://explicit")
    }

    @Test func explicitPathMustExist() throws {
        let loader = KubeconfigLoader(explicitPath: "\(dir)/none", environment: [:])
        #expect(throws: KubeConfigError.self) { try loader.load() }
    }

    @Test func relativeFileReferencesResolveAgainstTheKubeconfigDirectory() throws {
        try FileManager.default.createDirectory(atPath: "\(dir)/pki", withIntermediateDirectories: true)
        _ = try write("pki/ca.crt", "CA")
        _ = try write("pki/token", "file-token\n")
        let a = try write("a", """
            current-context: x
            clusters: [{name: c, cluster: {server: "https://s", certificate-authority: pki/ca.crt}}]
            users: [{name: u, user: {tokenFile: pki/token}}]
            contexts: [{name: x, context: {cluster: c, user: u}}]
            """)
        let config = try KubeconfigLoader(explicitPath: a, environment: [:]).load()
        #expect(config.tls.certificateAuthorityPEM == Array("CA".utf8))
        #expect(config.credentials == .bearerTokenFile("\(dir)/pki/token"))
    }

    @Test func homeConfigIsTheDefault() throws {
        try FileManager.default.createDirectory(atPath: "\(dir)/.kube", withIntermediateDirectories: true)
        _ = try write(".kube/config", """
            current-context: x
            clusters: [{name: c, cluster: {server: "https://home"}}]
            users: [{name: u, user: {}}]
            contexts: [{name: x, context: {cluster: c, user: u}}]
            """)
        #expect(try KubeconfigLoader(environment: ["HOME": dir]).load().server == "https://home")
    }

    @Test func inClusterWhenNoKubeconfigExists() throws {
        let sa = "\(dir)/sa"
        try FileManager.default.createDirectory(atPath: sa, withIntermediateDirectories: true)
        _ = try write("sa/token", "sa-token")
        _ = try write("sa/ca.crt", "SA-CA")
        _ = try write("sa/namespace", "apps\n")
        let loader = KubeconfigLoader(
            environment: ["HOME": dir, "KUBERNETES_SERVICE_HOST": "10.96.0.1", "KUBERNETES_SERVICE_PORT": "443"],
            serviceAccountDirectory: sa)
        let config = try loader.load()
        #expect(config.server == "https://10.96.0.1:443")
        #expect(config.credentials == .bearerTokenFile("\(sa)/token"))
        #expect(config.tls.certificateAuthorityPEM == Array("SA-CA".utf8))
        #expect(config.namespace == "apps")
    }

    @Test func inClusterIPv6HostIsBracketed() throws {
        let sa = "\(dir)/sa6"
        try FileManager.default.createDirectory(atPath: sa, withIntermediateDirectories: true)
        _ = try write("sa6/token", "t")
        _ = try write("sa6/ca.crt", "CA")
        let config = try InClusterConfig.load(
            environment: ["KUBERNETES_SERVICE_HOST": "fd00::1", "KUBERNETES_SERVICE_PORT": "6443"], directory: sa)
        #expect(config.server == "https://[fd00::1]:6443")
        #expect(config.namespace == "default")
    }

    @Test func nothingConfiguredSaysWhereItLooked() throws {
        let loader = KubeconfigLoader(environment: ["HOME": dir])
        #expect(throws: KubeConfigError.noConfiguration(searched: ["\(dir)/.kube/config"])) { try loader.load() }
    }
}
