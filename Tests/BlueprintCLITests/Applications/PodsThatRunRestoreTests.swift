import Foundation
import Testing

extension ApplicationsIntegration {
    /// The whole-app restore on an API server whose pods really run (the second
    /// envtest instance scripts/test.sh starts: controller manager, scheduler, and
    /// the agent running containers' commands as local processes): a StatefulSet
    /// `pg` whose pod runs a long `sleep` and whose catalog blueprint dumps the test
    /// PostgreSQL through exec into it, and an unannotated Deployment `web` whose pod
    /// prints a setting from its ConfigMap. Restored into another namespace, the
    /// StatefulSet and Deployment controllers make the pods, they run, the restore
    /// waits for them to be Ready by itself, and the data lands in the new
    /// namespace's database. No claims: nothing here provisions volumes.
    @Suite(.enabled(if: PodsCluster.enabled && PostgresForApp.enabled), .serialized)
    struct PodsThatRunRestoreTests {
        static let environment = ProcessInfo.processInfo.environment

        static func app(namespace ns: String) -> String {
            """
            apiVersion: v1
            kind: ConfigMap
            metadata: {name: web-settings, namespace: \(ns)}
            data: {MODE: from-the-configmap}
            ---
            apiVersion: apps/v1
            kind: StatefulSet
            metadata:
              name: pg
              namespace: \(ns)
              labels: {app: shop}
              annotations: {kanister.kasten.io/blueprint: postgresql, blueprint.dev/credentials-secret: shop-pg}
            spec:
              replicas: 1
              serviceName: pg
              selector: {matchLabels: {app: shop, component: pg}}
              template:
                metadata: {labels: {app: shop, component: pg}}
                spec:
                  terminationGracePeriodSeconds: 1
                  containers: [{name: db, image: postgres:15, command: [sleep, "3600"]}]
            ---
            apiVersion: apps/v1
            kind: Deployment
            metadata: {name: web, namespace: \(ns), labels: {app: shop}}
            spec:
              replicas: 1
              selector: {matchLabels: {app: shop, component: web}}
              template:
                metadata: {labels: {app: shop, component: web}}
                spec:
                  terminationGracePeriodSeconds: 1
                  containers:
                  - name: web
                    image: busybox
                    command: [sh, -c, 'echo "mode=$MODE"; exec sleep 3600']
                    envFrom: [{configMapRef: {name: web-settings}}]
            """
        }

        /// Ready replicas of a workload, as its controller reports them.
        static func ready(_ kind: String, _ name: String, in ns: String) async -> Bool {
            let ready = (try? await PodsCluster.kubectlAsync(["get", kind, name, "-n", ns, "-o", "jsonpath={.status.readyReplicas}"])) ?? ""
            return ready == "1"
        }

        static func eventually(_ seconds: Double, _ what: String, _ condition: () async -> Bool) async throws {
            let deadline = Date().addingTimeInterval(seconds)
            while await !condition() {
                if Date() > deadline { Issue.record("not within \(seconds) s: \(what)"); return }
                try await Task.sleep(for: .milliseconds(500))
            }
        }

