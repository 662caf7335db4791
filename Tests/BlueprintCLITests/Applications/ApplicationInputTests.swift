import Foundation
import Testing

extension ApplicationsIntegration {
    /// Bad input to a whole-app run: each refusal names the workload, the
    /// annotation and where the engine looked, and nothing runs (no journal).
    @Suite(.enabled(if: AppCluster.enabled), .serialized)
    struct ApplicationInputTests {
        /// A namespace with an annotated StatefulSet `pg` and an unannotated Deployment `web`, both labelled app=shop.
        static func shop(blueprint: String = "postgresql") async throws -> String {
            let ns = try await CatalogApp.namespaceAsync(workload: "pg", blueprint: blueprint)
            try await AppCluster.applyAsync("""
                apiVersion: apps/v1
                kind: Deployment
                metadata: {name: web, namespace: \(ns), labels: {app: shop}}
                spec:
                  replicas: 1
                  selector: {matchLabels: {app: shop, component: web}}
                  template:
                    metadata: {labels: {app: shop, component: web}}
                    spec: {containers: [{name: web, image: busybox}]}
                """)
            return ns
        }

        @Test func anUnannotatedWorkloadIsSkippedWithAWarningOrRefusedWithStrict() async throws {
            let ns = try await Self.shop()
            let cli = CLI()
            let arguments = ["run", "backup", "--dry-run"] + CatalogApp.arguments(namespace: ns)
            let plan = try await cli.run(arguments)
            #expect(plan.status == 0, "\(plan.stderr)")
            #expect(plan.stderr.contains("warning: Deployment \(ns)/web has no annotation kanister.kasten.io/blueprint: skipped"),
                    "\(plan.stderr)")
            #expect(plan.stdout.contains("pod: pg-0"))
            let strict = try await cli.run(arguments + ["--strict"])
            #expect(strict.status == 2)
            #expect(strict.stderr.contains("no blueprint named for Deployment \(ns)/web (--strict)")
                    && strict.stderr.contains("kanister.kasten.io/blueprint="), "\(strict.stderr)")
            #expect(!FileManager.default.fileExists(atPath: cli.home + "/runs"))
        }

        @Test func anAnnotationNamingNoBlueprintSaysWhereTheEngineLooked() async throws {
            let ns = try await Self.shop(blueprint: "no-such-blueprint")
            let cli = CLI()
            let result = try await cli.run(["run", "backup"] + CatalogApp.arguments(namespace: ns))
            #expect(result.status == 2)
            #expect(result.stderr.contains("blueprint `no-such-blueprint` (named by StatefulSet \(ns)/pg) is neither in \(CatalogApp.catalog)")
                    && result.stderr.contains("Blueprint object in the cluster"), "\(result.stderr)")
            #expect(!FileManager.default.fileExists(atPath: cli.home + "/runs"))
            #expect(!FileManager.default.fileExists(atPath: cli.home + "/applications"))
        }

        @Test func anOptionForAWorkloadTheAppLacksNamesTheComponents() async throws {
            let ns = try await Self.shop()
            let result = try await CLI().run(["run", "backup", "--dry-run", "--option", "pgx:port=5432"] + CatalogApp.arguments(namespace: ns))
            #expect(result.status == 2)
            #expect(result.stderr.contains("option `pgx:port=5432` is for component `pgx`") && result.stderr.contains("its components: pg"),
                    "\(result.stderr)")
        }

        @Test func aWholeAppRestoreFromARunThatIsNotAnApplicationBackupIsRefused() async throws {
            let ns = try await Self.shop()
            let result = try await CLI().run(["run", "restore", "--from", "20261203-000000-backup-00000000", "--target-namespace", "x"]
                + CatalogApp.arguments(namespace: ns))
            #expect(result.status == 2)
            #expect(result.stderr.contains("is not an application backup"), "\(result.stderr)")
        }
    }
}
