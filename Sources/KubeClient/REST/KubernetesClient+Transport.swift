import AsyncHTTPClient
import Foundation
import NIOCore
import NIOHTTP1

/// A complete response: status, headers and the whole body.
struct RawResponse: Sendable {
    var status: Int
    var headers: HTTPHeaders
    var body: ByteBuffer

    var json: JSONValue? { try? JSONValue(parsing: Data(body.readableBytesView)) }
}

extension KubernetesClient {
    /// Largest response body collected in memory (a big list); streams have no limit.
    static let maxBodyBytes = 512 * 1024 * 1024

    /// Sends a request and collects the answer, retrying per `retryPolicy`; error
    /// statuses become `KubeError.api` with the Status the server sent.
    func send(_ method: HTTPMethod, target: String, body: Data? = nil, contentType: String = "application/json",
              request: RequestDescription, accept: String = "application/json") async throws -> RawResponse
    {
        let response = try await withRetries(method, request: request) {
            let http = try await self.makeRequest(method, target: target, body: body, contentType: contentType, accept: accept)
            let response = try await self.httpClient.execute(http, timeout: .seconds(120))
            let collected = try await response.body.collect(upTo: Self.maxBodyBytes)
            return RawResponse(status: Int(response.status.code), headers: response.headers, body: collected)
        }
        return response
    }

    /// Sends a request whose answer is streamed (watch, follow logs). Error statuses
    /// are read and thrown; a success hands back the open response.
    func open(_ method: HTTPMethod, target: String, request: RequestDescription) async throws -> HTTPClientResponse {
        var opened: HTTPClientResponse?
        _ = try await withRetries(method, request: request) {
            let http = try await self.makeRequest(method, target: target, body: nil, contentType: "", accept: "*/*")
            let response = try await self.httpClient.execute(http, timeout: .hours(24 * 365))
            if response.status.code >= 300 {
                let collected = try await response.body.collect(upTo: 1024 * 1024)
                return RawResponse(status: Int(response.status.code), headers: response.headers, body: collected)
            }
            opened = response
            return RawResponse(status: Int(response.status.code), headers: response.headers, body: ByteBuffer())
        }
        guard let opened else { throw KubeError.invalidResponse(request, reason: "no response") }
        return opened
    }

    func makeRequest(_ method: HTTPMethod, target: String, body: Data?, contentType: String, accept: String) async throws
        -> HTTPClientRequest
    {
        var http = HTTPClientRequest(url: configuration.server + target)
        http.method = method
        http.headers.add(name: "Accept", value: accept)
        http.headers.add(name: "User-Agent", value: "blueprint-kubeclient")
        if let authorization = try await authenticator.authorization(user: configuration.userName) {
            http.headers.add(name: "Authorization", value: authorization)
        }
        if let body {
            http.headers.add(name: "Content-Type", value: contentType)
            http.body = .bytes(ByteBuffer(bytes: body))
        }
        return http
    }

    /// The retry loop shared by collected and streamed requests.
    private func withRetries(_ method: HTTPMethod, request: RequestDescription,
                             _ attempt: () async throws -> RawResponse) async throws -> RawResponse
    {
        let idempotent = method != .POST
        var refreshedCredentials = false
        var number = 1
        while true {
            let response: RawResponse
            do {
                response = try await attempt()
            } catch let error as KubeError {
                throw error
            } catch let error as KubeConfigError {
                throw KubeError.configuration(error)
            } catch is CancellationError {
                throw CancellationError()
            } catch {
                if Task.isCancelled { throw CancellationError() }
                if idempotent, number < retryPolicy.maxAttempts {
                    try await Task.sleep(for: retryPolicy.delay(afterAttempt: number, retryAfterSeconds: nil))
                    number += 1
                    continue
                }
                throw KubeError.transport(request, server: configuration.server, reason: "\(error)")
            }
            if response.status < 300 { return response }
            if response.status == 401, !refreshedCredentials, await authenticator.refreshAfterUnauthorized() {
                refreshedCredentials = true
                continue
            }
            let retryAfter = response.headers.first(name: "Retry-After").flatMap { Int($0.trimmingCharacters(in: .whitespaces)) }
            if number < retryPolicy.maxAttempts,
               retryPolicy.shouldRetry(status: response.status, idempotent: idempotent, hasRetryAfter: retryAfter != nil)
            {
                logger.debug("retrying \(request) after HTTP \(response.status)")
                try await Task.sleep(for: retryPolicy.delay(afterAttempt: number, retryAfterSeconds: retryAfter))
                number += 1
                continue
            }
            throw Self.failure(response, request: request)
        }
    }

    static func failure(_ response: RawResponse, request: RequestDescription) -> KubeError {
        let status = response.json
        var message = status?["message"]?.stringValue
        if status == nil, response.body.readableBytes > 0 {
            message = String(buffer: response.body).trimmingCharacters(in: .whitespacesAndNewlines).prefix(500).description
        }
        let reason = status?["reason"]?.stringValue.flatMap { $0.isEmpty ? nil : $0 }
        return .api(APIFailure(request: request, statusCode: response.status, reason: reason, message: message))
    }

    /// Decodes a success body as JSON.
    func decode(_ response: RawResponse, request: RequestDescription) throws -> JSONValue {
        do {
            return try JSONValue(parsing: Data(response.body.readableBytesView))
        } catch {
            throw KubeError.invalidResponse(request, reason: "body is not JSON (\(error))")
        }
    }
}
