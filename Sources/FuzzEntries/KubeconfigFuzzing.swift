import Foundation
import KubeClient

/// A kubeconfig file parsed, merged and resolved for each of its contexts.
enum KubeconfigFuzzing {
    static func run(_ data: Data) {
        guard var config = try? Kubeconfig.parse(String(decoding: data, as: UTF8.self)) else { return }
        // Resolving reads the files a kubeconfig names; the fuzzer's inputs must
        // not make it read this machine's files (or block on a FIFO).
        for i in config.clusters.indices { config.clusters[i].cluster.certificateAuthority = nil }
        for i in config.users.indices {
            config.users[i].user.clientCertificate = nil
            config.users[i].user.clientKey = nil
        }
        let merged = Kubeconfig.merged([config, config])
        _ = try? KubeconfigLoader.resolve(merged)
        for context in merged.contexts.prefix(8) {
            _ = try? KubeconfigLoader.resolve(merged, context: context.name, namespace: nil)
        }
    }
}
