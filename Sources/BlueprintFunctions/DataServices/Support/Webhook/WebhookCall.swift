import AsyncHTTPClient
import NIOCore
import NIOHTTP1
import NIOSSL

/// Sends a ``WebhookRequest`` with AsyncHTTPClient.
///
/// Each call gets its own client because TLS settings (`insecureSkipVerify`,
/// `caCert`) are per call; webhooks are rare enough that pooling buys nothing.
public enum WebhookCall {
    public static func send(_ request: WebhookRequest) async throws(WebhookError) -> WebhookResponse {
        let url = request.displayURL
        guard request.url.hasPrefix("http://") || request.url.hasPrefix("https://") else {
            throw .invalidURL(url)
        }
        let method = HTTPMethod(rawValue: request.method.uppercased())
        if case .RAW = method { throw .invalidMethod(request.method) }

        var tls = TLSConfiguration.makeClientConfiguration()
        if request.insecureSkipVerify { tls.certificateVerification = .none }
        if let pem = request.caCertPEM {
            let certificates: [NIOSSLCertificate]
            do { certificates = try NIOSSLCertificate.fromPEMBytes(Array(pem.utf8)) } catch {
                throw .invalidCACertificate(String(describing: error))
            }
            guard !certificates.isEmpty else { throw .invalidCACertificate("no certificate found") }
            tls.additionalTrustRoots = [.certificates(certificates)]
        }
        let client = HTTPClient(
            eventLoopGroup: HTTPClient.defaultEventLoopGroup,
            configuration: HTTPClient.Configuration(tlsConfiguration: tls, redirectConfiguration: .disallow)
        )
        let outcome: Result<WebhookResponse, WebhookError> = await {
            do {
                var http = HTTPClientRequest(url: request.url)
                http.method = method
                for (name, value) in request.headers.sorted(by: { $0.key < $1.key }) {
                    http.headers.add(name: name, value: value)
                }
                if let body = request.body { http.body = .bytes(ByteBuffer(string: body)) }
                let timeout = TimeAmount.nanoseconds(
                    request.timeout.components.seconds * 1_000_000_000 + request.timeout.components.attoseconds / 1_000_000_000
                )
                let deadline = NIODeadline.now() + timeout
                let response = try await client.execute(http, deadline: deadline)
                let body: ByteBuffer
                do {
                    body = try await response.body.collect(upTo: request.maximumResponseBytes)
                } catch is NIOTooManyBytesError {
                    return .failure(.responseTooLarge(url: url, limit: request.maximumResponseBytes))
                }
                let text = String(buffer: body)
                let status = Int(response.status.code)
                guard request.accepts(status) else {
                    let expected = request.expectStatus.map { $0.sorted().map(String.init).joined(separator: ", ") } ?? "2xx"
                    return .failure(.unexpectedStatus(url: url, status: status, expected: expected, body: text))
                }
                return .success(WebhookResponse(status: status, body: text))
            } catch {
                return .failure(.requestFailed(url: url, reason: String(describing: error), transient: isTransient(error)))
            }
        }()
        try? await client.shutdown()
        return try outcome.get()
    }

    /// Network trouble is worth retrying; a certificate or protocol error is not.
    private static func isTransient(_ error: any Error) -> Bool {
        if error is NIOSSLError || error is BoringSSLError { return false }
        if let error = error as? HTTPClientError {
            return [HTTPClientError.connectTimeout, .deadlineExceeded, .readTimeout, .remoteConnectionClosed]
                .contains(error)
        }
        if error is IOError || error is ChannelError { return true }
        let text = String(describing: error).lowercased()
        if text.contains("ssl") || text.contains("certificate") || text.contains("handshake") { return false }
        return text.contains("connection refused") || text.contains("connect") || text.contains("timeout")
    }
}
