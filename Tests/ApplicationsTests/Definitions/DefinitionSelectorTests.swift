@testable import Applications
import Crypto
import Foundation
import KubeClient
import Testing

/// Which objects an application's definitions hold: labelled ones and those its
/// workloads reference, never the cluster's own per-namespace objects.
struct DefinitionSelectorTests {
    static func object(_ yaml: String) throws -> KubeObject { KubeObject(try JSONValue(parsing: yaml)) }

    static let namespaceObjects: [KubeObject] = try! [
        object(#"{"kind":"StatefulSet","metadata":{"name":"pg","labels":{"app":"shop"},"annotations":{"blueprint.dev/credentials-secret":"pg-cred"}},"spec":{"replicas":2,"template":{"metadata":{"labels":{"role":"db"}},"spec":{"serviceAccountName":"pg-sa","imagePullSecrets":[{"name":"registry"}],"volumes":[{"name":"c","configMap":{"name":"pg-conf"}},{"name":"p","projected":{"sources":[{"secret":{"name":"projected-secret"}}]}}],"initContainers":[{"name":"init","envFrom":[{"configMapRef":{"name":"init-env"}}]}],"containers":[{"name":"db","env":[{"name":"P","valueFrom":{"secretKeyRef":{"name":"pg-pass","key":"password"}}}]}]}},"volumeClaimTemplates":[{"metadata":{"name":"data"}}]}}"#),
        object(#"{"kind":"ServiceAccount","metadata":{"name":"pg-sa"}}"#),
        object(#"{"kind":"ServiceAccount","metadata":{"name":"default"}}"#),
        object(#"{"kind":"Secret","metadata":{"name":"registry"},"type":"kubernetes.io/dockerconfigjson"}"#),
        object(#"{"kind":"Secret","metadata":{"name":"pg-pass"},"data":{"password":"c2VjcmV0"}}"#),
        object(#"{"kind":"Secret","metadata":{"name":"projected-secret"}}"#),
        object(#"{"kind":"Secret","metadata":{"name":"pg-sa-token-abc"},"type":"kubernetes.io/service-account-token"}"#),
        object(#"{"kind":"Secret","metadata":{"name":"unrelated"}}"#),
        object(#"{"kind":"Secret","metadata":{"name":"pg-cred"}}"#),
        object(#"{"kind":"ConfigMap","metadata":{"name":"pg-conf"}}"#),
        object(#"{"kind":"ConfigMap","metadata":{"name":"init-env"}}"#),
        object(#"{"kind":"ConfigMap","metadata":{"name":"kube-root-ca.crt"}}"#),
        object(#"{"kind":"ConfigMap","metadata":{"name":"labelled","labels":{"app.kubernetes.io/instance":"shop"}}}"#),
        object(#"{"kind":"PersistentVolumeClaim","metadata":{"name":"data-pg-0"},"spec":{"volumeName":"pv-1"}}"#),
        object(#"{"kind":"PersistentVolumeClaim","metadata":{"name":"data-pg-1"}}"#),
        object(#"{"kind":"PersistentVolumeClaim","metadata":{"name":"data-other-0"}}"#),
        object(#"{"kind":"Service","metadata":{"name":"pg"},"spec":{"selector":{"role":"db"},"clusterIP":"10.0.0.7","ports":[{"port":5432,"nodePort":30001}]}}"#),
        object(#"{"kind":"Service","metadata":{"name":"web"},"spec":{"selector":{"role":"web"}}}"#),
        object(#"{"kind":"RoleBinding","metadata":{"name":"pg-reader"},"roleRef":{"kind":"Role","name":"reader"},"subjects":[{"kind":"ServiceAccount","name":"pg-sa","namespace":"shop"}]}"#),
        object(#"{"kind":"Role","metadata":{"name":"reader"}}"#),
        object(#"{"kind":"Role","metadata":{"name":"other"}}"#),
    ]

    @Test func labelledObjectsAndEverythingTheWorkloadsReferenceAreChosen() {
        let chosen = Set(DefinitionSelector(app: "shop").select(from: Self.namespaceObjects).map { "\($0.kind!)/\($0.name!)" })
        #expect(chosen == [
            "StatefulSet/pg", "ServiceAccount/pg-sa", "Secret/registry", "Secret/pg-cred", "Secret/pg-pass", "Secret/projected-secret",
            "ConfigMap/pg-conf", "ConfigMap/init-env", "ConfigMap/labelled", "PersistentVolumeClaim/data-pg-0",
            "PersistentVolumeClaim/data-pg-1", "Service/pg", "RoleBinding/pg-reader", "Role/reader",
        ])
    }

    @Test func theClusterAssignedFieldsAreCleanedAway() throws {
        let live = try Self.object(#"{"kind":"Service","metadata":{"name":"pg","namespace":"shop","uid":"u","resourceVersion":"7","managedFields":[{}],"creationTimestamp":"x","annotations":{"kubectl.kubernetes.io/last-applied-configuration":"{}"}},"spec":{"clusterIP":"10.0.0.7","clusterIPs":["10.0.0.7"],"ports":[{"port":5432,"nodePort":30001}]},"status":{"loadBalancer":{}}}"#)
        let clean = DefinitionCleaner.clean(live.json)
        let shown = try clean.jsonString()
        #expect(clean == (try JSONValue(parsing: #"{"kind":"Service","metadata":{"name":"pg"},"spec":{"ports":[{"port":5432}]}}"#)),
                "\(shown)")
        let claim = DefinitionCleaner.clean(try Self.object(#"{"kind":"PersistentVolumeClaim","metadata":{"name":"d","annotations":{"pv.kubernetes.io/bind-completed":"yes"}},"spec":{"volumeName":"pv-1","resources":{}}}"#).json)
        #expect(claim == (try JSONValue(parsing: #"{"kind":"PersistentVolumeClaim","metadata":{"name":"d"},"spec":{"resources":{}}}"#)))
    }

    @Test func secretDataIsLeftOutByDefaultAndNamed() throws {
        let captured = DefinitionCapture.build(app: "shop", namespace: "shop", listed: Self.namespaceObjects, key: nil)
        let text = String(decoding: try captured.document.encoded(), as: UTF8.self)
        #expect(!text.contains("c2VjcmV0"), "the Secret's data is in the definitions")
        #expect(captured.document.secretDataOmitted == ["pg-pass"])
        #expect(!captured.sealed)
        #expect(captured.counts["Secret"] == 4)
        // Restore order: identities and configuration, then volumes, then workloads.
        let kinds = captured.document.objects.compactMap { $0["kind"]?.stringValue }
        #expect(kinds.firstIndex(of: "StatefulSet")! > kinds.lastIndex(of: "PersistentVolumeClaim")!)
        #expect(kinds.firstIndex(of: "PersistentVolumeClaim")! > kinds.lastIndex(of: "Secret")!)
    }

    @Test func secretDataIsSealedUnderTheKeyAndOpensOnlyWithIt() throws {
        let key = DefinitionOptions.key(from: Data("a key file of enough bytes".utf8))
        let captured = DefinitionCapture.build(app: "shop", namespace: "shop", listed: Self.namespaceObjects, key: key)
        let text = String(decoding: try captured.document.encoded(), as: UTF8.self)
        #expect(!text.contains("c2VjcmV0"))
        #expect(captured.sealed && captured.document.secretDataOmitted.isEmpty)
        let document = try DefinitionsDocument.decode(try captured.document.encoded())
        #expect(try document.openSecretData("pg-pass", key: key) == (try JSONValue(parsing: #"{"password":"c2VjcmV0"}"#)))
        let wrong = DefinitionOptions.key(from: Data("another key of enough bytes".utf8))
        #expect(throws: DefinitionsDocument.SealError.self) { try document.openSecretData("pg-pass", key: wrong) }
        // A box moved to another Secret's name does not open: the name is authenticated.
        var moved = document
        moved.sealedSecretData["registry"] = moved.sealedSecretData["pg-pass"]
        #expect(throws: DefinitionsDocument.SealError.self) { try moved.openSecretData("registry", key: key) }
    }

    @Test func aShortKeyFileIsRefusedWithHowToMakeOne() throws {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("short-key-\(UUID())").path
        try Data("short\n".utf8).write(to: URL(fileURLWithPath: path))
        defer { try? FileManager.default.removeItem(atPath: path) }
        let error = #expect(throws: DefinitionOptions.KeyError.self) { try DefinitionOptions.key(fromFile: path) }
        #expect(error?.description.contains("at least 16") == true && error?.description.contains(path) == true)
    }
}
