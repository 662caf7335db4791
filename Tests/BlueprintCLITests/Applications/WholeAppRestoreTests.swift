import Foundation
import Testing

extension ApplicationsIntegration {
    /// A whole-app restore into another namespace (`restore --from APP-BACKUP
    /// --target-namespace shop2`): the app's objects come back in order — namespace;
    /// ServiceAccounts, RBAC, ConfigMaps, Secrets, Services; claims; workloads — then
    /// each database's data once its workload is Ready, into shop2's own databases.
    ///
    /// The API server here runs no controllers: the test plays the StatefulSet
    /// controller and kubelet for shop2 (it makes each workload's pod Running and
    /// its status Ready when the workload appears), and records each workload's
    /// resourceVersion the first time it sees it. resourceVersions are etcd
    /// revisions, one increasing sequence for the whole cluster: they prove the
    /// order of creation.
    @Suite(.enabled(if: AppCluster.enabled && PostgresForApp.enabled && MariaDBForApp.enabled), .serialized)
    struct WholeAppRestoreTests {
        static func objectsOfTheApp(in ns: String) async throws {
            try await AppCluster.applyAsync("""
                apiVersion: v1
                kind: ServiceAccount
                metadata: {name: shop-sa, namespace: \(ns)}
                ---
                apiVersion: rbac.authorization.k8s.io/v1
                kind: Role
                metadata: {name: reader, namespace: \(ns)}
                rules: [{apiGroups: [""], resources: [configmaps], verbs: [get]}]
                ---
                apiVersion: rbac.authorization.k8s.io/v1
                kind: RoleBinding
                metadata: {name: shop-sa-reader, namespace: \(ns)}
                roleRef: {apiGroup: rbac.authorization.k8s.io, kind: Role, name: reader}
                subjects: [{kind: ServiceAccount, name: shop-sa, namespace: \(ns)}]
                ---
                apiVersion: v1
                kind: ConfigMap
                metadata: {name: pg-settings, namespace: \(ns)}
                data: {MODE: shop}
                ---
                apiVersion: v1
                kind: ConfigMap
                metadata: {name: unrelated, namespace: \(ns)}
                ---
                apiVersion: v1
                kind: Service
                metadata: {name: pg, namespace: \(ns)}
                spec: {selector: {component: pg}, ports: [{port: 5432}]}
                ---
                apiVersion: v1
                kind: PersistentVolumeClaim
                metadata: {name: pg-data, namespace: \(ns)}
                spec: {accessModes: [ReadWriteOnce], resources: {requests: {storage: 1Gi}}}
                """)
        }

        /// The shop of ApplicationBackupTests, whose pg workload also names a
        /// ServiceAccount, a ConfigMap (envFrom) and a claim (volumes).
        static func shop() async throws -> ApplicationBackupTests.Shop {
            let shop = try await ApplicationBackupTests.shop(pgExtraSpec: "serviceAccountName: shop-sa, "
                + "volumes: [{name: data, persistentVolumeClaim: {claimName: pg-data}}]",
                pgContainerExtra: ", envFrom: [{configMapRef: {name: pg-settings}}]")
            try await objectsOfTheApp(in: shop.namespace)
            return shop
        }

        static func resourceVersion(_ kind: String, _ name: String, in ns: String) async throws -> Int {
            Int(try await AppCluster.kubectlAsync(["get", kind, name, "-n", ns, "-o", "jsonpath={.metadata.resourceVersion}"])) ?? -1
        }

