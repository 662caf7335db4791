import GoTemplate
import ObjectStore

extension ProfileTemplateValue {
    /// `.Profile` as Kanister's controller hands it to templates: a
    /// `*param.Profile`, so `{{ toJson .Profile }}` gives Kanister's bytes —
    /// `{"Location":{"type":…,"bucket":…,"endpoint":…,"prefix":…,"region":…},`
    /// `"Credential":{"Type":…,"KeyPair":{"ID":…,"Secret":…},"Secret":null,`
    /// `"KopiaServerSecret":null},"SkipSSLVerify":…}` — which `kando` parses.
    ///
    /// The field order and JSON names are those of Kanister's Go types:
    /// `param.Profile` {Location, Credential, SkipSSLVerify} and `param.Credential`
    /// {Type, KeyPair *KeyPair, Secret *v1.Secret, KopiaServerSecret
    /// *KopiaServerCreds} carry no json tags; `crv1alpha1.Location` tags its fields
    /// `type`, `bucket`, `endpoint`, `prefix`, `region` (no omitempty).
    public var goValue: Value {
        let location = GoStruct("v1alpha1.Location", fields: [
            .init("Type", json: "type", .string(location.type)),
            .init("Bucket", json: "bucket", .string(location.bucket)),
            .init("Endpoint", json: "endpoint", .string(location.endpoint)),
            .init("Prefix", json: "prefix", .string(location.prefix)),
            .init("Region", json: "region", .string(location.region)),
        ])
        let keyPair: Value = credential.keyPair.map { pair in
            .object(GoStruct("param.KeyPair", pointer: true, fields: [
                .init("ID", .string(pair.id)),
                .init("Secret", .string(pair.secret)),
            ]))
        } ?? .object(GoNilPointer("*param.KeyPair"))
        let credential = GoStruct("param.Credential", fields: [
            .init("Type", .string(credential.type)),
            .init("KeyPair", keyPair),
            .init("Secret", .object(GoNilPointer("*v1.Secret"))),
            .init("KopiaServerSecret", .object(GoNilPointer("*param.KopiaServerCreds"))),
        ])
        return .object(GoStruct("param.Profile", pointer: true, fields: [
            .init("Location", .object(location)),
            .init("Credential", .object(credential)),
            .init("SkipSSLVerify", .bool(skipSSLVerify)),
        ]))
    }
}
