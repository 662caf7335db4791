import Foundation
import Testing

/// An app of one annotated StatefulSet on envtest, protected by a catalog
/// blueprint, for the catalog's integration tests.
enum CatalogApp {
    static let catalog = CLI.repositoryRoot.appendingPathComponent("blueprints").path

    /// A fresh namespace with StatefulSet `workload` (label app=shop, annotated with
    /// the catalog's `blueprint` and `annotations`) and its running pod `<workload>-0`.
    static func namespace(workload: String, blueprint: String, annotations: [String: String] = [:]) throws -> String {
        let ns = "shop-\(UUID().uuidString.prefix(8).lowercased())"
        try AppCluster.kubectl(["create", "namespace", ns])
        try addWorkload(workload, blueprint: blueprint, namespace: ns, annotations: annotations)
        return ns
    }

    /// StatefulSet `workload` in `ns` (label app=shop, annotated with the catalog's
    /// `blueprint` and `annotations`) and its running pod `<workload>-0`; with
    /// `extraSpec` / `containerExtra`, more pod-template / container fields (YAML flow, e.g. `serviceAccountName: x`).
    static func addWorkload(_ workload: String, blueprint: String, namespace ns: String, annotations: [String: String] = [:],
                            extraSpec: String = "", containerExtra: String = "") throws {
        try AppCluster.apply(workloadManifest(workload, blueprint: blueprint, namespace: ns, annotations: annotations,
                                              extraSpec: extraSpec, containerExtra: containerExtra))
        let uid = try AppCluster.kubectl(["get", "statefulset", workload, "-n", ns, "-o", "jsonpath={.metadata.uid}"])
        try AppCluster.apply(podManifest(workload, namespace: ns, uid: uid))
        try AppCluster.kubectl(["patch", "pod", "\(workload)-0", "-n", ns, "--subresource=status", "--type=merge",
                                "-p", #"{"status":{"phase":"Running"}}"#])
    }

    /// ``addWorkload(_:blueprint:namespace:annotations:extraSpec:containerExtra:)`` without holding a thread of the test process.
    static func addWorkloadAsync(_ workload: String, blueprint: String, namespace ns: String, annotations: [String: String] = [:],
                                 extraSpec: String = "", containerExtra: String = "") async throws {
        try await AppCluster.applyAsync(workloadManifest(workload, blueprint: blueprint, namespace: ns, annotations: annotations,
                                                         extraSpec: extraSpec, containerExtra: containerExtra))
        let uid = try await AppCluster.kubectlAsync(["get", "statefulset", workload, "-n", ns, "-o", "jsonpath={.metadata.uid}"])
        try await AppCluster.applyAsync(podManifest(workload, namespace: ns, uid: uid))
        try await AppCluster.kubectlAsync(["patch", "pod", "\(workload)-0", "-n", ns, "--subresource=status", "--type=merge",
                                           "-p", #"{"status":{"phase":"Running"}}"#])
    }

    /// A fresh namespace with ``addWorkloadAsync(_:blueprint:namespace:annotations:extraSpec:containerExtra:)``'s workload.
    static func namespaceAsync(workload: String, blueprint: String, annotations: [String: String] = [:]) async throws -> String {
        let ns = "shop-\(UUID().uuidString.prefix(8).lowercased())"
        try await AppCluster.kubectlAsync(["create", "namespace", ns])
        try await addWorkloadAsync(workload, blueprint: blueprint, namespace: ns, annotations: annotations)
        return ns
    }

    static func workloadManifest(_ workload: String, blueprint: String, namespace ns: String, annotations: [String: String],
                                 extraSpec: String, containerExtra: String) -> String {
        let extra = annotations.map { ", \($0.key): \($0.value)" }.joined()
        let spec = extraSpec.isEmpty ? "" : ", " + extraSpec
        return """
            apiVersion: apps/v1
            kind: StatefulSet
            metadata:
              name: \(workload)
              namespace: \(ns)
              labels: {app: shop}
              annotations: {kanister.kasten.io/blueprint: \(blueprint)\(extra)}
            spec:
              replicas: 1
              serviceName: \(workload)
              selector: {matchLabels: {app: shop, component: \(workload)}}
              template:
                metadata: {labels: {app: shop, component: \(workload)}}
                spec: {containers: [{name: db, image: \(workload):latest\(containerExtra)}]\(spec)}
            """
    }

    static func podManifest(_ workload: String, namespace ns: String, uid: String) -> String {
        """
        apiVersion: v1
        kind: Pod
        metadata:
          name: \(workload)-0
          namespace: \(ns)
          labels: {app: shop, component: \(workload)}
          ownerReferences: [{apiVersion: apps/v1, kind: StatefulSet, name: \(workload), uid: \(uid)}]
        spec:
          nodeName: \(AppCluster.nodeName)
          containers: [{name: db, image: \(workload):latest}]
        """
    }

    /// `--app shop -n NS` with the repository's catalog.
    static func arguments(namespace ns: String) -> [String] {
        ["--app", "shop", "-n", ns, "--blueprints", catalog, "--kubeconfig", AppCluster.kubeconfig!]
    }

    /// A backup that must fail (the engine with an empty PATH), and what it said.
    static func failingBackup(namespace ns: String, _ extra: [String]) async throws -> String {
        let result = try await CLI().run(["run", "backup"] + arguments(namespace: ns) + extra,
                                         timeout: 120, environment: ["PATH": "/nonexistent"])
        #expect(result.status != 0)
        return result.stdout + result.stderr
    }

    /// The password is in no output and no file of the journal.
    static func expectNoLeak(_ password: String, in results: [(status: Int32, stdout: String, stderr: String)], home: String,
                             sourceLocation: SourceLocation = #_sourceLocation) {
        for result in results {
            #expect(!result.stdout.contains(password) && !result.stderr.contains(password), sourceLocation: sourceLocation)
        }
        for file in FileManager.default.enumerator(atPath: home)?.allObjects as? [String] ?? [] where file.hasPrefix("runs/") {
            let text = (try? String(contentsOfFile: home + "/" + file, encoding: .utf8)) ?? ""
            #expect(!text.contains(password), "the password is in \(file)", sourceLocation: sourceLocation)
        }
    }
}
