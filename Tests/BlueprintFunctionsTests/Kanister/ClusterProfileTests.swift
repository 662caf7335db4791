import BlueprintEngine
import Foundation
import GoTemplate
import KubeClient
import ObjectStore
import Testing
@testable import BlueprintFunctions

/// A Profile object with its Secret becomes the engine's profile (on the envtest
/// API server, deploy/crds/ applied); `{{ toJson .Profile }}` gives Kanister's bytes.
@Suite(.enabled(if: KubeTestCluster.enabled), .serialized) struct ClusterProfileTests {
    static func profileObject(namespace: String, secretNamespace: String? = nil, idField: String = "aws_access_key_id",
                              skipSSLVerify: Bool = false) -> KubeObject {
        var secret: JSONValue = ["apiVersion": "", "group": "", "resource": "", "kind": "", "name": "s3-creds"]
        secret["namespace"] = .string(secretNamespace ?? namespace)
        return KubeObject([
            "apiVersion": "cr.kanister.io/v1alpha1", "kind": "Profile",
            "metadata": ["name": "s3", "namespace": .string(namespace)],
            "location": ["type": "s3Compliant", "bucket": "b", "endpoint": "http://127.0.0.1:9000", "prefix": "p", "region": "r"],
            "credential": ["type": "keyPair", "keyPair": ["idField": .string(idField), "secretField": "aws_secret_access_key",
                                                          "secret": secret]],
            "skipSSLVerify": .bool(skipSSLVerify),
        ])
    }

    static func makeSecret(_ client: KubernetesClient, namespace: String, data: [String: String]) async throws {
        let encoded = data.mapValues { JSONValue.string(Data($0.utf8).base64EncodedString()) }
        _ = try await client.create(.secrets, KubeObject([
            "apiVersion": "v1", "kind": "Secret", "metadata": ["name": "s3-creds", "namespace": .string(namespace)],
            "type": "Opaque", "data": .object(encoded),
        ]))
    }

    @Test func aProfileReadsItsKeyPairFromItsSecret() async throws {
        try await KubeTestCluster.withClient { client in
            try await KanisterCRDs.install(client)
            let namespace = try await KubeTestCluster.makeNamespace(client, prefix: "crd-prof")
            _ = try await KanisterCRDs.create(client, .profiles, Self.profileObject(namespace: namespace), namespace: namespace)

            try await Self.makeSecret(client, namespace: namespace,
                                      data: ["aws_access_key_id": "AKIDCLUSTER", "aws_secret_access_key": "cluster/secret+key"])
            let profile = try await ClusterProfileLoader(client: client).load(name: "s3", namespace: namespace)
            #expect(profile.location.type == .s3Compliant)
            #expect(profile.location.bucket == "b")
            #expect(profile.artifactPrefix == "p")
            #expect(!profile.skipSSLVerify)
            #expect(try profile.resolveCredentials(environment: [:])
                == S3Credentials(accessKeyID: "AKIDCLUSTER", secretAccessKey: "cluster/secret+key"))
            // Kanister's bytes, written from its Go types (see ProfileTemplateValueTests).
            let json = try Template.render("{{ toJson .Profile }}",
                                           data: .map(["Profile": try profile.templateValue(environment: [:]).goValue]))
            #expect(json == #"{"Location":{"type":"s3Compliant","bucket":"b","endpoint":"http://127.0.0.1:9000","prefix":"p","region":"r"},"#
                + #""Credential":{"Type":"keyPair","KeyPair":{"ID":"AKIDCLUSTER","Secret":"cluster/secret+key"},"Secret":null,"#
                + #""KopiaServerSecret":null},"SkipSSLVerify":false}"#)
        }
    }

    @Test func aMissingSecretOrKeyIsNamedWithoutAnyValue() async throws {
        try await KubeTestCluster.withClient { client in
            try await KanisterCRDs.install(client)
            let namespace = try await KubeTestCluster.makeNamespace(client, prefix: "crd-perr")
            let loader = ClusterProfileLoader(client: client)
            await #expect(throws: ClusterProfileError.profileNotFound(name: "s3", namespace: namespace)) {
                _ = try await loader.load(name: "s3", namespace: namespace)
            }
            _ = try await KanisterCRDs.create(client, .profiles, Self.profileObject(namespace: namespace, idField: "access_key"),
                                              namespace: namespace)
            do {
                _ = try await loader.load(name: "s3", namespace: namespace)
                Issue.record("a missing Secret must fail")
            } catch let error as ClusterProfileError {
                #expect(error == .secretNotFound(profile: "Profile \(namespace)/s3", secret: "\(namespace)/s3-creds"))
                #expect(error.description.contains("kubectl create secret generic s3-creds -n \(namespace)"))
            }
            try await Self.makeSecret(client, namespace: namespace,
                                      data: ["aws_access_key_id": "AKIDCLUSTER", "aws_secret_access_key": "sup3r-secret-value"])
            do {
                _ = try await loader.load(name: "s3", namespace: namespace)
                Issue.record("a missing key must fail")
            } catch let error as ClusterProfileError {
                #expect(error == .missingKey(profile: "Profile \(namespace)/s3", secret: "\(namespace)/s3-creds", key: "access_key",
                                             field: "idField", available: ["aws_access_key_id", "aws_secret_access_key"]))
                #expect(!error.description.contains("sup3r-secret-value") && !error.description.contains("AKIDCLUSTER"))
            }
        }
    }

    @Test func aSecretReferenceWithoutNamespaceMeansTheProfilesOwn() async throws {
        try await KubeTestCluster.withClient { client in
            try await KanisterCRDs.install(client)
            let namespace = try await KubeTestCluster.makeNamespace(client, prefix: "crd-pns")
            var object = Self.profileObject(namespace: namespace, skipSSLVerify: true)
            object.json["credential"]?["keyPair"]?["secret"]?["namespace"] = nil
            try await Self.makeSecret(client, namespace: namespace,
                                      data: ["aws_access_key_id": "AKIDCLUSTER", "aws_secret_access_key": "sup3r-secret-value"])
            let profile = try await ClusterProfileLoader(client: client).profile(from: object)
            #expect(profile.skipSSLVerify)
            #expect(try profile.resolveCredentials(environment: [:]).accessKeyID == "AKIDCLUSTER")
        }
    }

    @Test func otherCredentialAndLocationTypesAreRefusedClearly() async throws {
        var object = Self.profileObject(namespace: "ns")
        object.json["credential"] = ["type": "secret", "secret": ["name": "aws", "namespace": "ns"]]
        #expect(throws: ClusterProfileError.unsupportedCredential(profile: "Profile ns/s3", type: "secret")) {
            _ = try ClusterProfileLoader.decode(object, subject: "Profile ns/s3")
        }
        var gcs = Self.profileObject(namespace: "ns")
        gcs.json["location"]?["type"] = "gcs"
        do {
            _ = try ClusterProfileLoader.decode(gcs, subject: "Profile ns/s3")
            Issue.record("a gcs location must be refused")
        } catch let error as ProfileError {
            #expect(error.description.hasPrefix("profile Profile ns/s3: location.type"))
            #expect(error.description.contains("s3Compliant"))
        }
    }
}
