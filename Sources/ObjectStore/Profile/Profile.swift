import Durations
import Foundation

/// Where artifacts go and with which credentials, in the shape of Kanister's
/// Profile custom resource (`location`, `credential`, `skipSSLVerify`) so profiles
/// and templates written for Kanister read the same here.
public struct Profile: Codable, Sendable, Equatable {
    public var location: Location
    public var credential: Credential?
    public var skipSSLVerify: Bool
    /// Time to wait for the server to accept a connection (S3 only; our
    /// extension). `nil`: ``S3Configuration/defaultConnectTimeout``, which is also
    /// what a Kanister Profile object gets, having no such field.
    public var connectTimeout: Duration?
    /// Time without any byte from the server before a request is given up (S3
    /// only; our extension). `nil`: ``S3Configuration/defaultReadTimeout``.
    public var readTimeout: Duration?

    public init(location: Location, credential: Credential? = nil, skipSSLVerify: Bool = false,
                connectTimeout: Duration? = nil, readTimeout: Duration? = nil) {
        self.location = location
        self.credential = credential
        self.skipSSLVerify = skipSSLVerify
        self.connectTimeout = connectTimeout
        self.readTimeout = readTimeout
    }

    enum CodingKeys: String, CodingKey, CaseIterable { case location, credential, skipSSLVerify, connectTimeout, readTimeout }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        location = try container.decode(Location.self, forKey: .location)
        credential = try container.decodeIfPresent(Credential.self, forKey: .credential)
        skipSSLVerify = try container.decodeIfPresent(Bool.self, forKey: .skipSSLVerify) ?? false
        connectTimeout = try Self.decodeTimeout(container, .connectTimeout)
        readTimeout = try Self.decodeTimeout(container, .readTimeout)
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(location, forKey: .location)
        try container.encodeIfPresent(credential, forKey: .credential)
        try container.encode(skipSSLVerify, forKey: .skipSSLVerify)
        try container.encodeIfPresent(connectTimeout.map(DurationText.format), forKey: .connectTimeout)
        try container.encodeIfPresent(readTimeout.map(DurationText.format), forKey: .readTimeout)
    }

    /// Timeouts are written as blueprints write durations (`5s`, `1m30s`, `2d`:
    /// the project's one grammar); zero or less would make every request fail.
    private static func decodeTimeout(_ container: KeyedDecodingContainer<CodingKeys>, _ key: CodingKeys) throws -> Duration? {
        guard let text = try container.decodeIfPresent(String.self, forKey: key) else { return nil }
        let positive = "\(key.stringValue) must be longer than 0, e.g. 10s"
        let nanoseconds: Int64
        do {
            nanoseconds = try DurationGrammar.nanoseconds(text, units: .withDaysAndWeeks)
        } catch .outOfRange {
            throw DecodingError.dataCorruptedError(forKey: key, in: container, debugDescription: Self.tooLong(text))
        } catch {
            throw DecodingError.dataCorruptedError(forKey: key, in: container, debugDescription: "invalid duration \"\(text)\"")
        }
        guard nanoseconds > 0 else {
            let message = nanoseconds < 0 ? "invalid duration \"\(text)\": \(positive)" : positive
            throw DecodingError.dataCorruptedError(forKey: key, in: container, debugDescription: message)
        }
        guard nanoseconds <= maximumTimeoutDays * 86_400_000_000_000 else {
            throw DecodingError.dataCorruptedError(forKey: key, in: container, debugDescription: Self.tooLong(text))
        }
        return .nanoseconds(nanoseconds)
    }

    /// Longer timeouts have no use and would overflow deadlines (now + timeout)
    /// in the integer nanoseconds that clocks and NIO work in.
    static let maximumTimeoutDays: Int64 = 36_525

    private static func tooLong(_ text: String) -> String {
        "duration \"\(text)\" is too long: at most \(maximumTimeoutDays) days (about 100 years)"
    }

    /// The kinds of storage a profile can point at.
    public enum LocationType: String, Codable, Sendable, CaseIterable, ProfileChoice {
        static var profileFieldName: String { "location type" }

        /// A folder on the local machine (our extension; the default store).
        case filesystem
        /// Any S3-compatible service.
        case s3Compliant
    }

    /// `location` of a Kanister profile, plus `path` for the filesystem type.
    public struct Location: Codable, Sendable, Equatable {
        public var type: LocationType
        public var bucket: String?
        public var endpoint: String?
        public var prefix: String?
        public var region: String?
        /// Root folder of a filesystem location.
        public var path: String?
        /// `path` or `virtualHosted`; path style when an endpoint is given.
        public var addressing: S3Configuration.Addressing?

        public init(type: LocationType, bucket: String? = nil, endpoint: String? = nil, prefix: String? = nil,
                    region: String? = nil, path: String? = nil, addressing: S3Configuration.Addressing? = nil) {
            self.type = type
            self.bucket = bucket
            self.endpoint = endpoint
            self.prefix = prefix
            self.region = region
            self.path = path
            self.addressing = addressing
        }
    }

    /// `credential` of a Kanister profile. Only `keyPair` exists today.
    public struct Credential: Codable, Sendable, Equatable {
        public var type: String
        public var keyPair: KeyPairSource?

        public init(type: String = "keyPair", keyPair: KeyPairSource?) {
            self.type = type
            self.keyPair = keyPair
        }
    }

    /// Where the access key id and secret come from. Exactly one source is used,
    /// in this order: environment variables, a file, literal values, a Kubernetes
    /// Secret (Kanister's `secret` object reference with `idField`/`secretField`;
    /// kept in the model, resolved by the engine once it talks to a cluster).
    public struct KeyPairSource: Codable, Sendable, Equatable {
        /// Name of the environment variable holding the access key id.
        public var idEnv: String?
        /// Name of the environment variable holding the secret access key.
        public var secretEnv: String?
        /// A YAML or JSON file with `id` and `secret` (relative to the profile file).
        public var file: String?
        /// A literal access key id.
        public var id: String?
        /// A literal secret access key.
        public var secretValue: String?
        /// Kanister: the Secret keys holding the id and the secret.
        public var idField: String?
        public var secretField: String?
        /// Kanister: the Secret holding the key pair.
        public var secret: ObjectReference?

        public init(idEnv: String? = nil, secretEnv: String? = nil, file: String? = nil, id: String? = nil,
                    secretValue: String? = nil, idField: String? = nil, secretField: String? = nil,
                    secret: ObjectReference? = nil) {
            self.idEnv = idEnv
            self.secretEnv = secretEnv
            self.file = file
            self.id = id
            self.secretValue = secretValue
            self.idField = idField
            self.secretField = secretField
            self.secret = secret
        }
    }

    /// A Kubernetes object reference (`apiVersion`, `kind`, `name`, `namespace`).
    public struct ObjectReference: Codable, Sendable, Equatable {
        public var apiVersion: String?
        public var kind: String?
        public var name: String
        public var namespace: String?

        public init(apiVersion: String? = "v1", kind: String? = "Secret", name: String, namespace: String? = nil) {
            self.apiVersion = apiVersion
            self.kind = kind
            self.name = name
            self.namespace = namespace
        }
    }

    /// The default: a folder under the state directory, nothing to set up.
    public static func defaultProfile(stateDirectory: URL) -> Profile {
        Profile(location: Location(type: .filesystem, path: stateDirectory.appendingPathComponent("artifacts").path))
    }
}
