import Foundation
import KubeClient
import Testing
@testable import BlueprintFunctions

extension MariaDBServerTests {
/// FLUSH TABLES WITH READ LOCK taken by a client running *in a pod* over exec
/// (the envtest node agent runs pod commands on this host, so the client
/// reaches the test MariaDB on loopback). Serialized with the other lock tests:
/// the lock is global to the server.
@Suite(.enabled(if: KubeTestCluster.enabled)) struct LockHolderMariaDBPodTests {
    @Test func aLockHeldFromAPodBlocksWritesUntilReleased() async throws {
        let local = try #require(TestServers.mariadb)
        let database = try await LockHolderMariaDBTests.makeTable(local)
        try await KubeTestCluster.withClient { client in
            let ns = try await KubeTestCluster.makeNamespace(client, prefix: "ftwrl")
            try await KubeTestCluster.makePod(client, namespace: ns, name: "db-0", containers: ["mariadb"])
            var inPod = local
            inPod.pod = PodClient(namespace: ns, pod: "db-0", container: "mariadb")
            // The password reaches the client in the pod as a stdin line: resolve it here
            // as a Secret would be.
            inPod.password = .value(TestServers.password(local), reference: nil)

            let handle = try await LockHolder.acquire(connection: inPod, lease: .seconds(60), kube: client)
            #expect(handle.record.client == nil, "the client is in the pod, not a local process")
            let write = try LockHolderMariaDBTests.BackgroundWrite(local, database: database)
            #expect(await write.stillBlocked(after: 2), "a write went through while the pod's session held FTWRL")
            #expect(try await LockHolderMariaDBTests.rows(local, database) == 0)

            _ = try await handle.release()
            let finished = try #require(await write.finish(within: 10), "the write did not complete after the release")
            #expect(finished.status.succeeded)
            #expect(try await LockHolderMariaDBTests.rows(local, database) == 1)
        }
        try await TestServers.mariadb(local, "DROP DATABASE \(database)")
    }
}
}
