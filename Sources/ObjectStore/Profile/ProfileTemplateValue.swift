import Foundation

/// `.Profile` as blueprint templates see it: Kanister's field names
/// (`.Profile.Location.Bucket`, `.Profile.Credential.KeyPair.Secret`, …), so
/// Kanister templates render unchanged. Holds the resolved secret because
/// templates pass it to tools; the engine must treat it as a secret (redaction).
public struct ProfileTemplateValue: Codable, Sendable, Equatable {
    public struct Location: Codable, Sendable, Equatable {
        public var type: String
        public var bucket: String
        public var endpoint: String
        public var prefix: String
        public var region: String

        enum CodingKeys: String, CodingKey {
            case type = "Type", bucket = "Bucket", endpoint = "Endpoint", prefix = "Prefix", region = "Region"
        }
    }

    public struct KeyPair: Codable, Sendable, Equatable {
        public var id: String
        public var secret: String

        enum CodingKeys: String, CodingKey { case id = "ID", secret = "Secret" }
    }

    public struct Credential: Codable, Sendable, Equatable {
        public var type: String
        public var keyPair: KeyPair?

        enum CodingKeys: String, CodingKey { case type = "Type", keyPair = "KeyPair" }
    }

    public var location: Location
    public var credential: Credential
    public var skipSSLVerify: Bool

    enum CodingKeys: String, CodingKey {
        case location = "Location", credential = "Credential", skipSSLVerify = "SkipSSLVerify"
    }

    /// The same value as nested dictionaries/arrays of String/Bool, for converters
    /// into a template value type.
    public var dictionary: [String: Any] {
        var result: [String: Any] = [
            "Location": [
                "Type": location.type, "Bucket": location.bucket, "Endpoint": location.endpoint,
                "Prefix": location.prefix, "Region": location.region,
            ] as [String: Any],
            "SkipSSLVerify": skipSSLVerify,
        ]
        var credentialValue: [String: Any] = ["Type": credential.type]
        if let pair = credential.keyPair { credentialValue["KeyPair"] = ["ID": pair.id, "Secret": pair.secret] }
        result["Credential"] = credentialValue
        return result
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
