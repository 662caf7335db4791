import BlueprintEngine
import GoTemplate
import ObjectStore
import Testing

/// `.Profile` is Kanister's `*param.Profile`. The expected JSON is written from
/// Kanister's Go types (pkg/param: `Profile{Location crv1alpha1.Location;
/// Credential Credential; SkipSSLVerify bool}`, `Credential{Type; KeyPair *KeyPair;
/// Secret *v1.Secret; KopiaServerSecret *KopiaServerCreds}`, `KeyPair{ID; Secret}`,
/// no json tags; pkg/apis/cr/v1alpha1: `Location` tagged `type`, `bucket`,
/// `endpoint`, `prefix`, `region`, no omitempty) and `encoding/json`'s rules
/// (declaration order, nil pointers as `null`, `<`, `>`, `&` escaped).
@Suite struct ProfileTemplateValueTests {
    static func profile(secret: String = "wJalrXUtnFEMI/K7MDENG", skipSSLVerify: Bool = false) -> Profile {
        Profile(
            location: .init(type: .s3Compliant, bucket: "b", endpoint: "http://127.0.0.1:9000", prefix: "p", region: "r"),
            credential: .init(type: "keyPair", keyPair: .init(id: "AKIDEXAMPLE", secretValue: secret)),
            skipSSLVerify: skipSSLVerify)
    }

    static func render(_ text: String, _ profile: Profile) throws -> String {
        let value = try profile.templateValue(environment: [:]).goValue
        return try Template.render(text, data: .map(["Profile": value]))
    }

    @Test func toJsonIsKanistersBytes() throws {
        let expected = #"{"Location":{"type":"s3Compliant","bucket":"b","endpoint":"http://127.0.0.1:9000","prefix":"p","region":"r"},"#
            + #""Credential":{"Type":"keyPair","KeyPair":{"ID":"AKIDEXAMPLE","Secret":"wJalrXUtnFEMI/K7MDENG"},"Secret":null,"KopiaServerSecret":null},"#
            + #""SkipSSLVerify":false}"#
        #expect(try Self.render("{{ toJson .Profile }}", Self.profile()) == expected)
    }

    @Test func skipSSLVerifyAndEscapedCharactersFollowEncodingJSON() throws {
        let json = try Self.render("{{ toJson .Profile }}", Self.profile(secret: "a&b<c>\"d", skipSSLVerify: true))
        #expect(json.contains(#""KeyPair":{"ID":"AKIDEXAMPLE","Secret":"a\u0026b\u003cc\u003e\"d"}"#))
        #expect(json.hasSuffix(#","SkipSSLVerify":true}"#))
    }

    @Test func templatesReadKanistersGoFieldNames() throws {
        let text = "{{ .Profile.Location.Type }} {{ .Profile.Location.Bucket }} {{ .Profile.Location.Endpoint }} "
            + "{{ .Profile.Location.Prefix }} {{ .Profile.Location.Region }} {{ .Profile.Credential.Type }} "
            + "{{ .Profile.Credential.KeyPair.ID }} {{ .Profile.SkipSSLVerify }} "
            + "{{ if .Profile.Credential.Secret }}secret{{ else }}no-secret{{ end }}"
        #expect(try Self.render(text, Self.profile())
            == "s3Compliant b http://127.0.0.1:9000 p r keyPair AKIDEXAMPLE false no-secret")
    }

    @Test func aFilesystemProfileHasANullKeyPair() throws {
        let profile = Profile(location: .init(type: .filesystem, path: "/srv/artifacts"))
        #expect(try Self.render("{{ toJson .Profile }}", profile)
            == #"{"Location":{"type":"filesystem","bucket":"/srv/artifacts","endpoint":"","prefix":"","region":""},"#
            + #""Credential":{"Type":"keyPair","KeyPair":null,"Secret":null,"KopiaServerSecret":null},"SkipSSLVerify":false}"#)
    }
}
