import Foundation
import Testing
@testable import ObjectStore

/// `connectTimeout` and `readTimeout` in a profile file reach the S3 client;
/// without them (and for Kanister Profile objects, which have no such fields)
/// the documented defaults apply.
@Suite struct ProfileTimeoutTests {
    func load(_ text: String) throws -> Profile {
        let folder = try temporaryFolder("profile")
        let url = folder.appendingPathComponent("p.yaml")
        try text.write(to: url, atomically: true, encoding: .utf8)
        return try ProfileLoader(stateDirectory: folder).load(file: url.path)
    }

    let location = "location: {type: s3Compliant, bucket: b, endpoint: \"http://127.0.0.1:9\"}\ncredential: {type: keyPair, keyPair: {id: A, secretValue: S}}\n"

    @Test func timeoutsInTheProfileReachTheS3Configuration() throws {
        let profile = try load(location + "connectTimeout: 5s\nreadTimeout: 1m30s\n")
        #expect(profile.connectTimeout == .seconds(5))
        #expect(profile.readTimeout == .seconds(90))
        let configuration = try profile.s3Configuration(environment: [:])
        #expect(configuration.connectTimeout == .seconds(5))
        #expect(configuration.readTimeout == .seconds(90))
    }

    @Test func withoutTimeoutsTheDocumentedDefaultsApply() throws {
        let configuration = try load(location).s3Configuration(environment: [:])
        #expect(configuration.connectTimeout == .seconds(10))
        #expect(configuration.readTimeout == .seconds(120))
        #expect(S3Configuration.defaultConnectTimeout == .seconds(10))
        #expect(S3Configuration.defaultReadTimeout == .seconds(120))
    }

    @Test func timeoutsSurviveAnEncodeDecodeRoundTrip() throws {
        let profile = try load(location + "connectTimeout: 250ms\nreadTimeout: 2m\n")
        let decoded = try JSONDecoder().decode(Profile.self, from: JSONEncoder().encode(profile))
        #expect(decoded == profile)
    }

    @Test(arguments: [("soon", "invalid duration \"soon\""), ("0s", "connectTimeout must be longer than 0"), ("-5s", "invalid duration \"-5s\"")])
    func aBadTimeoutIsRefusedAtItsPosition(value: String, message: String) throws {
        let error = #expect(throws: ProfileError.self) { try load(location + "connectTimeout: \(value)\n") }
        let text = error?.description ?? ""
        #expect(text.contains(":3:17: connectTimeout: \(message)"), "\(text)")
        #expect(text.contains("write a duration such as 5s"))
    }
}
