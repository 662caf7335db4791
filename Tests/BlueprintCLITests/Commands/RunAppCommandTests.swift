import Foundation
import Testing

/// `blueprint run ACTION --app NAME` against the envtest API server: discovery
/// by label, the blueprint named by the workload's annotation, KubeExec into the
/// discovered pod, outputs and an artifact stored. Objects are made with kubectl.
@Suite(.enabled(if: AppCluster.enabled), .serialized) struct RunAppCommandTests {
    static let blueprint = """
        apiVersion: cr.kanister.io/v1alpha1
        kind: Blueprint
        metadata:
          name: demo-bp
        actions:
          backup:
            outputArtifacts:
              info:
                keyValue:
                  version: "{{ .Phases.probe.Output.version }}"
            phases:
            - func: KubeExec
              name: probe
              args:
                namespace: "{{ .StatefulSet.Namespace }}"
                pod: "{{ .StatefulSet.Name }}-0"
                command: [sh, -c, "echo '###Phase-output###: {\\"key\\":\\"version\\",\\"value\\":\\"15.2\\"}'"]
            - func: KubeExec
              name: dump
              args:
                namespace: "{{ .StatefulSet.Namespace }}"
                pod: "{{ .StatefulSet.Name }}-0"
                outputArtifact: dump.sql
                command: [sh, -c, "echo 'CREATE TABLE t (id int);'"]
        """

    func setUp(_ cli: CLI) throws -> String {
        let ns = "app-\(UUID().uuidString.prefix(8).lowercased())"
        try AppCluster.kubectl(["create", "namespace", ns])
        try AppCluster.apply("""
            apiVersion: apps/v1
            kind: StatefulSet
            metadata:
              name: db
              namespace: \(ns)
              labels: {app: demo}
              annotations: {kanister.kasten.io/blueprint: demo-bp}
            spec:
              replicas: 1
              serviceName: db
              selector: {matchLabels: {app: demo}}
              template:
                metadata: {labels: {app: demo}}
                spec: {containers: [{name: postgres, image: postgres:15}]}
            """)
        let uid = try AppCluster.kubectl(["get", "statefulset", "db", "-n", ns, "-o", "jsonpath={.metadata.uid}"])
        try AppCluster.apply("""
            apiVersion: v1
            kind: Pod
            metadata:
              name: db-0
              namespace: \(ns)
              labels: {app: demo}
              ownerReferences: [{apiVersion: apps/v1, kind: StatefulSet, name: db, uid: \(uid)}]
            spec:
              nodeName: \(AppCluster.nodeName)
              containers: [{name: postgres, image: postgres:15}]
            """)
        try AppCluster.kubectl(["patch", "pod", "db-0", "-n", ns, "--subresource=status", "--type=merge",
                                "-p", #"{"status":{"phase":"Running"}}"#])
        try FileManager.default.createDirectory(atPath: cli.file("blueprints"), withIntermediateDirectories: true)
        cli.write("blueprints/demo.yaml", Self.blueprint)
        return ns
    }

    @Test func backupByAppRunsKubeExecInTheDiscoveredPodAndStoresTheArtifact() async throws {
        let cli = CLI()
        let ns = try setUp(cli)
        let result = try await cli.run(["run", "backup", "--app", "demo", "-n", ns, "--blueprints", cli.file("blueprints"),
                                        "--kubeconfig", AppCluster.kubeconfig!, "-o", "json"], timeout: 120)
        #expect(result.status == 0, "\(result.stderr)")
        let report = try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any] ?? [:]
        let records = report["runs"] as? [[String: Any]] ?? []
        // One application backup names the component's run.
        let application = report["application"] as? [String: Any] ?? [:]
        #expect(application["state"] as? String == "succeeded")
        #expect((application["components"] as? [[String: Any]])?.first?["runID"] as? String == records.first?["id"] as? String)
        #expect(records.count == 1)
        let record = records.first ?? [:]
        #expect(record["state"] as? String == "succeeded")
        #expect((record["target"] as? String ?? "").contains("db"))
        let phases = record["phases"] as? [[String: Any]] ?? []
        #expect((phases.first?["outputs"] as? [String: Any])?["version"] as? String == "15.2")
        let artifacts = record["artifacts"] as? [String: Any] ?? [:]
        #expect(((artifacts["info"] as? [String: Any])?["keyValue"] as? [String: Any])?["version"] as? String == "15.2")
        let stored = record["storedArtifacts"] as? [[String: Any]] ?? []
        let dump = stored.first { $0["name"] as? String == "dump.sql" }
        // The default object store is a folder under the state directory; the
        // location is the object's key in it.
        let location = dump?["location"] as? String ?? ""
        let path = cli.home + "/artifacts/" + location
        #expect((try? String(contentsOfFile: path, encoding: .utf8)) == "CREATE TABLE t (id int);\n", "at \(path)")
        let listing = try await cli.run(["artifacts", "list", "--output", "json"])
        #expect(listing.stdout.contains("dump.sql"), "the run's manifest lists the dump: \(listing.stdout)")
    }

    @Test func dryRunRendersWithTheRealPodAndRunsNothing() async throws {
        let cli = CLI()
        let ns = try setUp(cli)
        let result = try await cli.run(["run", "backup", "--app", "demo", "-n", ns, "--blueprints", cli.file("blueprints"),
                                        "--kubeconfig", AppCluster.kubeconfig!, "--dry-run"])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout.contains("pod: db-0"))
        #expect(result.stdout.contains("namespace: \(ns)"))
        #expect(!FileManager.default.fileExists(atPath: cli.home + "/runs"))
    }

    @Test func anAppWithNoWorkloadsIsAClearError() async throws {
        let cli = CLI()
        let ns = try setUp(cli)
        let result = try await cli.run(["run", "backup", "--app", "nothing-here", "-n", ns, "--kubeconfig", AppCluster.kubeconfig!])
        #expect(result.status == 2)
        #expect(result.stderr.contains("labelled app=nothing-here"))
    }
}

