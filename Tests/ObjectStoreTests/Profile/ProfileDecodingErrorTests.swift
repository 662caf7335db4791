import Foundation
import Testing
@testable import ObjectStore

/// A profile that does not decode is reported at file:line:column with the
/// field, the allowed values of an enum and a hint, never as a DecodingError
/// dump.
@Suite struct ProfileDecodingErrorTests {
    func load(_ text: String, name: String = "p.yaml") throws -> (ProfileError?, String) {
        let folder = try temporaryFolder("profile")
        let url = folder.appendingPathComponent(name)
        try text.write(to: url, atomically: true, encoding: .utf8)
        do {
            _ = try ProfileLoader(stateDirectory: folder).load(file: url.path)
            return (nil, url.path)
        } catch let error as ProfileError {
            return (error, url.path)
        }
    }

    func expectNoDump(_ text: String) {
        for detail in ["DecodingError", "CodingKeys", "debugDescription", "Swift.", "Context(", "yaml_"] {
            #expect(!text.contains(detail), "internal detail \(detail) in: \(text)")
        }
    }

    @Test func anUnknownLocationTypeNamesTheAllowedTypesAtItsPosition() throws {
        let (error, path) = try load("""
            location:
              type: gcs
              bucket: b
            """)
        let text = try #require(error).description
        #expect(text.hasPrefix("profile \(path):2:9: location.type: \"gcs\" is not a valid location type; allowed: filesystem, s3Compliant"), "\(text)")
        #expect(text.contains("use s3Compliant for any S3-compatible service"))
        expectNoDump(text)
    }

    @Test func aMissingTypeSaysWhichFieldToAddAndWhere() throws {
        let (error, path) = try load("# comment\nlocation:\n  bucket: b\n")
        let text = try #require(error).description
        #expect(text.hasPrefix("profile \(path):3:3: location.type: missing field location.type"), "\(text)")
        #expect(text.contains("add `type: filesystem` or `type: s3Compliant` under location"))
        expectNoDump(text)
    }

    @Test func aWrongTypeSaysWhatWasExpectedAndWhatWasFound() throws {
        let (error, path) = try load("location: {type: filesystem, path: /x}\nskipSSLVerify: sometimes\n")
        let text = try #require(error).description
        #expect(text.hasPrefix("profile \(path):2:16: skipSSLVerify: expected true or false, found \"sometimes\""), "\(text)")
        expectNoDump(text)
    }

    @Test func aMappingWhereAStringBelongsIsNamed() throws {
        let (error, _) = try load("location:\n  type: s3Compliant\n  bucket: {name: b}\n")
        let text = try #require(error).description
        #expect(text.contains(":3:11: location.bucket: expected a single value, found a mapping"), "\(text)")
    }

    @Test func anUnknownAddressingNamesTheAllowedStyles() throws {
        let (error, _) = try load("location: {type: s3Compliant, bucket: b, addressing: vhost}\n")
        let text = try #require(error).description
        #expect(text.contains("location.addressing: \"vhost\" is not a valid addressing style; allowed: path, virtualHosted"), "\(text)")
    }

    @Test func aYAMLSyntaxErrorHasItsLineAndColumnWithoutLibyamlInternals() throws {
        let (error, path) = try load("location:\n  type: filesystem\n   path: [unclosed\n")
        let text = try #require(error).description
        #expect(text.hasPrefix("profile \(path):3:"), "\(text)")
        #expect(text.contains("not valid YAML"))
        expectNoDump(text)
    }

    @Test func aJSONProfileWithAnUnknownTypeIsLocatedToo() throws {
        let (error, path) = try load("{\n  \"location\": {\n    \"type\": \"azure\"\n  }\n}\n", name: "p.json")
        let text = try #require(error).description
        #expect(text.hasPrefix("profile \(path):3:13: location.type: \"azure\" is not a valid location type"), "\(text)")
    }

    @Test func aJSONSyntaxErrorIsReportedAsSuch() throws {
        let (error, path) = try load("{\"location\": {\"type\": filesystem}}", name: "p.json")
        let text = try #require(error).description
        #expect(text.hasPrefix("profile \(path)"), "\(text)")
        #expect(text.hasPrefix("profile \(path):1:24: not valid JSON"), "\(text)")  // the parser stops at the "i" of an unquoted filesystem (it expected false)
    }

