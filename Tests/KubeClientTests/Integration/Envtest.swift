import Foundation
import NIOCore
import Testing
@testable import KubeClient

/// Access to the envtest API server started by scripts/with-envtest.sh.
///
/// Tests are enabled when `ENVTEST_SERVER` is set, and also when
/// `BLUEPRINT_REQUIRE_INTEGRATION=1`, in which case a missing server fails them.
enum Envtest {
    static let environment = ProcessInfo.processInfo.environment
    static let required = environment["BLUEPRINT_REQUIRE_INTEGRATION"] == "1"
    static let available = environment["ENVTEST_SERVER"] != nil && environment["KUBECONFIG"] != nil
    static let enabled = available || required

    struct Settings {
        var kubeconfig: String
        var server: String
        var token: String
        var nodeName: String
        var caFile: String
    }

    static func settings() throws -> Settings {
        let env = environment
        guard let kubeconfig = env["KUBECONFIG"], let server = env["ENVTEST_SERVER"], let token = env["ENVTEST_TOKEN"]
        else {
            throw MissingEnvtest()
        }
        return Settings(kubeconfig: kubeconfig, server: server, token: token,
                        nodeName: env["ENVTEST_NODE_NAME"].flatMap { $0.isEmpty ? nil : $0 } ?? "envtest-node",
                        caFile: env["ENVTEST_CA_FILE"] ?? "")
    }

    struct MissingEnvtest: Error, CustomStringConvertible {
        var description: String {
            "BLUEPRINT_REQUIRE_INTEGRATION=1 but no envtest server: run under scripts/with-envtest.sh (KUBECONFIG, ENVTEST_SERVER, ENVTEST_TOKEN)"
        }
    }

    /// A client for a context of the envtest kubeconfig; shut down after `body`.
    static func withClient<T>(context: String? = nil, namespace: String? = nil,
                              _ body: (KubernetesClient) async throws -> T) async throws -> T
    {
        let settings = try settings()
        let config = try KubeconfigLoader(explicitPath: settings.kubeconfig, contextOverride: context,
                                          namespaceOverride: namespace).load()
        return try await KubernetesClient.withClient(configuration: config, body)
    }

    /// A fresh namespace per test (deleted namespaces stay Terminating without controllers).
    static func makeNamespace(_ client: KubernetesClient, prefix: String) async throws -> String {
        let name = "\(prefix)-\(UUID().uuidString.prefix(8).lowercased())"
        _ = try await client.create(.namespaces, KubeObject(["apiVersion": "v1", "kind": "Namespace", "metadata": ["name": .string(name)]]))
        return name
    }

    /// A Pod bound to the test node, so that exec and logs reach the test kubelet.
    static func makePod(_ client: KubernetesClient, namespace: String, name: String = "exec-pod") async throws -> String {
        let settings = try settings()
        let pod: JSONValue = [
            "apiVersion": "v1", "kind": "Pod",
            "metadata": ["name": .string(name), "namespace": .string(namespace), "labels": ["app": "exec-test"]],
            "spec": [
                "nodeName": .string(settings.nodeName),
                "containers": [["name": "main", "image": "busybox"]],
            ],
        ]
        _ = try await client.create(.pods, KubeObject(pod))
        return name
    }
}
