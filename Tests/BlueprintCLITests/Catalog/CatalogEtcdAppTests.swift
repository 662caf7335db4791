import ChildProcesses
import Foundation
import Testing

/// The catalog's `etcd` blueprint protecting an annotated StatefulSet:
/// `blueprint run backup --app shop` runs `etcdctl snapshot save` in the
/// workload's pod and streams the file out; `restore --from` restores it into a
/// new data directory, and an etcd started on that directory (the user's
/// restart, done here by the test) has the keys back.
///
/// envtest's exec runs the command as a local process with the node agent's
/// environment: the test etcd (scripts/start-etcd.sh, authentication on) is
/// reached on loopback with the password the agent has as ETCD_ROOT_PASSWORD
/// (scripts/test.sh starts it so and sets BLUEPRINT_ENVTEST_ETCD_ROOT_PASSWORD=1).
/// The engine runs with an empty PATH, so a success proves etcdctl ran in the pod.
@Suite(.enabled(if: AppCluster.enabled && EtcdForApp.enabled), .serialized)
struct CatalogEtcdAppTests {
    static let environment = ProcessInfo.processInfo.environment
    static let agentHasRootPassword = environment["BLUEPRINT_ENVTEST_ETCD_ROOT_PASSWORD"] == "1"

    /// Client and peer ports of the etcd started on the restored directory:
    /// beside the test etcd's own two.
    static func restoredPorts() -> (client: Int, peer: Int) {
        let base = Int(EtcdForApp.endpoint.split(separator: ":").last ?? "") ?? 24379
        return (base + 2, base + 3)
    }

    @Test func backupThenRestoreIntoANewDataDirectoryBringsTheKeysBack() async throws {
        try #require(Self.agentHasRootPassword,
                     "the envtest agent was not started with ETCD_ROOT_PASSWORD (scripts/test.sh does)")
        let prefix = "/catalog-\(UUID().uuidString.prefix(8).lowercased())/"
        for i in 1...200 { try await EtcdForApp.ctl(["put", "\(prefix)key-\(i)", "value-\(i)"]) }
        let before = try await EtcdForApp.ctl(["get", "--prefix", prefix])

        let ns = try CatalogApp.namespace(workload: "etcd", blueprint: "etcd")
        let cli = CLI()
        let common = CatalogApp.arguments(namespace: ns) + ["--option", "endpoints=\(EtcdForApp.endpoint)"]
        let backup = try await cli.run(["run", "backup", "-o", "json"] + common, timeout: 180, environment: ["PATH": "/nonexistent"])
        #expect(backup.status == 0, "\(backup.stderr)")
        let runID = try LocalTool.runID(backup.stdout)

        // The artifact is an etcd snapshot file (bbolt): etcdctl reads its status.
        let stored = try #require(FileManager.default.enumerator(atPath: cli.home)?.allObjects
            .compactMap { $0 as? String }.first { $0.hasSuffix("etcd-snapshot") }, "no artifact etcd-snapshot under \(cli.home)")
        let status = try await LocalTool.run(["etcdctl", "snapshot", "status", "\(cli.home)/\(stored)", "-w", "json"],
                                             environment: ["ETCDCTL_API": "3"])
        #expect(status.contains("\"totalKey\""), "\(status)")

        try await EtcdForApp.ctl(["del", "--prefix", prefix])
        #expect(try await EtcdForApp.ctl(["get", "--prefix", prefix]).isEmpty)

        let (client, peer) = Self.restoredPorts()
        let dataDir = cli.file("restored-etcd")
        let restoreOptions = ["--option", "restoreDir=\(dataDir)", "--option", "name=restored",
                              "--option", "initialCluster=restored=http://127.0.0.1:\(peer)",
                              "--option", "initialAdvertisePeerUrls=http://127.0.0.1:\(peer)"]
        let restore = try await cli.run(["run", "restore", "--from", runID] + common + restoreOptions,
                                        timeout: 180, environment: ["PATH": "/nonexistent"])
        #expect(restore.status == 0, "\(restore.stderr)")
        #expect(FileManager.default.fileExists(atPath: dataDir + "/member/snap/db"), "no restored data directory at \(dataDir)")

        // A second restore into the same directory is refused: the data is not overwritten.
        let again = try await cli.run(["run", "restore", "--from", runID] + common + restoreOptions,
                                      timeout: 180, environment: ["PATH": "/nonexistent"])
        #expect(again.status != 0)
        #expect((again.stdout + again.stderr).contains("exists"), "\(again.stdout)\(again.stderr)")

        // The user's part: start etcd on the restored directory.
        let server = try ChildProcess.spawn(ProcessCommand("etcd", [
            "--name", "restored", "--data-dir", dataDir,
            "--listen-client-urls", "http://127.0.0.1:\(client)", "--advertise-client-urls", "http://127.0.0.1:\(client)",
            "--listen-peer-urls", "http://127.0.0.1:\(peer)", "--initial-advertise-peer-urls", "http://127.0.0.1:\(peer)",
        ]), stdout: .null, stderr: .null)
        defer { server.terminate(gracePeriod: .seconds(5)) }
        let endpoint = "127.0.0.1:\(client)"
        #expect(try await LocalTool.eventually(within: 60) {
            (try? await EtcdForApp.ctl(["endpoint", "health"], endpoint: endpoint)) != nil
        }, "the etcd on the restored directory did not start")
        #expect(try await EtcdForApp.ctl(["get", "--prefix", prefix], endpoint: endpoint) == before)
        CatalogApp.expectNoLeak(EtcdForApp.password, in: [backup, restore, again], home: cli.home)
    }
}
