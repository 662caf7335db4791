import Foundation
import Testing

/// `blueprint actionset create|list|status` against the envtest API server with
/// deploy/crds/ applied: kanctl's flags and rules (one action per object,
/// `--from` continuing a complete ActionSet with its rendered artifacts,
/// `--dry-run` printing YAML that kubectl applies, checks before creating).
@Suite(.enabled(if: AppCluster.enabled), .serialized) struct ActionSetCommandTests {
    static func installCRDs() throws {
        try AppCluster.kubectl(["apply", "-f", CLI.repositoryRoot.appendingPathComponent("deploy/crds").path])
        for crd in ["actionsets", "blueprints", "profiles"] {
            try AppCluster.kubectl(["wait", "--for", "condition=established", "--timeout=60s", "crd/\(crd).cr.kanister.io"])
        }
    }

    /// A namespace with two labelled Deployments, a StatefulSet, a Blueprint, a
    /// Profile, a Secret and a ConfigMap.
    func setUp() throws -> String {
        try Self.installCRDs()
        let ns = "as-\(UUID().uuidString.prefix(8).lowercased())"
        try AppCluster.kubectl(["create", "namespace", ns])
        var manifests: [String] = []
        for (name, app) in [("web", "shop"), ("api", "shop"), ("other", "blog")] {
            manifests.append("""
                apiVersion: apps/v1
                kind: Deployment
                metadata: {name: \(name), namespace: \(ns), labels: {app: \(app)}}
                spec:
                  selector: {matchLabels: {app: \(name)}}
                  template:
                    metadata: {labels: {app: \(name)}}
                    spec: {containers: [{name: main, image: busybox}]}
                """)
        }
        manifests.append("""
            apiVersion: apps/v1
            kind: StatefulSet
            metadata: {name: db, namespace: \(ns), labels: {app: shop}}
            spec:
              serviceName: db
              selector: {matchLabels: {app: db}}
              template:
                metadata: {labels: {app: db}}
                spec: {containers: [{name: main, image: busybox}]}
            """)
        manifests.append("""
            apiVersion: cr.kanister.io/v1alpha1
            kind: Blueprint
            metadata: {name: bp, namespace: \(ns)}
            actions:
              backup:
                phases: [{func: KubeExec, name: dump, args: {namespace: x, pod: y, command: [true]}}]
            """)
        manifests.append("""
            apiVersion: v1
            kind: Secret
            metadata: {name: creds, namespace: \(ns)}
            stringData: {aws_access_key_id: AKID, aws_secret_access_key: not-shown-anywhere}
            """)
        manifests.append("""
            apiVersion: v1
            kind: ConfigMap
            metadata: {name: settings, namespace: \(ns)}
            data: {a: b}
            """)
        manifests.append("""
            apiVersion: cr.kanister.io/v1alpha1
            kind: Profile
            metadata: {name: s3, namespace: \(ns)}
            location: {type: s3Compliant, bucket: b, endpoint: "http://127.0.0.1:9000", prefix: p, region: r}
            credential:
              type: keyPair
              keyPair: {idField: aws_access_key_id, secretField: aws_secret_access_key, secret: {name: creds, namespace: \(ns)}}
            skipSSLVerify: false
            """)
        try AppCluster.apply(manifests.joined(separator: "\n---\n"))
        return ns
    }

    func json(_ arguments: [String]) throws -> [String: Any] {
        let text = try AppCluster.kubectl(arguments + ["-o", "json"])
        return try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any] ?? [:]
    }

    func actionSetNames(_ ns: String) throws -> [String] {
        let list = try json(["get", "actionsets.cr.kanister.io", "-n", ns])
        return ((list["items"] as? [[String: Any]]) ?? []).compactMap { ($0["metadata"] as? [String: Any])?["name"] as? String }
    }

    func actions(_ ns: String, _ name: String) throws -> [[String: Any]] {
        let object = try json(["get", "actionsets.cr.kanister.io", name, "-n", ns])
        return ((object["spec"] as? [String: Any])?["actions"] as? [[String: Any]]) ?? []
    }

    func run(_ cli: CLI, _ arguments: [String]) async throws -> (status: Int32, stdout: String, stderr: String) {
        try await cli.run(["actionset"] + arguments + ["--kubeconfig", AppCluster.kubeconfig!], timeout: 120)
    }

    /// The name from `actionset NAME created`.
    func createdName(_ stdout: String) -> String? {
        let words = stdout.split(separator: " ")
        guard words.count == 3, words[0] == "actionset", words[2] == "created\n" else { return nil }
        return String(words[1])
    }

    @Test func createMakesOneActionPerObjectWithKanctlsFields() async throws {
        let cli = CLI()
        let ns = try setUp()
        let result = try await run(cli, ["create", "-n", ns, "--action", "backup", "--blueprint", "bp",
                                         "--deployment", "\(ns)/web,\(ns)/api", "--statefulset", "\(ns)/db",
                                         "--profile", "s3", "--options", "retention=7,mode=full",
                                         "--secrets", "creds=\(ns)/creds", "--config-maps", "settings=\(ns)/settings",
                                         "--podlabels", "team=db"])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(!result.stderr.contains("warning"), "a profile is given")
        let name = try #require(createdName(result.stdout), "stdout: \(result.stdout)")
        #expect(name.hasPrefix("backup-") && name.count == "backup-".count + 5)
        let actions = try actions(ns, name)
        #expect(actions.count == 3)
        let targets = actions.map { ($0["object"] as? [String: String]) ?? [:] }
        #expect(Set(targets) == [["kind": "deployment", "name": "web", "namespace": ns],
                                 ["kind": "deployment", "name": "api", "namespace": ns],
                                 ["kind": "statefulset", "name": "db", "namespace": ns]])
        for action in actions {
            #expect(action["name"] as? String == "backup")
            #expect(action["blueprint"] as? String == "bp")
            #expect(action["profile"] as? [String: String] == ["name": "s3", "namespace": ns])
            #expect(action["options"] as? [String: String] == ["retention": "7", "mode": "full"])
            #expect(action["secrets"] as? [String: [String: String]] == ["creds": ["name": "creds", "namespace": ns]])
            #expect(action["configMaps"] as? [String: [String: String]] == ["settings": ["name": "settings", "namespace": ns]])
            #expect(action["podLabels"] as? [String: String] == ["team": "db"])
        }
    }

    @Test func aSelectorPicksTheLabelledObjectsOfTheKind() async throws {
        let cli = CLI()
        let ns = try setUp()
        let result = try await run(cli, ["create", "-n", ns, "-a", "backup", "-b", "bp", "--selector", "app=shop",
                                         "--kind", "deployment", "--selector-namespace", ns])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stderr.contains("warning: no --profile"))
        let name = try #require(createdName(result.stdout))
        let targets = try actions(ns, name).map { ($0["object"] as? [String: String]) ?? [:] }
        #expect(Set(targets) == [["kind": "deployment", "name": "web", "namespace": ns],
                                 ["kind": "deployment", "name": "api", "namespace": ns]])
        let all = try await run(cli, ["create", "-n", ns, "-a", "backup", "-b", "bp", "-l", "app=shop", "--selector-namespace", ns])
        let allName = try #require(createdName(all.stdout), "\(all.stderr)")
        #expect(try actions(ns, allName).count == 3, "kind all adds the StatefulSet")
    }

    @Test func dryRunPrintsYAMLThatKubectlAppliesAndCreatesNothing() async throws {
        let cli = CLI()
        let ns = try setUp()
        let result = try await run(cli, ["create", "-n", ns, "-a", "backup", "-b", "bp", "-d", "\(ns)/web",
                                         "--name", "nightly", "-p", "\(ns)/s3", "-o", "x=true", "--dry-run"])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout.contains("kind: ActionSet"))
        #expect(try actionSetNames(ns).isEmpty)
        try AppCluster.kubectl(["create", "-n", ns, "-f", "-"], input: result.stdout)
        let actions = try actions(ns, "nightly")
        #expect(actions.count == 1)
        #expect(actions.first?["options"] as? [String: String] == ["x": "true"], "a string that looks like a bool stays a string")
        #expect(actions.first?["object"] as? [String: String] == ["kind": "deployment", "name": "web", "namespace": ns])
    }

    @Test func fromContinuesACompleteParentWithItsRenderedArtifacts() async throws {
        let cli = CLI()
        let ns = try setUp()
        try AppCluster.apply("""
            apiVersion: cr.kanister.io/v1alpha1
            kind: ActionSet
            metadata: {name: backup-p1, namespace: \(ns)}
            spec:
              actions:
              - name: backup
                blueprint: bp
                object: {kind: deployment, name: web, namespace: \(ns)}
                profile: {name: s3, namespace: \(ns)}
                secrets: {creds: {name: creds, namespace: \(ns)}}
                configMaps: {settings: {name: settings, namespace: \(ns)}}
                options: {retention: "7", mode: full}
            status:
              state: running
              actions:
              - name: backup
                blueprint: bp
                object: {kind: deployment, name: web, namespace: \(ns)}
                artifacts: {dump: {keyValue: {path: "{{ .Phases.dump.Output.path }}"}}}
            """)
        let early = try await run(cli, ["create", "-n", ns, "-a", "restore", "--from", "backup-p1"])
        #expect(early.status == 2)
        #expect(early.stderr.contains("ActionSet backup-p1 is running and --from needs a complete one"))
        #expect(try actionSetNames(ns) == ["backup-p1"])

        try AppCluster.kubectl(["patch", "actionsets.cr.kanister.io", "backup-p1", "-n", ns, "--type=merge", "-p",
                                #"{"status":{"state":"complete","actions":[{"name":"backup","blueprint":"bp","object":{"kind":"deployment","name":"web","namespace":"\#(ns)"},"artifacts":{"dump":{"keyValue":{"path":"s3://b/p/dump.gz"}}}}]}}"#])
        let result = try await run(cli, ["create", "-n", ns, "-a", "restore", "--from", "backup-p1", "-o", "mode=quick"])
        #expect(result.status == 0, "\(result.stderr)")
        let name = try #require(createdName(result.stdout))
        #expect(name.hasPrefix("restore-backup-p1-"))
        let actions = try actions(ns, name)
        #expect(actions.count == 1)
        let child = try #require(actions.first)
        #expect(child["name"] as? String == "restore")
        #expect(child["blueprint"] as? String == "bp")
        #expect(child["object"] as? [String: String] == ["kind": "deployment", "name": "web", "namespace": ns])
        #expect(child["artifacts"] as? [String: [String: [String: String]]] == ["dump": ["keyValue": ["path": "s3://b/p/dump.gz"]]])
        #expect(child["profile"] as? [String: String] == ["name": "s3", "namespace": ns])
        #expect(child["secrets"] as? [String: [String: String]] == ["creds": ["name": "creds", "namespace": ns]])
        #expect(child["configMaps"] as? [String: [String: String]] == ["settings": ["name": "settings", "namespace": ns]])
        #expect(child["options"] as? [String: String] == ["retention": "7", "mode": "quick"])
    }

    @Test func whatTheActionSetNamesMustExistUnlessValidationIsSkipped() async throws {
        let cli = CLI()
        let ns = try setUp()
        let result = try await run(cli, ["create", "-n", ns, "-a", "backup", "-b", "nosuch", "-d", "\(ns)/ghost",
                                         "-p", "nosuch-profile", "-s", "x=\(ns)/missing-secret"])
        #expect(result.status == 2)
        #expect(result.stderr.contains("Blueprint \"nosuch\" does not exist in namespace \(ns)"))
        #expect(result.stderr.contains("Profile \"nosuch-profile\" does not exist in namespace \(ns)"))
        #expect(result.stderr.contains("Secret \"missing-secret\" does not exist in namespace \(ns)"))
        #expect(result.stderr.contains("Deployment \"ghost\" does not exist in namespace \(ns)"))
        #expect(result.stderr.contains("--skip-validation"))
        #expect(try actionSetNames(ns).isEmpty)
        let skipped = try await run(cli, ["create", "-n", ns, "-a", "backup", "-b", "nosuch", "-d", "\(ns)/ghost",
                                          "--skip-validation"])
        #expect(skipped.status == 0, "\(skipped.stderr)")
        #expect(try actionSetNames(ns).count == 1)
    }

    @Test func badFlagValuesAreRefusedNamingTheFlagAndTheForm() async throws {
        let cli = CLI()
        let ns = try setUp()
        let cases: [([String], String)] = [
            (["-d", "web"], "--deployment \"web\": expected NAMESPACE/NAME"),
            (["-d", "\(ns)/web", "-s", "creds"], "--secrets \"creds\": expected REF=NAMESPACE/NAME"),
            (["-d", "\(ns)/web", "-o", "novalue"], "--options \"novalue\": expected KEY=VALUE"),
            (["-O", "apps/deployments/web"], "--objects \"apps/deployments/web\": expected GROUP/VERSION/RESOURCE/NAMESPACE/NAME"),
            (["-l", "app=shop", "--kind", "pod"], "--kind \"pod\": expected all, deployment"),
        ]
        for (flags, message) in cases {
            let result = try await run(cli, ["create", "-n", ns, "-a", "backup", "-b", "bp"] + flags)
            #expect(result.status == 2, "\(flags)")
            #expect(result.stderr.contains(message), "\(flags): \(result.stderr)")
        }
        let none = try await run(cli, ["create", "-n", ns, "-a", "backup", "-b", "bp"])
        #expect(none.status == 2)
        #expect(none.stderr.contains("no objects to run the action on"))
        let noAction = try await run(cli, ["create", "-n", ns, "-b", "bp", "-d", "\(ns)/web"])
        #expect(noAction.stderr.contains("a new ActionSet needs --action"))
        #expect(try actionSetNames(ns).isEmpty)
    }

    @Test func listAndStatusReadActionSetsBack() async throws {
        let cli = CLI()
        let ns = try setUp()
        try AppCluster.apply("""
            apiVersion: cr.kanister.io/v1alpha1
            kind: ActionSet
            metadata: {name: backup-done, namespace: \(ns)}
            spec:
              actions:
              - {name: backup, blueprint: bp, object: {kind: deployment, name: web, namespace: \(ns)}}
            status:
              state: failed
              error: {message: "phase dump failed: exit status 3"}
              actions:
              - name: backup
                blueprint: bp
                object: {kind: deployment, name: web, namespace: \(ns)}
                phases:
                - {name: dump, state: failed, output: {bytes: 42}}
                deferPhase: {name: cleanup, state: complete}
                artifacts: {dump: {keyValue: {path: "{{ .Phases.dump.Output.path }}"}}}
            """)
        let list = try await run(cli, ["list", "-n", ns])
        #expect(list.status == 0, "\(list.stderr)")
        let row = list.stdout.split(separator: "\n").first { $0.hasPrefix("backup-done ") }
        #expect(row?.split(separator: " ", omittingEmptySubsequences: true).prefix(3) == ["backup-done", "failed", "backup"])

        let status = try await run(cli, ["status", "-n", ns, "backup-done"])
        #expect(status.status == 1, "a failed ActionSet exits 1")
        #expect(status.stdout.contains("ActionSet \(ns)/backup-done: failed"))
        #expect(status.stdout.contains("error: phase dump failed: exit status 3"))
        #expect(status.stdout.contains("action backup on deployment \(ns)/web (blueprint bp)"))
        #expect(status.stdout.contains("  phase dump: failed\n    bytes = 42"))
        #expect(status.stdout.contains("  deferPhase cleanup: complete"))

        let json = try await run(cli, ["status", "-n", ns, "backup-done", "--output", "json"])
        let object = try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [String: Any]
        #expect((object?["status"] as? [String: Any])?["state"] as? String == "failed")

        let missing = try await run(cli, ["status", "-n", ns, "nope"])
        #expect(missing.status == 1)
        #expect(missing.stderr.contains("no ActionSet \"nope\" in namespace \(ns)"))
    }
}
