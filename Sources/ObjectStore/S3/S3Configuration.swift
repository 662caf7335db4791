import Foundation

/// How to reach one S3 bucket and how to move data to it.
public struct S3Configuration: Sendable {
    /// How the bucket appears in URLs.
    public enum Addressing: String, Sendable, Codable, CaseIterable, ProfileChoice {
        static var profileFieldName: String { "addressing style" }

        /// `https://endpoint/bucket/key`: works with any S3-compatible server.
        case path
        /// `https://bucket.endpoint/key`: AWS's default.
        case virtualHosted
    }

    /// Whether request bodies are hashed into the signature.
    public enum PayloadSigning: String, Sendable, Codable {
        /// Hash every body (integrity over plain HTTP, costs CPU).
        case signed
        /// Send `UNSIGNED-PAYLOAD` (TLS already protects the body).
        case unsigned
        /// Signed over plain HTTP, unsigned over HTTPS, as the AWS SDKs do.
        case automatic
    }

    /// Scheme, host and port, e.g. `http://127.0.0.1:9000`.
    public var endpoint: URL
    public var bucket: String
    public var region: String
    public var credentials: S3Credentials
    public var addressing: Addressing
    public var payloadSigning: PayloadSigning
    public var skipSSLVerify: Bool
    /// Bytes per multipart part; also the size above which an upload goes multipart.
    /// Parts grow past part 5,000 (see ``partSize(forPart:)``) so that a stream of
    /// unknown length still fits S3's 10,000 parts.
    public var partSize: Int
    /// Parts uploaded at once; memory use is about (partsInFlight + 1) × partSize.
    /// Two 5 MiB parts keep a loopback or LAN link busy while staying inside the 64 MiB
    /// memory budget of the engine.
    public var partsInFlight: Int
    /// Bytes per ranged GET: an object larger than this is read as several
    /// ranges in flight, in order, so one connection does not limit a download.
    public var rangeSize: Int
    /// Ranges requested ahead of the reader. Their bodies are read only in turn,
    /// so what waits is in socket buffers, not in the engine's memory.
    public var rangesInFlight: Int
    /// Attempts per request for transient failures (1 = no retry).
    public var maxAttempts: Int
    /// First retry delay; doubles per attempt, with full jitter.
    public var baseRetryDelay: Duration
    /// Longest retry delay.
    public var maxRetryDelay: Duration
    /// Attempts per request when the server cannot be reached (connection
    /// refused, unknown host, no connection in time) or never answers (read
    /// timeout); at most ``maxAttempts``. A server that is down rarely comes back
    /// within the seconds a user waits, so this fails fast instead of retrying
    /// the full ``maxAttempts`` times.
    public var unreachableAttempts: Int
    /// Time to wait for a connection to be accepted. Also the default for profiles
    /// without `connectTimeout` (Kanister Profile objects have no such field).
    public var connectTimeout: Duration
    /// Time without any byte arriving before a request is considered dead (a
    /// stalled server). Also the default for profiles without `readTimeout`.
    public var readTimeout: Duration

    /// What a profile without `connectTimeout` gets.
    public static let defaultConnectTimeout: Duration = .seconds(10)
    /// What a profile without `readTimeout` gets.
    public static let defaultReadTimeout: Duration = .seconds(120)

    /// S3 refuses parts below 5 MiB (except the last one).
    public static let minimumPartSize = 5 * 1024 * 1024
    /// S3 allows at most 10,000 parts per upload.
    public static let maximumParts = 10_000

    public init(
        endpoint: URL? = nil,
        bucket: String,
        region: String = "us-east-1",
        credentials: S3Credentials,
        addressing: Addressing? = nil,
        payloadSigning: PayloadSigning = .automatic,
        skipSSLVerify: Bool = false,
        partSize: Int = 5 * 1024 * 1024,
        partsInFlight: Int = 2,
        rangeSize: Int = 8 * 1024 * 1024,
        rangesInFlight: Int = 4,
        maxAttempts: Int = 5,
        baseRetryDelay: Duration = .milliseconds(200),
        maxRetryDelay: Duration = .seconds(10),
        unreachableAttempts: Int = 3,
        connectTimeout: Duration = S3Configuration.defaultConnectTimeout,
        readTimeout: Duration = S3Configuration.defaultReadTimeout
    ) {
        let region = region.isEmpty ? "us-east-1" : region
        self.endpoint = endpoint ?? URL(string: "https://s3.\(region).amazonaws.com")!
        self.bucket = bucket
        self.region = region
        self.credentials = credentials
        // A custom endpoint is usually a self-hosted server without wildcard DNS.
        self.addressing = addressing ?? (endpoint == nil ? .virtualHosted : .path)
        self.payloadSigning = payloadSigning
        self.skipSSLVerify = skipSSLVerify
        self.partSize = max(partSize, Self.minimumPartSize)
        self.partsInFlight = max(1, partsInFlight)
        self.rangeSize = max(rangeSize, 64 * 1024)
        self.rangesInFlight = max(1, rangesInFlight)
        self.maxAttempts = max(1, maxAttempts)
        self.baseRetryDelay = baseRetryDelay
        self.maxRetryDelay = maxRetryDelay
        self.unreachableAttempts = max(1, unreachableAttempts)
        self.connectTimeout = connectTimeout
        self.readTimeout = readTimeout
    }

    /// The size of multipart part `number` (1-based): ``partSize`` for the first
    /// 5,000 parts, then doubling every 1,000 parts. With 5 MiB parts an upload
    /// stays at the base size up to 24 GiB and can reach about 320 GiB before
    /// S3's 10,000-part limit; memory grows only for objects past 24 GiB.
    public func partSize(forPart number: Int) -> Int {
        guard number > 5_000 else { return partSize }
        return partSize << min((number - 5_001) / 1_000 + 1, 10)
    }

    /// `host:port` of the endpoint, the port spelled out even when it is the
    /// scheme's default: what a user compares with the server they started.
    public var endpointAuthority: String {
        var host = endpoint.host ?? "localhost"
        if host.contains(":") { host = "[\(host)]" }
        let port = endpoint.port ?? (endpoint.scheme?.lowercased() == "http" ? 80 : 443)
        return "\(host):\(port)"
    }

    /// Whether bodies are hashed for this endpoint.
    var signsPayload: Bool {
        switch payloadSigning {
        case .signed: return true
        case .unsigned: return false
        case .automatic: return endpoint.scheme?.lowercased() != "https"
        }
    }

    /// The host header and the URL for a key (`nil` key: the bucket itself).
    func location(forKey key: String?) -> (host: String, url: String, encodedPath: String) {
        let scheme = endpoint.scheme ?? "https"
        var host = endpoint.host ?? "localhost"
        if host.contains(":") { host = "[\(host)]" }
        if let port = endpoint.port { host += ":\(port)" }
        let basePath = endpoint.path.hasSuffix("/") ? String(endpoint.path.dropLast()) : endpoint.path
        let encodedKey = key.map { SigV4Signer.uriEncode($0, encodeSlash: false) }
        switch addressing {
        case .path:
            var path = "\(basePath)/\(SigV4Signer.uriEncode(bucket, encodeSlash: true))"
            if let encodedKey { path += "/\(encodedKey)" }
            return (host, "\(scheme)://\(host)\(path)", path)
        case .virtualHosted:
            let virtualHost = "\(bucket).\(host)"
            let path = "\(basePath)/\(encodedKey ?? "")"
            return (virtualHost, "\(scheme)://\(virtualHost)\(path)", path)
        }
    }
}
