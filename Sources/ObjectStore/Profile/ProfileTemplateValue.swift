import Foundation

/// `.Profile` as blueprint templates see it: Kanister's `param.Profile` with its
/// Go field names (`.Profile.Location.Bucket`, `.Profile.Credential.KeyPair.Secret`,
/// …), so Kanister templates render unchanged. Holds the resolved secret because
/// templates pass it to tools; the engine must treat it as a secret (redaction).
///
/// The template value itself (a Go struct, so that `toJson` writes Kanister's
/// bytes) is built from this in `BlueprintEngine` (`ProfileTemplateValue.goValue`).
public struct ProfileTemplateValue: Sendable, Equatable {
    /// Kanister's `crv1alpha1.Location` (JSON names `type`, `bucket`, … ).
    public struct Location: Sendable, Equatable {
        public var type: String
        public var bucket: String
        public var endpoint: String
        public var prefix: String
        public var region: String

        public init(type: String, bucket: String, endpoint: String, prefix: String, region: String) {
            self.type = type
            self.bucket = bucket
            self.endpoint = endpoint
            self.prefix = prefix
            self.region = region
        }
    }

    /// Kanister's `param.KeyPair`.
    public struct KeyPair: Sendable, Equatable {
        public var id: String
        public var secret: String

        public init(id: String, secret: String) {
            self.id = id
            self.secret = secret
        }
    }

    /// Kanister's `param.Credential`; its `Secret` and `KopiaServerSecret` are
    /// always nil here (only key pairs are supported).
    public struct Credential: Sendable, Equatable {
        public var type: String
        public var keyPair: KeyPair?

        public init(type: String, keyPair: KeyPair?) {
            self.type = type
            self.keyPair = keyPair
        }
    }

    public var location: Location
    public var credential: Credential
    public var skipSSLVerify: Bool

    public init(location: Location, credential: Credential, skipSSLVerify: Bool) {
        self.location = location
        self.credential = credential
        self.skipSSLVerify = skipSSLVerify
    }
}

extension Profile {
    /// `.Profile` for templates. S3 credentials are resolved (they are what
    /// templates use); a filesystem profile has no credential.
    public func templateValue(environment: [String: String] = ProcessInfo.processInfo.environment) throws -> ProfileTemplateValue {
        var pair: ProfileTemplateValue.KeyPair?
        if location.type == .s3Compliant {
            let credentials = try resolveCredentials(environment: environment)
            pair = .init(id: credentials.accessKeyID, secret: credentials.secretAccessKey)
        }
        return ProfileTemplateValue(
            location: .init(
                type: location.type.rawValue, bucket: location.bucket ?? location.path ?? "",
                endpoint: location.endpoint ?? "", prefix: location.prefix ?? "", region: location.region ?? ""),
            credential: .init(type: credential?.type ?? "keyPair", keyPair: pair),
            skipSSLVerify: skipSSLVerify)
    }
}