        @Test func theRestoredWorkloadsPodsRunAndTheDataLandsInTheNewNamespace() async throws {
            let env = Self.environment
            let suffix = UUID().uuidString.prefix(6).lowercased()
            let (ns, ns2) = ("shop-run-\(suffix)", "shop-run2-\(suffix)")
            let (database, database2) = ("run_pg_\(suffix)", "run_pg_\(suffix)_2")
            defer {
                Task {
                    _ = try? await PodsCluster.kubectlAsync(["delete", "namespace", ns, ns2, "--wait=false"])
                    _ = try? await PostgresForApp.psqlAsync("DROP DATABASE IF EXISTS \(database)")
                    _ = try? await PostgresForApp.psqlAsync("DROP DATABASE IF EXISTS \(database2)")
                }
            }
            try await PodsCluster.kubectlAsync(["create", "namespace", ns])
            try await PodsCluster.kubectlAsync(["create", "secret", "generic", "shop-pg", "-n", ns,
                                     "--from-literal=password=\(env["BLUEPRINT_PG_PASSWORD"]!)"])
            try await PodsCluster.kubectlAsync(["apply", "-f", "-"], input: Self.app(namespace: ns))
            try await Self.eventually(120, "pg and web Ready in \(ns)") {
                let pg = await Self.ready("statefulset", "pg", in: ns)
                return pg ? await Self.ready("deployment", "web", in: ns) : false
            }
            try await PostgresForApp.psqlAsync("CREATE DATABASE \(database)")
            try await PostgresForApp.psqlAsync("CREATE TABLE items (id int PRIMARY KEY, name text); "
                + "INSERT INTO items SELECT g, 'item-' || g FROM generate_series(1, 2000) g", database: database)
            let before = try await ApplicationBackupTests.Shop.pgChecksum(database)

            let cli = CLI()
            let key = cli.write("secrets.key", "a secret key file with more than sixteen bytes\n")
            let common = ["--app", "shop", "--blueprints", CatalogApp.catalog, "--kubeconfig", PodsCluster.kubeconfig!,
                          "--secrets-key-file", key, "--option", "pg:port=\(env["PGPORT"]!)", "--option", "pg:user=\(env["PGUSER"]!)"]
            let backup = try await cli.run(["run", "backup", "-n", ns, "--option", "pg:database=\(database)"] + common,
                                           timeout: 180, environment: ["PATH": "/nonexistent"])
            #expect(backup.status == 0, "\(backup.stdout)\(backup.stderr)")
            #expect(backup.stderr.contains("Deployment \(ns)/web has no annotation kanister.kasten.io/blueprint: skipped"),
                    "\(backup.stderr)")
            let appID = try #require(backup.stdout.split(separator: " ").first.map(String.init))

            try await PostgresForApp.psqlAsync("CREATE DATABASE \(database2)")
            let restore = try await cli.run(["run", "restore", "--from", appID, "--target-namespace", ns2, "--ready-timeout", "180",
                                             "--option", "pg:database=\(database2)"] + common,
                                            timeout: 300, environment: ["PATH": "/nonexistent"])
            #expect(restore.status == 0, "\(restore.stdout)\(restore.stderr)")
            #expect(try await ApplicationBackupTests.Shop.pgChecksum(database2) == before)

            // The pods the controllers made from the restored objects really run.
            for (kind, name) in [("statefulset", "pg"), ("deployment", "web")] {
                #expect(await Self.ready(kind, name, in: ns2), "\(kind) \(name) is not Ready in \(ns2)")
            }
            let containerIDs = try await PodsCluster.kubectlAsync(["get", "pods", "-n", ns2, "-o",
                "jsonpath={range .items[*]}{.status.containerStatuses[0].containerID}{\"\\n\"}{end}"])
            #expect(containerIDs.split(separator: "\n").count == 2 && containerIDs.split(separator: "\n").allSatisfy { $0.hasPrefix("process://") },
                    "\(containerIDs)")
            let webPod = try await PodsCluster.kubectlAsync(["get", "pods", "-n", ns2, "-l", "component=web", "-o", "jsonpath={.items[0].metadata.name}"])
            try await Self.eventually(30, "web's log shows the restored ConfigMap's setting") {
                ((try? await PodsCluster.kubectlAsync(["logs", webPod, "-n", ns2])) ?? "").contains("mode=from-the-configmap")
            }
        }
    }

    /// The API server whose pods run (scripts/test.sh exports BLUEPRINT_PODS_KUBECONFIG).
    enum PodsCluster {
        static let environment = ProcessInfo.processInfo.environment
        static let kubeconfig = environment["BLUEPRINT_PODS_KUBECONFIG"].flatMap { $0.isEmpty ? nil : $0 }
        static let enabled = kubeconfig != nil
            || (environment["BLUEPRINT_REQUIRE_INTEGRATION"] == "1" && environment["BLUEPRINT_PODS_THAT_RUN"] != "0")

        @discardableResult
        static func kubectl(_ arguments: [String], input: String? = nil) throws -> String {
            guard let kubeconfig else { throw AppCluster.Failed(description: "no BLUEPRINT_PODS_KUBECONFIG (see scripts/test.sh)") }
            return try AppCluster.tool(["kubectl", "--kubeconfig", kubeconfig] + arguments, input: input)
        }

        @discardableResult
        static func kubectlAsync(_ arguments: [String], input: String? = nil) async throws -> String {
            guard let kubeconfig else { throw AppCluster.Failed(description: "no BLUEPRINT_PODS_KUBECONFIG (see scripts/test.sh)") }
            return try await AsyncTool.run(["kubectl", "--kubeconfig", kubeconfig] + arguments, input: input)
        }
    }
}
