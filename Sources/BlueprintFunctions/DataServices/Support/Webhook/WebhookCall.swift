import Foundation
import AsyncHTTPClient
import NIOCore
import NIOHTTP1
import NIOSSL
import ObjectStore

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
        var configuration = HTTPClient.Configuration(
            tlsConfiguration: tls, redirectConfiguration: .disallow,
            timeout: .init(connect: timeAmount(request.connectTimeout), read: request.readTimeout.map(timeAmount)))
        // A refused connection fails the call at once (the phase's retry policy
        // decides about retrying) instead of being retried until the deadline.
        configuration.connectionPool.retryConnectionEstablishment = false
        let client = HTTPClient(eventLoopGroup: HTTPClient.defaultEventLoopGroup, configuration: configuration)
        let outcome: Result<WebhookResponse, WebhookError> = await {
            do {
                var http = HTTPClientRequest(url: request.url)
                http.method = method
                for (name, value) in request.headers.sorted(by: { $0.key < $1.key }) {
                    http.headers.add(name: name, value: value)
                }
                if let body = request.body { http.body = .bytes(ByteBuffer(string: body)) }
                let deadline = NIODeadline.now() + timeAmount(request.timeout)
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
                return .failure(failure(error, request: request))
            }
        }()
        try? await client.shutdown()
        return try outcome.get()
    }

    /// A connection that failed or a receiver that went silent is named with
    /// its endpoint and the argument that bounds it; anything else keeps the
    /// client's own words.
    private static func failure(_ error: any Error, request: WebhookRequest) -> WebhookError {
        let url = request.displayURL
        if let error = error as? HTTPClientError, error == .deadlineExceeded {
            return .timedOut(url: url, after: request.timeout)
        }
        let target = endpoint(of: request.url)
        if let failure = ConnectionFailure.classify(
            error, host: target.host, connectTimeout: request.connectTimeout, readTimeout: request.readTimeout ?? request.timeout) {
            return .unreachable(url: url, endpoint: "\(target.host):\(target.port)", failure: failure)
        }
        return .requestFailed(url: url, reason: String(describing: error), transient: isTransient(error))
    }

    /// Host and port of a URL (the scheme's port when none is written).
    private static func endpoint(of url: String) -> (host: String, port: Int) {
        let components = URLComponents(string: url)
        let port = components?.port ?? (url.hasPrefix("https://") ? 443 : 80)
        return (components?.host ?? "?", port)
    }

    private static func timeAmount(_ duration: Duration) -> TimeAmount {
        .nanoseconds(duration.components.seconds * 1_000_000_000 + duration.components.attoseconds / 1_000_000_000)
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
