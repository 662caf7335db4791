import Foundation
import KubeClient
import Testing
@testable import BlueprintFunctions

/// deploy/crds/ on the envtest API server: Kanister-shaped objects are stored
/// whole (nothing pruned).
@Suite(.enabled(if: KubeTestCluster.enabled), .serialized) struct KanisterCRDTests {
    /// As kanctl writes it (`kanctl create actionset --action backup --blueprint
    /// mysql-bp --deployment db/mysql --profile kanister/s3 --secrets
    /// mysql=db/mysql-secret --options k=v`, then `--from` giving artifacts),
    /// with a status as Kanister's controller writes one.
    static let actionSetYAML = """
        apiVersion: cr.kanister.io/v1alpha1
        kind: ActionSet
        metadata:
          name: restore-backup-x7k2p
        spec:
          actions:
          - name: restore
            blueprint: mysql-bp
            object: {apiVersion: "", group: "", resource: "", kind: deployment, name: mysql, namespace: db}
            artifacts:
              mysqlCloudDump:
                keyValue: {s3path: "s3://b/p/dump.gz", size: "1024"}
              snap:
                kopiaSnapshot: '{"snapID":"k1","backupPath":"/x"}'
            configMaps:
              config: {apiVersion: "", group: "", resource: "", kind: "", name: mysql-config, namespace: db}
            secrets:
              mysql: {apiVersion: "", group: "", resource: "", kind: "", name: mysql-secret, namespace: db}
            profile: {apiVersion: "", group: "", resource: "", kind: "", name: s3, namespace: kanister}
            repositoryServer: {name: repo, namespace: kanister}
            podOverride:
              containers:
              - name: container
                resources: {limits: {memory: 1Gi}}
              tolerations: [{key: k, operator: Exists}]
            options: {k: v, retention: "7"}
            preferredVersion: v1.0.0
            podLabels: {team: db}
            podAnnotations: {note: "x"}
        status:
          state: complete
          actions:
          - name: restore
            blueprint: mysql-bp
            object: {apiVersion: "", group: "", resource: "", kind: deployment, name: mysql, namespace: db}
            phases:
            - name: restoreFromBlobStore
              state: complete
              output: {size: 42, nested: {list: [1, "two", true], flag: false}}
            deferPhase: {name: cleanup, state: complete}
            artifacts:
              mysqlCloudDump: {keyValue: {s3path: "s3://b/p/dump.gz"}}
          error: {message: ""}
          progress: {runningPhase: "", percentCompleted: "100.00", lastTransitionTime: "2026-12-03T10:00:00Z"}
        """

    @Test func aKanctlShapedActionSetIsStoredWhole() async throws {
        try await KubeTestCluster.withClient { client in
            try await KanisterCRDs.install(client)
            let namespace = try await KubeTestCluster.makeNamespace(client, prefix: "crd-as")
            let sent = KubeObject(try JSONValue.parsingYAML(Self.actionSetYAML))
            _ = try await KanisterCRDs.create(client, .actionSets, sent, namespace: namespace)
            let read = try await client.get(.actionSets, name: "restore-backup-x7k2p", namespace: namespace)
            #expect(read["spec"] == sent["spec"])
            #expect(read["status"] == sent["status"])
            // And it decodes as the controller will read it.
            let actionSet = try ActionSet(read)
            #expect(actionSet.status?.state == .complete)
            #expect(actionSet.spec?.actions?.first?.artifacts?["snap"]?.kopiaSnapshot == #"{"snapID":"k1","backupPath":"/x"}"#)
            #expect(actionSet.spec?.actions?.first?.object.kind == "deployment")
            #expect(actionSet.spec?.actions?.first?.object.apiVersion == nil)
        }
    }

    @Test func aStateKanistersToolsDoNotKnowIsRefused() async throws {
        try await KubeTestCluster.withClient { client in
            try await KanisterCRDs.install(client)
            let namespace = try await KubeTestCluster.makeNamespace(client, prefix: "crd-state")
            var object = KubeObject(try JSONValue.parsingYAML(Self.actionSetYAML))
            object.json["status"]?["state"] = "succeeded"
            await #expect(throws: KubeError.self) {
                _ = try await KanisterCRDs.create(client, .actionSets, object, namespace: namespace)
            }
        }
    }

    @Test func aBlueprintKeepsOurExtensionsAndUnknownFieldsForTheValidator() async throws {
        try await KubeTestCluster.withClient { client in
            try await KanisterCRDs.install(client)
            let namespace = try await KubeTestCluster.makeNamespace(client, prefix: "crd-bp")
            let sent = KubeObject(try JSONValue.parsingYAML("""
                apiVersion: cr.kanister.io/v1alpha1
                kind: Blueprint
                metadata: {name: bp}
                actions:
                  backup:
                    kind: StatefulSet
                    secretNames: [db]
                    configMapNames: [cfg]
                    inputArtifactNames: [a]
                    timeout: 10m
                    secretOptions: [token]
                    outputArtifacts:
                      dump: {keyValue: {path: "{{ .Phases.one.Output.path }}"}}
                    phases:
                    - func: KubeExec
                      name: one
                      timeout: 30s
                      retry: {attempts: 3, backoff: 1s, on: [transient]}
                      objects: {db: {kind: Secret, name: db, namespace: ns}}
                      args: {namespace: ns, pod: p, command: [sh, -c, "echo {{ .Options.x }}"], nested: {a: [1, 2]}}
                    - func: KubeExec
                      name: two
                      dependsOn: [one]
                      arsg: {misspelt: true}
                    deferPhase: {func: KubeExec, name: cleanup, args: {command: [true]}}
                """))
            _ = try await KanisterCRDs.create(client, .blueprints, sent, namespace: namespace)
            let read = try await client.get(.blueprints, name: "bp", namespace: namespace)
            #expect(read["actions"] == sent["actions"])
        }
    }

    @Test func aKanctlShapedProfileIsStoredWhole() async throws {
        try await KubeTestCluster.withClient { client in
            try await KanisterCRDs.install(client)
            let namespace = try await KubeTestCluster.makeNamespace(client, prefix: "crd-prof")
            let sent = KubeObject(try JSONValue.parsingYAML("""
                apiVersion: cr.kanister.io/v1alpha1
                kind: Profile
                metadata: {name: s3}
                location: {type: s3Compliant, bucket: b, endpoint: "http://127.0.0.1:9000", prefix: p, region: r}
                credential:
                  type: keyPair
                  keyPair:
                    idField: aws_access_key_id
                    secretField: aws_secret_access_key
                    secret: {apiVersion: "", group: "", resource: "", kind: "", name: s3-creds, namespace: kanister}
                skipSSLVerify: true
                """))
            _ = try await KanisterCRDs.create(client, .profiles, sent, namespace: namespace)
            let read = try await client.get(.profiles, name: "s3", namespace: namespace)
            for field in ["location", "credential", "skipSSLVerify"] { #expect(read[field] == sent[field]) }
        }
    }
}
