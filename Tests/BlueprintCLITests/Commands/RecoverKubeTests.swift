import Foundation
import Testing

/// `blueprint recover` after the engine was killed mid-run: undos that talk to
/// the cluster (ScaleWorkload's "scale back") run with the cluster's client.
@Suite(.enabled(if: AppCluster.enabled), .serialized) struct RecoverKubeTests {
    static let blueprint = """
        apiVersion: cr.kanister.io/v1alpha1
        kind: Blueprint
        metadata:
          name: demo-bp
        actions:
          backup:
            phases:
            - func: ScaleWorkload
              name: down
              args:
                replicas: 0
                waitForReady: false
            - func: KubeExec
              name: long
              args:
                namespace: "{{ .StatefulSet.Namespace }}"
                pod: "{{ index .StatefulSet.Pods 0 }}"
                command: [sleep, "47"]
        """

    @Test func recoverScalesTheWorkloadBackAfterTheEngineWasKilled() async throws {
        let cli = CLI()
        let ns = try RunAppCommandTests().setUp(cli)
        cli.write("blueprints/demo.yaml", Self.blueprint)
        let replicas = { try AppCluster.kubectl(["get", "statefulset", "db", "-n", ns, "-o", "jsonpath={.spec.replicas}"]) }
        #expect(try replicas() == "1")

        let running = try cli.start(["run", "backup", "--app", "demo", "-n", ns, "--blueprints", cli.file("blueprints"),
                                     "--kubeconfig", AppCluster.kubeconfig!])
        let deadline = Date().addingTimeInterval(60)
        while try replicas() != "0", Date() < deadline { try await Task.sleep(for: .milliseconds(100)) }
        #expect(try replicas() == "0", "the run never scaled down: \(running.stderr)")
        kill(running.pid, SIGKILL)
        _ = try await running.exitStatus(within: 10)
        for pid in processes(matching: "sleep 47") { kill(pid, SIGKILL) }

        let runs = try FileManager.default.contentsOfDirectory(atPath: cli.home + "/runs").filter { $0.hasSuffix(".json") }
        let runID = String(try #require(runs.first).dropLast(".json".count))
        let recover = try await cli.run(["recover", runID, "--kubeconfig", AppCluster.kubeconfig!, "--force"])
        #expect(recover.status == 0, "\(recover.stdout) \(recover.stderr)")
        #expect(try replicas() == "1", "recover did not scale the StatefulSet back")
    }
}
