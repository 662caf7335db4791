import BlueprintModel
import Foundation
import Testing
@testable import BlueprintFunctions

/// Webhook calls against a real HTTP(S) server on loopback.
struct WebhookCallTests {
    @Test func serverSeesTheMethodHeadersAndBody() async throws {
        let server = try await WebhookServer()
        defer { Task { await server.stop() } }
        let response = try await WebhookCall.send(WebhookRequest(
            method: "PUT", url: "http://127.0.0.1:\(server.port)/hook?run=42",
            headers: ["X-Blueprint-Run": "backup-42", "Content-Type": "application/json"],
            body: #"{"phase":"freeze","app":"shop"}"#
        ))
        #expect(response.status == 200)
        #expect(response.body == "answer to /hook?run=42")
        let received = try #require(server.requests.first)
        #expect(received.method == "PUT")
        #expect(received.uri == "/hook?run=42")
        #expect(received.body == #"{"phase":"freeze","app":"shop"}"#)
        #expect(received.headers.contains { $0.0.lowercased() == "x-blueprint-run" && $0.1 == "backup-42" })
        #expect(received.headers.contains { $0.0.lowercased() == "content-type" && $0.1 == "application/json" })
    }

    @Test func serverErrorIsTransientSoTheRetryPolicyRetriesIt() async throws {
        let server = try await WebhookServer()
        defer { Task { await server.stop() } }
        do {
            _ = try await WebhookCall.send(WebhookRequest(url: "http://127.0.0.1:\(server.port)/status/500"))
            Issue.record("a 500 answer succeeded")
        } catch {
            #expect(error.isTransient)
            #expect(error.description.contains("500"))
        }
    }

    @Test func clientErrorIsPermanent() async throws {
        let server = try await WebhookServer()
        defer { Task { await server.stop() } }
        do {
            _ = try await WebhookCall.send(WebhookRequest(url: "http://127.0.0.1:\(server.port)/status/404"))
            Issue.record("a 404 answer succeeded")
        } catch {
            #expect(!error.isTransient)
        }
    }

    @Test func expectStatusReplacesTheDefaultOf2xx() async throws {
        let server = try await WebhookServer()
        defer { Task { await server.stop() } }
        let accepted = try await WebhookCall.send(WebhookRequest(
            method: "GET", url: "http://127.0.0.1:\(server.port)/status/404", expectStatus: [404]
        ))
        #expect(accepted.status == 404)
        await #expect(throws: WebhookError.self) {
            try await WebhookCall.send(WebhookRequest(
                method: "GET", url: "http://127.0.0.1:\(server.port)/status/200", expectStatus: [201]
            ))
        }
    }

    @Test func refusedConnectionIsTransient() async throws {
        // A port bound but not listening: connections are refused.
        let refusing = try RefusingPort()
        defer { refusing.close() }
        let port = refusing.port
        let started = ContinuousClock.now
        do {
            _ = try await WebhookCall.send(WebhookRequest(url: "http://127.0.0.1:\(port)/", timeout: .seconds(600)))
            Issue.record("a call to a closed port succeeded")
        } catch {
            #expect(error.isTransient)
            #expect(error.description.contains("connection refused by 127.0.0.1:\(port): is the receiver running?"), "\(error)")
        }
        // Generous (a loaded 2-core machine is slow), yet far from the old
        // behaviour of retrying until the 600 s deadline.
        #expect(ContinuousClock.now - started < .seconds(120))
    }

    @Test func aReceiverThatNeverAnswersFailsAfterTheReadTimeout() async throws {
        let server = try await WebhookServer()
        defer { Task { await server.stop() } }
        let started = ContinuousClock.now
        do {
            _ = try await WebhookCall.send(WebhookRequest(
                url: "http://127.0.0.1:\(server.port)/stall", timeout: .seconds(60), readTimeout: .seconds(1)))
            Issue.record("a receiver that never answers succeeded")
        } catch {
            guard case .unreachable(_, _, .readTimedOut(after: .seconds(1))) = error else {
                Issue.record("expected a read timeout, got \(error)")
                return
            }
            #expect(error.isTransient)
            #expect(error.description.contains("127.0.0.1:\(server.port) accepted the connection but timed out after 1s without an answer"), "\(error)")
            #expect(error.description.contains("readTimeout"))
        }
        #expect(ContinuousClock.now - started < .seconds(300), "only catches a stall that never ends")
    }

    @Test func withoutAReadTimeoutTheWholeCallTimeoutStopsASilentReceiver() async throws {
        let server = try await WebhookServer()
        defer { Task { await server.stop() } }
        do {
            _ = try await WebhookCall.send(WebhookRequest(url: "http://127.0.0.1:\(server.port)/stall", timeout: .seconds(1)))
            Issue.record("a receiver that never answers succeeded")
        } catch {
            #expect(error.description.contains("no complete answer within the timeout of 1s"), "\(error)")
            #expect(error.isTransient)
        }
    }

    @Test func theWebhookFunctionDeclaresItsConnectAndReadTimeouts() {
        let arguments = Webhook.declaration.arguments
        let connect = arguments.first { $0.name == "connectTimeout" }
        let read = arguments.first { $0.name == "readTimeout" }
        #expect(connect?.type == .duration && connect?.required == false && connect?.defaultValue == "10s")
        #expect(read?.type == .duration && read?.required == false && read?.defaultValue == nil)
    }

    @Test func tlsServerWithAnUnknownCAIsRefusedUnlessVerificationIsSkipped() async throws {
        let certificate = try SelfSignedCertificate.make()
        let server = try await WebhookServer(tls: try certificate.serverContext())
        defer { Task { await server.stop() } }
        let url = "https://127.0.0.1:\(server.port)/secure"

        do {
            _ = try await WebhookCall.send(WebhookRequest(url: url, timeout: .seconds(10)))
            Issue.record("an untrusted certificate was accepted")
        } catch {
            #expect(!error.isTransient, "a certificate problem is not worth retrying: \(error)")
        }
        #expect(server.requests.isEmpty)

        let skipped = try await WebhookCall.send(WebhookRequest(url: url, insecureSkipVerify: true))
        #expect(skipped.status == 200)

        let trusted = try await WebhookCall.send(WebhookRequest(url: url, caCertPEM: certificate.certificatePEM))
        #expect(trusted.status == 200)
        #expect(server.requests.count == 2)
    }

    @Test func messagesDropCredentialsAndQueryFromTheURL() {
        let request = WebhookRequest(url: "https://user:s3cret@hooks.example.com/path?token=abc")
        #expect(request.displayURL == "https://hooks.example.com/path?…")
    }

    @Test func malformedCACertificateIsRejected() async {
        await #expect(throws: WebhookError.self) {
            try await WebhookCall.send(WebhookRequest(url: "https://127.0.0.1:1/", caCertPEM: "not a certificate"))
        }
    }
}
