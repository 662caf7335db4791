import Crypto
import Foundation

/// AWS Signature Version 4 for S3 requests (header-based authentication).
///
/// Written here rather than taken from an SDK so the object store depends only on
/// swift-crypto; the unit tests pin it to AWS's published example signatures.
public struct SigV4Signer: Sendable {
    public var credentials: S3Credentials
    public var region: String
    public var service: String

    /// The payload hash to send when the body is not hashed (streamed bodies over TLS).
    public static let unsignedPayload = "UNSIGNED-PAYLOAD"
    /// SHA-256 of the empty body.
    public static let emptyPayloadHash = "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"

    public init(credentials: S3Credentials, region: String, service: String = "s3") {
        self.credentials = credentials
        self.region = region
        self.service = service
    }

    /// The parts of a request that the signature covers.
    public struct Request: Sendable {
        public var method: String
        /// The path exactly as sent: every key segment already URI-encoded.
        public var encodedPath: String
        /// Query parameters, not encoded.
        public var query: [(String, String)]
        /// Headers to sign, including `host`; names in any case.
        public var headers: [(String, String)]
        public var payloadHash: String

        public init(method: String, encodedPath: String, query: [(String, String)] = [], headers: [(String, String)], payloadHash: String) {
            self.method = method
            self.encodedPath = encodedPath
            self.query = query
            self.headers = headers
            self.payloadHash = payloadHash
        }
    }

    /// Returns the headers to add: `x-amz-date`, `x-amz-content-sha256`,
    /// (`x-amz-security-token`) and `authorization`.
    public func sign(_ request: Request, date: Date) -> [(String, String)] {
        let amzDate = Self.amzDateFormat(date)
        let day = String(amzDate.prefix(8))
        var headers = request.headers
        headers.append(("x-amz-date", amzDate))
        headers.append(("x-amz-content-sha256", request.payloadHash))
        if let token = credentials.sessionToken { headers.append(("x-amz-security-token", token)) }

        let canonical = canonicalRequest(request, headers: headers)
        let scope = "\(day)/\(region)/\(service)/aws4_request"
        let stringToSign = [
            "AWS4-HMAC-SHA256", amzDate, scope,
            Self.hex(SHA256.hash(data: Array(canonical.request.utf8))),
        ].joined(separator: "\n")
        let signature = Self.hex(HMAC<SHA256>.authenticationCode(
            for: Array(stringToSign.utf8), using: signingKey(day: day)))
        let authorization = "AWS4-HMAC-SHA256 Credential=\(credentials.accessKeyID)/\(scope),"
            + "SignedHeaders=\(canonical.signedHeaders),Signature=\(signature)"
        var added: [(String, String)] = [("x-amz-date", amzDate), ("x-amz-content-sha256", request.payloadHash)]
        if let token = credentials.sessionToken { added.append(("x-amz-security-token", token)) }
        added.append(("authorization", authorization))
        return added
    }

    /// The canonical request string and the signed header list (exposed for tests).
    public func canonicalRequest(_ request: Request, headers: [(String, String)]) -> (request: String, signedHeaders: String) {
        var merged: [String: [String]] = [:]
        for (name, value) in headers {
            let trimmed = value.trimmingCharacters(in: .whitespaces)
                .split(separator: " ", omittingEmptySubsequences: true).joined(separator: " ")
            merged[name.lowercased(), default: []].append(trimmed)
        }
        let names = merged.keys.sorted()
        var canonicalHeaders = ""
        for name in names {
            let values: [String] = merged[name] ?? []
            canonicalHeaders += name + ":" + values.joined(separator: ",") + "\n"
        }
        let signedHeaders = names.joined(separator: ";")
        var encodedQuery: [(name: String, value: String)] = []
        for (name, value) in request.query {
            encodedQuery.append((Self.uriEncode(name, encodeSlash: true), Self.uriEncode(value, encodeSlash: true)))
        }
        encodedQuery.sort { left, right in
            left.name == right.name ? left.value < right.value : left.name < right.name
        }
        let canonicalQuery = encodedQuery.map { pair in pair.name + "=" + pair.value }.joined(separator: "&")
        let path = request.encodedPath.isEmpty ? "/" : request.encodedPath
        let text = [request.method, path, canonicalQuery, canonicalHeaders, signedHeaders, request.payloadHash]
            .joined(separator: "\n")
        return (text, signedHeaders)
    }

    func signingKey(day: String) -> SymmetricKey {
        func hmac(_ key: SymmetricKey, _ text: String) -> SymmetricKey {
            SymmetricKey(data: HMAC<SHA256>.authenticationCode(for: Array(text.utf8), using: key))
        }
        let secret = SymmetricKey(data: Array("AWS4\(credentials.secretAccessKey)".utf8))
        return hmac(hmac(hmac(hmac(secret, day), region), service), "aws4_request")
    }

    /// URI-encodes as SigV4 requires: every byte except `A-Z a-z 0-9 - . _ ~` as
    /// `%XX` (uppercase) of its UTF-8 encoding; `/` kept in paths, encoded in query
    /// parameters.
    public static func uriEncode(_ text: String, encodeSlash: Bool) -> String {
        var result = ""
        result.reserveCapacity(text.utf8.count)
        for byte in text.utf8 {
            switch byte {
            case UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "a")...UInt8(ascii: "z"),
                 UInt8(ascii: "0")...UInt8(ascii: "9"),
                 UInt8(ascii: "-"), UInt8(ascii: "."), UInt8(ascii: "_"), UInt8(ascii: "~"):
                result.append(Character(UnicodeScalar(byte)))
            case UInt8(ascii: "/") where !encodeSlash:
                result.append("/")
            default:
                result.append("%")
                result.append(hexDigits[Int(byte >> 4)])
                result.append(hexDigits[Int(byte & 0x0F)])
            }
        }
        return result
    }

    private static let hexDigits: [Character] = Array("0123456789ABCDEF")

    static func hex<D: Sequence>(_ digest: D) -> String where D.Element == UInt8 {
        Hex.string(digest)
    }

    static func amzDateFormat(_ date: Date) -> String {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "UTC")!
        let c = calendar.dateComponents([.year, .month, .day, .hour, .minute, .second], from: date)
        return String(format: "%04d%02d%02dT%02d%02d%02dZ", c.year!, c.month!, c.day!, c.hour!, c.minute!, c.second!)
    }

    /// SHA-256 of a body as lowercase hex, for `x-amz-content-sha256`.
    public static func payloadHash<D: DataProtocol>(_ body: D) -> String {
        hex(SHA256.hash(data: body))
    }
}
