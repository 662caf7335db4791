import Foundation
import Testing
@testable import ObjectStore

@Suite struct ProfileTests {
    let yaml = """
        location:
          type: s3Compliant
          bucket: backups
          endpoint: http://127.0.0.1:9020
          prefix: prod/db
          region: eu-west-1
        credential:
          type: keyPair
          keyPair:
            idEnv: MY_ID
            secretEnv: MY_SECRET
        skipSSLVerify: true
        """

    func write(_ text: String, name: String) throws -> URL {
        let url = try temporaryFolder("profile").appendingPathComponent(name)
        try text.write(to: url, atomically: true, encoding: .utf8)
        return url
    }

    @Test func loadsAYAMLProfile() throws {
        let url = try write(yaml, name: "p.yaml")
        let profile = try ProfileLoader(stateDirectory: URL(fileURLWithPath: "/nonexistent")).load(file: url.path)
        #expect(profile.location.type == .s3Compliant)
        #expect(profile.location.bucket == "backups")
        #expect(profile.location.endpoint == "http://127.0.0.1:9020")
        #expect(profile.location.region == "eu-west-1")
        #expect(profile.artifactPrefix == "prod/db")
        #expect(profile.skipSSLVerify)
        #expect(profile.credential?.keyPair?.idEnv == "MY_ID")
    }

    @Test func loadsAJSONProfileWithDefaults() throws {
        let url = try write(#"{"location":{"type":"s3Compliant","bucket":"b"},"credential":{"type":"keyPair","keyPair":{"id":"AK","secretValue":"SK"}}}"#, name: "p.json")
        let profile = try ProfileLoader(stateDirectory: URL(fileURLWithPath: "/x")).load(file: url.path)
        #expect(!profile.skipSSLVerify)
        let config = try profile.s3Configuration(environment: [:])
        #expect(config.credentials == S3Credentials(accessKeyID: "AK", secretAccessKey: "SK"))
        #expect(config.addressing == .virtualHosted)
        #expect(config.endpoint.absoluteString == "https://s3.us-east-1.amazonaws.com")
    }

    @Test func loadsKanistersSecretReferenceShape() throws {
        let url = try write("""
            location: {type: s3Compliant, bucket: b, endpoint: "https://minio:9000"}
            credential:
              type: keyPair
              keyPair:
                idField: aws_access_key_id
                secretField: aws_secret_access_key
                secret: {apiVersion: v1, kind: Secret, name: s3-creds, namespace: kanister}
            """, name: "k.yaml")
        let profile = try ProfileLoader(stateDirectory: URL(fileURLWithPath: "/x")).load(file: url.path)
        #expect(profile.credential?.keyPair?.secret?.name == "s3-creds")
        #expect(throws: ProfileError.kubernetesSecretUnsupported(name: "s3-creds")) {
            try profile.resolveCredentials(environment: [:])
        }
    }

    @Test func credentialsComeFromTheNamedEnvironmentVariables() throws {
        let url = try write(yaml, name: "p.yaml")
        let profile = try ProfileLoader(stateDirectory: URL(fileURLWithPath: "/x")).load(file: url.path)
        let credentials = try profile.resolveCredentials(environment: ["MY_ID": "id1", "MY_SECRET": "s1"])
        #expect(credentials == S3Credentials(accessKeyID: "id1", secretAccessKey: "s1"))
        let error = #expect(throws: ProfileError.self) { try profile.resolveCredentials(environment: ["MY_ID": "id1"]) }
        #expect(error?.description.contains("MY_SECRET") == true)
    }

    @Test func credentialsFromAFileRelativeToTheProfile() throws {
        let folder = try temporaryFolder("profile")
        try "id: FILEID\nsecret: FILESECRET\n".write(to: folder.appendingPathComponent("keys.yaml"), atomically: true, encoding: .utf8)
        try "location: {type: s3Compliant, bucket: b}\ncredential: {type: keyPair, keyPair: {file: keys.yaml}}\n"
            .write(to: folder.appendingPathComponent("p.yaml"), atomically: true, encoding: .utf8)
        let profile = try ProfileLoader(stateDirectory: folder).load(file: folder.appendingPathComponent("p.yaml").path)
        #expect(try profile.resolveCredentials(environment: [:]) == S3Credentials(accessKeyID: "FILEID", secretAccessKey: "FILESECRET"))
    }

    @Test func missingFieldIsNamed() throws {
        let url = try write("location: {bucket: b}\n", name: "bad.yaml")
        let error = #expect(throws: ProfileError.self) {
            try ProfileLoader(stateDirectory: URL(fileURLWithPath: "/x")).load(file: url.path)
        }
        #expect(error?.description.contains("location.type") == true)
    }

    @Test func namedProfilesLiveUnderTheStateDirectory() throws {
        let state = try temporaryFolder("state")
        let folder = StateDirectory.profilesFolder(state)
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        try yaml.write(to: folder.appendingPathComponent("prod.yaml"), atomically: true, encoding: .utf8)
        let loader = ProfileLoader(stateDirectory: state)
        #expect(try loader.load(named: "prod").location.bucket == "backups")
        #expect(throws: ProfileError.self) { try loader.load(named: "missing") }
        #expect(throws: ProfileError.invalidName("../prod")) { try loader.load(named: "../prod") }
    }

    @Test func withoutAProfileArtifactsGoToTheStateDirectory() throws {
        let state = URL(fileURLWithPath: "/tmp/bp-state")
        let profile = try ProfileLoader(stateDirectory: state).resolve(file: nil, name: nil)
        #expect(profile.location.type == .filesystem)
        let store = try profile.makeStore(environment: [:], stateDirectory: state)
        #expect((store as? FilesystemStore)?.root.path == "/tmp/bp-state/artifacts")
    }

    @Test func stateDirectoryResolution() {
        #expect(StateDirectory.resolve(override: "/a", environment: ["BLUEPRINT_HOME": "/b", "HOME": "/h"]).path == "/a")
        #expect(StateDirectory.resolve(environment: ["BLUEPRINT_HOME": "/b", "HOME": "/h"]).path == "/b")
        #expect(StateDirectory.resolve(environment: ["HOME": "/h"]).path == "/h/.local/state/blueprint")
    }

    /// The values `.Profile` is built from (Kanister's `param.Profile`; its Go
    /// shape and `toJson` bytes are tested in BlueprintEngineTests'
    /// ProfileTemplateValueTests): the key pair resolved from its source.
    @Test func templateValueHoldsTheResolvedKeyPair() throws {
        let url = try write(yaml, name: "p.yaml")
        let profile = try ProfileLoader(stateDirectory: URL(fileURLWithPath: "/x")).load(file: url.path)
        let value = try profile.templateValue(environment: ["MY_ID": "id1", "MY_SECRET": "s1"])
        #expect(value.location == .init(type: "s3Compliant", bucket: "backups", endpoint: "http://127.0.0.1:9020",
                                        prefix: "prod/db", region: "eu-west-1"))
        #expect(value.credential == .init(type: "keyPair", keyPair: .init(id: "id1", secret: "s1")))
        #expect(value.skipSSLVerify)
    }
}
