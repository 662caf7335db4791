import BlueprintEngine
import Foundation
import Testing
@testable import BlueprintFunctions

/// The Webhook function run by the Executor: a 5xx is transient, so the phase's
/// `retry:` policy tries again; a 4xx is not.
@Suite struct WebhookExecutorTests {
    static func blueprint(url: String) -> String {
        """
        apiVersion: cr.kanister.io/v1alpha1
        kind: Blueprint
        metadata:
          name: webhook-test
        actions:
          notify:
            phases:
              - name: call
                func: Webhook
                args:
                  url: "\(url)"
                  body: '{"event": "backup"}'
                retry: {attempts: 3, backoff: 10ms}
        """
    }

    @Test func serverErrorThenSuccessSucceedsOnTheSecondAttempt() async throws {
        let server = try await WebhookServer()
        let runs = EngineRuns()
        defer { runs.remove() }
        let record = try await runs.run(Self.blueprint(url: "http://127.0.0.1:\(server.port)/sequence/500,200"), action: "notify")
        await server.stop()

        #expect(record.state == .succeeded, "\(record.error ?? "")")
        let phase = try #require(record.phase("call"))
        #expect(phase.attempts.count == 2)
        #expect(phase.attempts.first?.error?.contains("500") == true)
        #expect(phase.outputs["status"] == .int(200))
        #expect(server.requests.count == 2)
        #expect(server.requests.allSatisfy { $0.method == "POST" && $0.body == #"{"event": "backup"}"# })
    }

    @Test func clientErrorIsNotRetried() async throws {
        let server = try await WebhookServer()
        let runs = EngineRuns()
        defer { runs.remove() }
        let record = try await runs.run(Self.blueprint(url: "http://127.0.0.1:\(server.port)/status/404"), action: "notify")
        await server.stop()

        #expect(record.state == .failed)
        #expect(record.phase("call")?.attempts.count == 1)
        #expect(server.requests.count == 1)
    }
}
