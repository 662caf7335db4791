import Foundation
import Testing

/// The catalog's `volume-snapshot` blueprint on envtest: `blueprint run snapshot
/// --app shop` creates one VolumeSnapshot of every claim the workload's pods
/// mount, between the freeze and the thaw commands (run in the pods over exec),
/// and `deleteSnapshot --from` removes them. No snapshot controller runs here, so
/// the test plays it: it marks the created VolumeSnapshots readyToUse, or fails one.
@Suite(.enabled(if: AppCluster.enabled), .serialized)
struct CatalogVolumeSnapshotAppTests {
    /// A StatefulSet `vs` whose two pods mount `data-vs-N` and, shared, `shared`.
    static func shop() throws -> String {
        let ns = "shop-\(UUID().uuidString.prefix(8).lowercased())"
        try AppCluster.kubectl(["create", "namespace", ns])
        try AppCluster.apply("""
            apiVersion: apps/v1
            kind: StatefulSet
            metadata:
              name: vs
              namespace: \(ns)
              labels: {app: shop}
              annotations: {kanister.kasten.io/blueprint: volume-snapshot}
            spec:
              replicas: 2
              serviceName: vs
              selector: {matchLabels: {app: shop}}
              template:
                metadata: {labels: {app: shop}}
                spec: {containers: [{name: app, image: app:latest}]}
            """)
        let uid = try AppCluster.kubectl(["get", "statefulset", "vs", "-n", ns, "-o", "jsonpath={.metadata.uid}"])
        for i in 0..<2 {
            try AppCluster.apply("""
                apiVersion: v1
                kind: Pod
                metadata:
                  name: vs-\(i)
                  namespace: \(ns)
                  labels: {app: shop}
                  ownerReferences: [{apiVersion: apps/v1, kind: StatefulSet, name: vs, uid: \(uid)}]
                spec:
                  nodeName: \(AppCluster.nodeName)
                  containers:
                  - name: app
                    image: app:latest
                    volumeMounts: [{name: data, mountPath: /data}, {name: shared, mountPath: /shared}]
                  volumes:
                  - {name: data, persistentVolumeClaim: {claimName: data-vs-\(i)}}
                  - {name: shared, persistentVolumeClaim: {claimName: shared}}
                  - {name: scratch, emptyDir: {}}
                """)
            try AppCluster.kubectl(["patch", "pod", "vs-\(i)", "-n", ns, "--subresource=status", "--type=merge",
                                    "-p", #"{"status":{"phase":"Running"}}"#])
        }
        return ns
    }

    /// The VolumeSnapshots of the namespace: name → source claim.
    static func snapshots(_ ns: String) throws -> [String: String] {
        let text = try AppCluster.kubectl(["get", "volumesnapshots", "-n", ns, "-o",
                                           #"jsonpath={range .items[*]}{.metadata.name}={.spec.source.persistentVolumeClaimName}{"\n"}{end}"#])
        var result: [String: String] = [:]
        for line in text.split(separator: "\n") {
            let parts = line.split(separator: "=", maxSplits: 1).map(String.init)
            if parts.count == 2 { result[parts[0]] = parts[1] }
        }
        return result
    }

    /// Plays the snapshot controller: once `count` snapshots exist, records what
    /// the freeze log says at that instant and patches each with `status`.
    static func controller(_ ns: String, count: Int, log: String, status: @escaping @Sendable (Int) -> String) -> Task<String, any Error> {
        Task {
            let deadline = Date().addingTimeInterval(120)
            while Date() < deadline {
                let found = try snapshots(ns)
                if found.count >= count {
                    let logged = (try? String(contentsOfFile: log, encoding: .utf8)) ?? ""
                    for (i, name) in found.keys.sorted().enumerated() {
                        try AppCluster.kubectl(["patch", "volumesnapshot", name, "-n", ns, "--subresource=status", "--type=merge",
                                                "-p", status(i)])
                    }
                    return logged
                }
                try await Task.sleep(for: .milliseconds(100))
            }
            return "timed out waiting for \(count) VolumeSnapshots"
        }
    }

    func freezeOptions(_ log: String) -> [String] {
        ["--option", "freezeCommand=echo \"frozen $KUBERNETES_POD_NAME\" >> \(log)",
         "--option", "thawCommand=echo \"thawed $KUBERNETES_POD_NAME\" >> \(log)"]
    }

    @Test func everyClaimIsSnapshottedOnceBetweenFreezeAndThawAndDeletedLater() async throws {
        let ns = try Self.shop()
        let cli = CLI()
        let log = cli.file("freeze.log")
        let ready = Self.controller(ns, count: 3, log: log) { _ in
            #"{"status":{"readyToUse":true,"restoreSize":"1Gi","creationTime":"2026-01-01T00:00:00Z"}}"#
        }
        let common = CatalogApp.arguments(namespace: ns) + ["--option", "snapshotClass=csi-test"]
        let run = try await cli.run(["run", "snapshot", "-o", "json"] + common + freezeOptions(log), timeout: 180)
        let atSnapshot = try await ready.value
        #expect(run.status == 0, "\(run.stderr)")

        // One snapshot per claim, `shared` (mounted by both pods) once.
        let found = try Self.snapshots(ns)
        #expect(found.values.sorted() == ["data-vs-0", "data-vs-1", "shared"], "\(found)")
        let classes = try AppCluster.kubectl(["get", "volumesnapshots", "-n", ns, "-o", "jsonpath={.items[*].spec.volumeSnapshotClassName}"])
        #expect(classes == "csi-test csi-test csi-test")
        // Both pods were frozen when the snapshots were cut, and thawed afterwards.
        #expect(atSnapshot.split(separator: "\n").sorted() == ["frozen \(ns)/vs-0", "frozen \(ns)/vs-1"], "\(atSnapshot)")
        let logged = try String(contentsOfFile: log, encoding: .utf8).split(separator: "\n").map(String.init)
        #expect(logged.count == 4 && logged.suffix(2).sorted() == ["thawed \(ns)/vs-0", "thawed \(ns)/vs-1"], "\(logged)")

        let delete = try await cli.run(["run", "deleteSnapshot", "--from", try LocalTool.runID(run.stdout)] + common, timeout: 120)
        #expect(delete.status == 0, "\(delete.stderr)")
        #expect(try Self.snapshots(ns).isEmpty)
    }

    @Test func aFailedSnapshotDeletesTheGroupAndStillThaws() async throws {
        let ns = try Self.shop()
        let cli = CLI()
        let log = cli.file("freeze.log")
        let failing = Self.controller(ns, count: 3, log: log) { i in
            i == 1 ? #"{"status":{"readyToUse":false,"error":{"message":"the CSI driver refused"}}}"#
                : #"{"status":{"readyToUse":true}}"#
        }
        let run = try await cli.run(["run", "snapshot"] + CatalogApp.arguments(namespace: ns) + freezeOptions(log), timeout: 180)
        _ = try await failing.value
        #expect(run.status == 1, "\(run.stdout)\(run.stderr)")
        #expect((run.stdout + run.stderr).contains("the CSI driver refused"))
        #expect(try await LocalTool.eventually(within: 30) { (try? Self.snapshots(ns).isEmpty) ?? false },
                "the unfinished group's snapshots were left behind: \((try? Self.snapshots(ns)) ?? [:])")
        let logged = try String(contentsOfFile: log, encoding: .utf8)
        #expect(logged.contains("thawed \(ns)/vs-0") && logged.contains("thawed \(ns)/vs-1"), "\(logged)")
    }
}