enum AppCluster {
    static let environment = ProcessInfo.processInfo.environment
    static let kubeconfig = environment["ENVTEST_KUBECONFIG"] ?? environment["KUBECONFIG"]
    static let enabled = kubeconfig != nil || environment["BLUEPRINT_REQUIRE_INTEGRATION"] == "1"
    static let nodeName = environment["ENVTEST_NODE_NAME"].flatMap { $0.isEmpty ? nil : $0 } ?? "envtest-node"

    struct Failed: Error, CustomStringConvertible { var description: String }

    @discardableResult
    static func kubectl(_ arguments: [String], input: String? = nil) throws -> String {
        guard let kubeconfig else { throw Failed(description: "no ENVTEST_KUBECONFIG or KUBECONFIG") }
        return try tool(["kubectl", "--kubeconfig", kubeconfig] + arguments, input: input)
    }

    /// Runs a program found in PATH to its end; its stdout, or an error with its stderr.
    static func tool(_ arguments: [String], environment: [String: String]? = nil, input: String? = nil) throws -> String {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = arguments
        if let environment { process.environment = environment }
        let out = Pipe(), err = Pipe(), inp = Pipe()
        process.standardOutput = out
        process.standardError = err
        process.standardInput = inp
        try process.run()
        if let input { inp.fileHandleForWriting.write(Data(input.utf8)) }
        try inp.fileHandleForWriting.close()
        let output = String(decoding: out.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        let error = String(decoding: err.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        if process.terminationStatus != 0 {
            throw Failed(description: "\(arguments.joined(separator: " ")) failed: \(error)")
        }
        return output
    }

    static func apply(_ manifest: String) throws {
        try kubectl(["apply", "-f", "-"], input: manifest)
    }
}