    @Test func anEmptyFileSaysWhatAProfileNeeds() throws {
        let (error, _) = try load("")
        #expect(try #require(error).description.contains("the file is empty"))
    }

    @Test func aDirectoryIsNotReadAsAProfile() throws {
        let folder = try temporaryFolder("profile")
        let error = #expect(throws: ProfileError.self) {
            try ProfileLoader(stateDirectory: folder).load(file: folder.path)
        }
        #expect(error?.description.contains("it is a directory") == true)
    }

    @Test func invalidUTF8IsReportedWithItsOffset() throws {
        let folder = try temporaryFolder("profile")
        let url = folder.appendingPathComponent("p.yaml")
        try Data(Array("location: {type: fi".utf8) + [0xff, 0xfe] + Array("lesystem}\n".utf8)).write(to: url)
        let error = #expect(throws: ProfileError.self) { try ProfileLoader(stateDirectory: folder).load(file: url.path) }
        #expect(error?.description.contains("not UTF-8 text (first invalid byte at offset 19)") == true, "\(String(describing: error))")
    }

    @Test func aValueUnderCredentialIsNotEchoedInTheError() throws {
        let (error, _) = try load("""
            location: {type: s3Compliant, bucket: b}
            credential: {type: keyPair, keyPair: very-secret-value-123}
            """)
        let text = try #require(error).description
        #expect(text.contains("credential.keyPair: expected a mapping (key: value), found a single value"), "\(text)")
        #expect(!text.contains("very-secret-value-123"))
    }

    @Test func aSecretInTheFileIsNotEchoedWhenAnotherFieldIsWrong() throws {
        let (error, _) = try load("""
            location: {type: s3Compliant, bucket: b, endpoint: http://h:1}
            credential: {type: keyPair, keyPair: {id: AKID, secretValue: very-secret-value-123}}
            skipSSLVerify: maybe
            """)
        #expect(!(try #require(error).description.contains("very-secret-value-123")))
    }

    @Test func aMisspelledFieldIsRefusedWithTheClosestKnownName() throws {
        let (error, path) = try load("location: {type: filesystem, path: /x}\nreadTimout: 5s\n")
        let text = try #require(error).description
        #expect(text.hasPrefix("profile \(path):2:1: readTimout: unknown field; did you mean readTimeout?"), "\(text)")
    }

    @Test func aMisspelledNestedFieldIsRefusedBeforeTheMissingOneIsReported() throws {
        let (error, _) = try load("location:\n  typ: filesystem\n")
        let text = try #require(error).description
        #expect(text.contains(":2:3: location.typ: unknown field; did you mean type?"), "\(text)")
    }

    @Test func aKanisterProfileObjectLoadsWithItsObjectFields() throws {
        let (error, _) = try load("""
            apiVersion: cr.kanister.io/v1alpha1
            kind: Profile
            metadata: {name: s3-profile, namespace: kanister}
            location: {type: s3Compliant, bucket: b, endpoint: "http://minio:9000"}
            credential:
              type: keyPair
              keyPair:
                idField: id
                secretField: secret
                secret: {apiVersion: v1, kind: Secret, name: creds, namespace: kanister}
            skipSSLVerify: false
            """)
        #expect(error == nil, "\(String(describing: error))")
    }

    /// A 1 KiB "billion laughs" profile must be refused or loaded without
    /// expanding its aliases (the time bound only catches a hang).
    @Test func aYAMLAliasBombInAProfileDoesNotExpand() throws {
        // Under `metadata`, which a Kanister Profile object may carry and which is not checked.
        var text = "metadata:\n  a0: &a0 [x, x, x, x, x, x, x, x, x, x]\n"
        for level in 1...9 {
            text += "  a\(level): &a\(level) [" + Array(repeating: "*a\(level - 1)", count: 10).joined(separator: ", ") + "]\n"
        }
        text += "location: {type: filesystem, path: *a9}\n"
        let started = ContinuousClock.now
        let (error, _) = try load(text)
        #expect(error?.description.contains("location.path: expected a single value, found a list") == true, "\(String(describing: error))")
        #expect(ContinuousClock.now - started < .seconds(300), "only catches a hang")
    }
}
