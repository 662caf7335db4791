import BlueprintEngine
import BlueprintFunctions
import Foundation
import KubeClient
import Testing

/// KubeExec, KubeExecAll and KubeTask against the envtest API server, whose node
/// agent runs exec'd commands as local processes.
@Suite(.enabled(if: KubeTestCluster.enabled), .serialized) struct KubeExecTests {
    @Test func phaseOutputLinesBecomeOutputsAndStreamsAreLogged() async throws {
        try await KubeTestCluster.withClient { client in
            let ns = try await KubeTestCluster.makeNamespace(client, prefix: "kexec")
            try await KubeTestCluster.makePod(client, namespace: ns, name: "db-0")
            let lines = LineLog()
            let context = KubeTestCluster.context(client: client, artifacts: KubeTestCluster.scratch(), lines: lines)
            let output = try await KubeExec.execute(KubeTestCluster.arguments(KubeExec.self, [
                "namespace": .string(ns), "pod": "db-0", "container": "main",
                "command": .strings(["sh", "-c", #"echo hello; echo warn >&2; echo '###Phase-output###: {"key":"path","value":"/backup/1"}'"#]),
            ]), in: context)
            #expect(output.values == ["path": .string("/backup/1")])
            #expect(lines.lines("stdout").contains("hello"))
            #expect(lines.lines("stderr").contains("warn"))
        }
    }

    @Test func nonZeroExitIsAnErrorWithTheCode() async throws {
        try await KubeTestCluster.withClient { client in
            let ns = try await KubeTestCluster.makeNamespace(client, prefix: "kexec3")
            try await KubeTestCluster.makePod(client, namespace: ns, name: "db-0")
            let context = KubeTestCluster.context(client: client, artifacts: KubeTestCluster.scratch())
            do {
                _ = try await KubeExec.execute(KubeTestCluster.arguments(KubeExec.self, [
                    "namespace": .string(ns), "pod": "db-0", "command": .strings(["sh", "-c", "echo broken >&2; exit 3"]),
                ]), in: context)
                Issue.record("expected an error")
            } catch let error as KubeFunctionError {
                #expect(error.description.contains("exited with code 3"))
                #expect(error.description.contains("broken"))
            }
        }
    }

    @Test func stdoutStreamsIntoAnArtifactAndBackIntoStdin() async throws {
        try await KubeTestCluster.withClient { client in
            let ns = try await KubeTestCluster.makeNamespace(client, prefix: "kexecart")
            try await KubeTestCluster.makePod(client, namespace: ns, name: "db-0")
            let lines = LineLog()
            let context = KubeTestCluster.context(client: client, artifacts: KubeTestCluster.scratch(), lines: lines)
            _ = try await KubeExec.execute(KubeTestCluster.arguments(KubeExec.self, [
                "namespace": .string(ns), "pod": "db-0", "outputArtifact": "dump",
                "command": .strings(["sh", "-c", "seq 1 100000"]),
            ]), in: context)
            // The dump is not in the log, it is in the artifact.
            #expect(!lines.lines("stdout").contains("99999"))
            let output = try await KubeExec.execute(KubeTestCluster.arguments(KubeExec.self, [
                "namespace": .string(ns), "pod": "db-0", "inputArtifact": "dump",
                "command": .strings(["sh", "-c", ####"n=$(wc -l); echo "###Phase-output###: {\"key\":\"lines\",\"value\":\"$n\"}""####]),
            ]), in: context)
            #expect(output.values["lines"]?.description.trimmingCharacters(in: .whitespaces) == "100000")
        }
    }

    /// The same marker rules as a local Exec: a marker split across two writes
    /// (two exec frames), one after log text on its line, and one on a 100 KiB line.
    @Test func phaseOutputMarkersSplitAfterTextAndOnA100KiBLineBecomeOutputs() async throws {
        try await KubeTestCluster.withClient { client in
            let ns = try await KubeTestCluster.makeNamespace(client, prefix: "kexecmark")
            try await KubeTestCluster.makePod(client, namespace: ns, name: "db-0")
            let context = KubeTestCluster.context(client: client, artifacts: KubeTestCluster.scratch())
            let script = #"""
                printf '###Phase-out'; sleep 0.2; printf 'put###: {"key":"split","value":"whole"}\n'
                echo '2026-01-01 INFO done ###Phase-output###: {"key":"after","value":"text"}'
                printf '###Phase-output###: {"key":"long","value":"%s"}\n' "$(head -c 102400 /dev/zero | tr '\0' x)"
                """#
            let output = try await KubeExec.execute(KubeTestCluster.arguments(KubeExec.self, [
                "namespace": .string(ns), "pod": "db-0", "command": .strings(["sh", "-c", script]),
            ]), in: context)
            #expect(output.values["split"] == .string("whole"))
            #expect(output.values["after"] == .string("text"))
            #expect(output.values["long"] == .string(String(repeating: "x", count: 102_400)))
        }
    }

    /// One artifact index per run: a PgDump artifact feeds a later KubeExec's
    /// `inputArtifact`, and an artifact a KubeExec stored (`outputArtifact`) feeds
    /// a later PgRestore — found by the same rule, in the same run.
    @Test(.enabled(if: TestServers.postgresEnabled, "start scripts/start-postgres.sh"))
    func aPgDumpArtifactFeedsAKubeExecAndAKubeExecArtifactFeedsAPgRestore() async throws {
        let pg = try #require(TestServers.postgres)
        let source = TestServers.uniqueName("same_src"), target = TestServers.uniqueName("same_dst")
        try await TestServers.psql(pg, "CREATE DATABASE \(source)")
        try await TestServers.psql(pg, "CREATE DATABASE \(target)")
        try await TestServers.psql(pg, "CREATE TABLE t (id int PRIMARY KEY); INSERT INTO t SELECT generate_series(1, 321)",
                                   database: source)
        let connection: [String: ArgumentValue] = [
            "host": .string(pg.host), "port": .int(pg.effectivePort), "user": .string(pg.user ?? "postgres"),
            "passwordEnv": "BLUEPRINT_PG_PASSWORD",
        ]
        try await KubeTestCluster.withClient { client in
            let ns = try await KubeTestCluster.makeNamespace(client, prefix: "samerun")
            try await KubeTestCluster.makePod(client, namespace: ns, name: "db-0")
            let context = KubeTestCluster.context(client: client, artifacts: KubeTestCluster.scratch())
            let dump = try await PgDump.execute(KubeTestCluster.arguments(PgDump.self, connection.merging([
                "database": .string(source), "artifact": "pg.dump",
            ]) { $1 }), in: context)
            // PgDump → KubeExec: the pod reads the dump on stdin and copies it back out.
            let copied = try await KubeExec.execute(KubeTestCluster.arguments(KubeExec.self, [
                "namespace": .string(ns), "pod": "db-0", "inputArtifact": "pg.dump", "outputArtifact": "copy.dump",
                "command": .strings(["cat"]),
            ]), in: context)
            _ = copied
            let stored = try #require(await context.artifact(named: "copy.dump"))
            #expect(.int(Int(stored.size)) == dump.values["bytes"])
            // KubeExec → PgRestore.
            _ = try await PgRestore.execute(KubeTestCluster.arguments(PgRestore.self, connection.merging([
                "database": .string(target), "artifact": "copy.dump",
            ]) { $1 }), in: context)
        }
        let rows = try await TestServers.psql(pg, "SELECT count(*) FROM t", database: target)
        #expect(rows.trimmingCharacters(in: .whitespacesAndNewlines) == "321")
    }

    @Test func execAllRunsInEveryPodAndContainer() async throws {
        try await KubeTestCluster.withClient { client in
            let ns = try await KubeTestCluster.makeNamespace(client, prefix: "kexecall")
            try await KubeTestCluster.makePod(client, namespace: ns, name: "a", containers: ["c1", "c2"])
            try await KubeTestCluster.makePod(client, namespace: ns, name: "b", containers: ["c1", "c2"])
            let lines = LineLog()
            let context = KubeTestCluster.context(client: client, artifacts: KubeTestCluster.scratch(), lines: lines)
            _ = try await KubeExecAll.execute(KubeTestCluster.arguments(KubeExecAll.self, [
                "namespace": .string(ns), "pods": "a b", "containers": "c1 c2",
                "command": .strings(["sh", "-c", "echo ran-in-$KUBERNETES_POD_NAME-$KUBERNETES_CONTAINER_NAME"]),
            ]), in: context)
            let ran = Set(lines.lines("stdout").filter { $0.hasPrefix("ran-in-") })
            #expect(ran.count == 4)
        }
    }

    @Test func kubeTaskRunsInATemporaryPodAndDeletesIt() async throws {
        try await KubeTestCluster.withClient { client in
            let ns = try await KubeTestCluster.makeNamespace(client, prefix: "ktask")
            let context = KubeTestCluster.context(client: client, artifacts: KubeTestCluster.scratch())
            // No kubelet reports status here: play its part for the pod KubeTask creates.
            let kubelet = Task {
                while !Task.isCancelled {
                    for pod in try await client.listAll(.pods, namespace: ns) where pod.json.value(at: "status.phase")?.stringValue != "Running" {
                        #expect(pod.json.value(at: "spec.nodeName")?.stringValue == KubeTestCluster.nodeName)
                        #expect(pod.labels["team"] == "db")
                        _ = try? await client.patchStatus(.pods, name: pod.name!, namespace: ns, patch: ["status": ["phase": "Running"]])
                    }
                    try await Task.sleep(for: .milliseconds(200))
                }
            }
            defer { kubelet.cancel() }
            let output = try await KubeTask.execute(KubeTestCluster.arguments(KubeTask.self, [
                "namespace": .string(ns), "image": "busybox", "podLabels": .map(["team": "db"]),
                "command": .strings(["sh", "-c", #"echo '###Phase-output###: {"key":"version","value":"15"}'"#]),
            ]), in: context)
            #expect(output.values == ["version": .string("15")])
            let remaining = try await client.listAll(.pods, namespace: ns).filter { $0.json.value(at: "metadata.deletionTimestamp") == nil }
            #expect(remaining.isEmpty)
        }
    }
}