        /// Plays controller and kubelet for the StatefulSets of `ns` until cancelled:
        /// the first resourceVersion seen of each, and when it was made Ready.
        actor Controller {
            var firstSeen: [String: Int] = [:]
            var readyAt: [String: Date] = [:]

            func note(_ name: String, resourceVersion: Int) -> Bool {
                guard firstSeen[name] == nil else { return false }
                firstSeen[name] = resourceVersion
                return true
            }

            func ready(_ name: String) { readyAt[name] = Date() }

            func play(namespace ns: String) async {
                while !Task.isCancelled {
                    let listing = (try? await AppCluster.kubectlAsync(["get", "statefulsets", "-n", ns, "-o",
                        #"jsonpath={range .items[*]}{.metadata.name} {.metadata.resourceVersion} {.metadata.uid}{"\n"}{end}"#])) ?? ""
                    for line in listing.split(separator: "\n") {
                        let fields = line.split(separator: " ").map(String.init)
                        guard fields.count == 3, note(fields[0], resourceVersion: Int(fields[1]) ?? -1) else { continue }
                        let (name, uid) = (fields[0], fields[2])
                        _ = try? await AppCluster.applyAsync("""
                            apiVersion: v1
                            kind: Pod
                            metadata:
                              name: \(name)-0
                              namespace: \(ns)
                              labels: {app: shop, component: \(name)}
                              ownerReferences: [{apiVersion: apps/v1, kind: StatefulSet, name: \(name), uid: \(uid)}]
                            spec:
                              nodeName: \(AppCluster.nodeName)
                              containers: [{name: db, image: \(name):latest}]
                            """)
                        _ = try? await AppCluster.kubectlAsync(["patch", "pod", "\(name)-0", "-n", ns, "--subresource=status", "--type=merge",
                                                     "-p", #"{"status":{"phase":"Running"}}"#])
                        _ = try? await AppCluster.kubectlAsync(["patch", "statefulset", name, "-n", ns, "--subresource=status", "--type=merge",
                                                     "-p", #"{"status":{"replicas":1,"readyReplicas":1}}"#])
                        ready(name)
                    }
                    try? await Task.sleep(for: .milliseconds(200))
                }
            }
        }

        @Test func theWholeAppIsRecreatedInOrderInAnotherNamespaceWithItsDataAndASecondRestoreIsRefused() async throws {
            let shop = try await Self.shop()
            defer { shop.dropLater() }
            let before = try await shop.checksums()
            let cli = CLI()
            let key = cli.write("secrets.key", "a secret key file with more than sixteen bytes\n")
            let backup = try await cli.run(["run", "backup", "--secrets-key-file", key]
                + CatalogApp.arguments(namespace: shop.namespace) + shop.options, timeout: 180, environment: ["PATH": "/nonexistent"])
            #expect(backup.status == 0, "\(backup.stderr)")
            let appID = try #require(backup.stdout.split(separator: " ").first.map(String.init))
            #expect(backup.stdout.contains("Secret data sealed"), "\(backup.stdout)")

            // shop2's own databases, empty: the data must land there, not in shop's.
            let target = ApplicationBackupTests.Shop(namespace: "shop2-\(UUID().uuidString.prefix(6).lowercased())",
                                                     pgDatabase: shop.pgDatabase + "_2", mariaDatabase: shop.mariaDatabase + "_2")
            defer { target.dropLater() }
            try await PostgresForApp.psqlAsync("CREATE DATABASE \(target.pgDatabase)")
            try await MariaDBForApp.sqlAsync("CREATE DATABASE \(target.mariaDatabase)")
            let restoreArguments = ["run", "restore", "--from", appID, "--target-namespace", target.namespace,
                                    "--secrets-key-file", key, "--ready-timeout", "120", "-o", "json"]
                + CatalogApp.arguments(namespace: target.namespace) + target.options

            // The plan, and nothing made.
            let plan = try await cli.run(restoreArguments + ["--dry-run"], timeout: 120)
            #expect(plan.status == 0, "\(plan.stderr)")
            let steps = (ApplicationBackupTests.json(plan.stdout)["steps"] as? [[String: Any]] ?? []).map {
                "\($0["stage"] as? Int ?? 0) \($0["action"] as? String ?? "") \($0["kind"] as? String ?? "") \($0["name"] as? String ?? "")"
            }
            #expect(steps.first == "1 createNamespace Namespace \(target.namespace)", "\(steps)")
            for expected in ["2 create ServiceAccount shop-sa", "2 create Role reader", "2 create RoleBinding shop-sa-reader",
                             "2 create ConfigMap pg-settings", "2 create Secret shop-pg", "2 create Service pg",
                             "3 create PersistentVolumeClaim pg-data", "4 create StatefulSet pg", "4 create StatefulSet mariadb",
                             "5 waitReady StatefulSet pg", "5 restoreData StatefulSet pg"] {
                #expect(steps.contains(expected), "\(expected) not in \(steps)")
            }
            #expect(!steps.contains { $0.contains("unrelated") || $0.contains("kube-root-ca.crt") || $0.contains(" default") })
            #expect(steps.map { Int($0.prefix(1)) ?? 0 } == steps.map { Int($0.prefix(1)) ?? 0 }.sorted())
            #expect((try? await AppCluster.kubectlAsync(["get", "namespace", target.namespace])) == nil, "the dry run made the namespace")

            let controller = Controller()
            let playing = Task { await controller.play(namespace: target.namespace) }
            let started = Date()
            let restore = try await cli.run(restoreArguments, timeout: 300, environment: ["PATH": "/nonexistent"])
            playing.cancel()
            #expect(restore.status == 0, "\(restore.stdout)\(restore.stderr)")
            #expect(try await target.checksums() == before, "shop2's databases hold the backup's rows")
            #expect(try await shop.checksums() == before)

            // The order, from the API server's own revisions.
            let ns = target.namespace
            let namespaceRV = Int(try await AppCluster.kubectlAsync(["get", "namespace", ns, "-o", "jsonpath={.metadata.resourceVersion}"])) ?? -1
            var configuration: [Int] = []
            for (kind, name) in [("serviceaccount", "shop-sa"), ("role", "reader"), ("rolebinding", "shop-sa-reader"),
                                 ("configmap", "pg-settings"), ("secret", "shop-pg"), ("secret", "shop-db"), ("service", "pg")] {
                configuration.append(try await Self.resourceVersion(kind, name, in: ns))
            }
            let claim = try await Self.resourceVersion("persistentvolumeclaim", "pg-data", in: ns)
            let workloads = await controller.firstSeen
            #expect(workloads.keys.sorted() == ["mariadb", "pg"])
            #expect(namespaceRV < configuration.min()!)
            #expect(configuration.max()! < claim, "configuration \(configuration), claim \(claim)")
            #expect(claim < workloads.values.min()!, "claim \(claim), workloads \(workloads)")
            // Each logical restore ran once its workload was Ready.
            let result = ApplicationBackupTests.json(restore.stdout)
            let readyAt = await controller.readyAt
            for run in result["runs"] as? [[String: Any]] ?? [] {
                let name = (run["target"] as? String ?? "").split(separator: "/").last.map(String.init) ?? ""
                let startedAt = ISO8601DateFormatter().date(from: String((run["startedAt"] as? String ?? "").prefix(19)) + "Z")
                #expect(startedAt != nil && readyAt[name] != nil && startedAt! >= readyAt[name]!.addingTimeInterval(-1), "\(name)")
                #expect(startedAt ?? .distantPast >= started.addingTimeInterval(-1))
            }
            // Namespaces rewritten, cluster-assigned fields not carried over, Secret data opened.
            #expect(try await AppCluster.kubectlAsync(["get", "rolebinding", "shop-sa-reader", "-n", ns, "-o", "jsonpath={.subjects[0].namespace}"]) == ns)
            #expect(try await AppCluster.kubectlAsync(["get", "service", "pg", "-n", ns, "-o", "jsonpath={.spec.clusterIP}"])
                != (try await AppCluster.kubectlAsync(["get", "service", "pg", "-n", shop.namespace, "-o", "jsonpath={.spec.clusterIP}"])))
            #expect(try await AppCluster.kubectlAsync(["get", "configmap", "pg-settings", "-n", ns, "-o", "jsonpath={.data.MODE}"]) == "shop")

            // A second restore into the now non-empty namespace is refused, naming what is there.
            let again = try await cli.run(restoreArguments, timeout: 120)
            #expect(again.status == 2, "\(again.stdout)\(again.stderr)")
            #expect(again.stderr.contains("already has") && again.stderr.contains("StatefulSet pg") && again.stderr.contains("--overwrite"),
                    "\(again.stderr)")
            CatalogApp.expectNoLeak(ProcessInfo.processInfo.environment["BLUEPRINT_PG_PASSWORD"]!, in: [backup, plan, restore, again],
                                    home: cli.home)
        }

        @Test func withDefinitionsInTheSameNamespaceIsRefusedThenReplacesWithOverwrite() async throws {
            let shop = try await Self.shop()
            defer { shop.dropLater() }
            let before = try await shop.checksums()
            // The workloads are Ready (no controller here reports it).
            for name in ["pg", "mariadb"] {
                try await AppCluster.kubectlAsync(["patch", "statefulset", name, "-n", shop.namespace, "--subresource=status", "--type=merge",
                                        "-p", #"{"status":{"replicas":1,"readyReplicas":1}}"#])
            }
            let cli = CLI()
            let key = cli.write("secrets.key", "a secret key file with more than sixteen bytes\n")
            let common = CatalogApp.arguments(namespace: shop.namespace) + shop.options + ["--secrets-key-file", key]
            let backup = try await cli.run(["run", "backup"] + common, timeout: 180, environment: ["PATH": "/nonexistent"])
            #expect(backup.status == 0, "\(backup.stderr)")
            let appID = try #require(backup.stdout.split(separator: " ").first.map(String.init))
            let configMapVersion = try await Self.resourceVersion("configmap", "pg-settings", in: shop.namespace)

            let refused = try await cli.run(["run", "restore", "--from", appID, "--with-definitions"] + common, timeout: 120)
            #expect(refused.status == 2, "\(refused.stdout)\(refused.stderr)")
            #expect(refused.stderr.contains("namespace \(shop.namespace) already has") && refused.stderr.contains("ConfigMap pg-settings"),
                    "\(refused.stderr)")
            #expect(!refused.stderr.contains("ServiceAccount default") && !refused.stderr.contains("kube-root-ca.crt"))

            try await PostgresForApp.psqlAsync("DROP TABLE items", database: shop.pgDatabase)
            try await MariaDBForApp.sqlAsync("DROP TABLE items", database: shop.mariaDatabase)
            let restore = try await cli.run(["run", "restore", "--from", appID, "--with-definitions", "--overwrite",
                                             "--ready-timeout", "60", "-o", "json"] + common, timeout: 300,
                                            environment: ["PATH": "/nonexistent"])
            #expect(restore.status == 0, "\(restore.stdout)\(restore.stderr)")
            #expect(try await shop.checksums() == before)
            let objects = (ApplicationBackupTests.json(restore.stdout)["application"] as? [String: Any])?["restoredObjects"]
                as? [[String: Any]] ?? []
            #expect(objects.contains { $0["kind"] as? String == "StatefulSet" && $0["name"] as? String == "pg" && $0["replaced"] as? Bool == true },
                    "\(objects)")
            #expect(try await Self.resourceVersion("configmap", "pg-settings", in: shop.namespace) > configMapVersion, "the ConfigMap was not replaced")
        }

        @Test func aFailedRestoreRemovesWhatItCreated() async throws {
            let shop = try await Self.shop()
            defer { shop.dropLater() }
            let cli = CLI()
            let key = cli.write("secrets.key", "a secret key file with more than sixteen bytes\n")
            let backup = try await cli.run(["run", "backup", "--secrets-key-file", key]
                + CatalogApp.arguments(namespace: shop.namespace) + shop.options, timeout: 180, environment: ["PATH": "/nonexistent"])
            #expect(backup.status == 0, "\(backup.stderr)")
            let appID = try #require(backup.stdout.split(separator: " ").first.map(String.init))

            // pg's restore fails: its database does not exist in the target.
            let target = ApplicationBackupTests.Shop(namespace: "shop3-\(UUID().uuidString.prefix(6).lowercased())",
                                                     pgDatabase: "no_such_database_\(UUID().uuidString.prefix(6).lowercased())",
                                                     mariaDatabase: shop.mariaDatabase + "_3")
            defer { target.dropLater() }
            try await MariaDBForApp.sqlAsync("CREATE DATABASE \(target.mariaDatabase)")
            let controller = Controller()
            let playing = Task { await controller.play(namespace: target.namespace) }
            let restore = try await cli.run(["run", "restore", "--from", appID, "--target-namespace", target.namespace,
                                             "--secrets-key-file", key, "--ready-timeout", "120", "-o", "json"]
                + CatalogApp.arguments(namespace: target.namespace) + target.options, timeout: 300, environment: ["PATH": "/nonexistent"])
            playing.cancel()
            #expect(restore.status == 1, "\(restore.stdout)\(restore.stderr)")
            let application = ApplicationBackupTests.json(restore.stdout)["application"] as? [String: Any] ?? [:]
            let error = application["error"] as? String ?? ""
            #expect(error.contains("removed what it had created") && error.contains("StatefulSet pg")
                    && error.contains("Namespace \(target.namespace)"), "\(error)")
            #expect(!error.contains("could NOT remove"), "\(error)")
            // Nothing it made is left: the objects are gone or being deleted (a claim keeps its
            // pvc-protection finalizer: no controller here removes it), the namespace gone or going.
            let listing = (try? await AppCluster.kubectlAsync(["get", "statefulsets,configmaps,secrets,serviceaccounts,services,"
                + "persistentvolumeclaims,roles,rolebindings", "-n", target.namespace, "-o",
                #"jsonpath={range .items[*]}{.kind}/{.metadata.name} {.metadata.deletionTimestamp}{"\n"}{end}"#])) ?? ""
            let clusterMade: Set<String> = ["ServiceAccount/default", "ConfigMap/kube-root-ca.crt"]
            let live: [[Substring]] = listing.split(separator: "\n").map { $0.split(separator: " ") }.filter { $0.count == 1 }
            let left = live.map { String($0[0]) }.filter { !clusterMade.contains($0) }
            #expect(left.isEmpty, "left: \(listing)")
            let phase = (try? await AppCluster.kubectlAsync(["get", "namespace", target.namespace, "-o", "jsonpath={.status.phase}"])) ?? "gone"
            #expect(phase == "gone" || phase == "Terminating", "namespace \(phase)")
        }

        @Test func secretDataIsLeftOutOfTheDefinitionsByDefaultAndSealedDataNeedsTheKey() async throws {
            let shop = try await Self.shop()
            defer { shop.dropLater() }
            let cli = CLI()
            let plain = try await cli.run(["run", "backup", "-o", "json"] + CatalogApp.arguments(namespace: shop.namespace) + shop.options,
                                          timeout: 180, environment: ["PATH": "/nonexistent"])
            #expect(plain.status == 0, "\(plain.stderr)")
            let definitions = (ApplicationBackupTests.json(plain.stdout)["application"] as? [String: Any])?["definitions"] as? [String: Any]
            let location = try #require(definitions?["location"] as? String, "\(plain.stdout)")
            let text = try String(contentsOfFile: cli.home + "/artifacts/" + location, encoding: .utf8)
            let password = ProcessInfo.processInfo.environment["BLUEPRINT_PG_PASSWORD"]!
            #expect(!text.contains(password) && !text.contains(Data(password.utf8).base64EncodedString()))
            #expect(text.contains("\"secretDataOmitted\"") && text.contains("shop-pg"))
            #expect(!text.contains("resourceVersion") && !text.contains("managedFields") && !text.contains("\"uid\""))

            let key = cli.write("secrets.key", "a secret key file with more than sixteen bytes\n")
            let sealed = try await cli.run(["run", "backup", "--secrets-key-file", key] + CatalogApp.arguments(namespace: shop.namespace)
                + shop.options, timeout: 180, environment: ["PATH": "/nonexistent"])
            #expect(sealed.status == 0, "\(sealed.stderr)")
            let appID = try #require(sealed.stdout.split(separator: " ").first.map(String.init))
            let refused = try await cli.run(["run", "restore", "--from", appID, "--target-namespace", "nowhere-\(UUID().uuidString.prefix(6).lowercased())",
                                            "--ready-timeout", "10"]
                + CatalogApp.arguments(namespace: shop.namespace), timeout: 120)
            #expect(refused.status == 2)
            #expect(refused.stderr.contains("--secrets-key-file") && refused.stderr.contains("shop-pg"), "\(refused.stderr)")
        }
    }
}
