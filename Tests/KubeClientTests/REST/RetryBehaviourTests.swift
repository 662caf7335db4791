import Foundation
import Testing
@testable import KubeClient

/// Retries against a scripted HTTP server on 127.0.0.1 (python3's http.server):
/// it answers the status codes it is given, one per request, then 200.
@Suite(.serialized) struct RetryBehaviourTests {
    static let script = #"""
        import http.server, json, sys
        plan = [int(x) for x in sys.argv[1].split(",") if x]
        seen = []
        class H(http.server.BaseHTTPRequestHandler):
            def log_message(self, *a): pass
            def handle_one(self):
                seen.append(self.command + " " + self.path)
                if self.path == "/seen":
                    body = json.dumps(seen[:-1]).encode(); code = 200
                elif plan:
                    code = plan.pop(0)
                    body = json.dumps({"kind": "Status", "status": "Failure", "reason": "TooManyRequests" if code == 429 else "InternalError", "message": "try later", "code": code}).encode()
                else:
                    code = 200
                    body = json.dumps({"apiVersion": "v1", "kind": "ConfigMap", "metadata": {"name": "x"}}).encode()
                self.send_response(code)
                if code == 429: self.send_header("Retry-After", "1")
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)
            do_GET = do_POST = do_PUT = do_DELETE = do_PATCH = handle_one
        s = http.server.HTTPServer(("127.0.0.1", 0), H)
        with open(sys.argv[2] + ".tmp", "w") as f: f.write(str(s.server_address[1]))
        import os; os.rename(sys.argv[2] + ".tmp", sys.argv[2])
        s.serve_forever()
        """#

    /// Starts the server with a plan, runs `body` with a client of it, stops the server.
    func withScriptedServer(_ plan: [Int], _ body: (KubernetesClient) async throws -> Void) async throws {
        let portFile = NSTemporaryDirectory() + "retry-server-\(UUID().uuidString)"
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["python3", "-c", Self.script, plan.map(String.init).joined(separator: ","), portFile]
        try process.run()
        defer {
            process.terminate()
            try? FileManager.default.removeItem(atPath: portFile)
        }
        // The server writes its port once it listens; poll without blocking a thread.
        var portText: String?
        for _ in 0..<100 where portText == nil {
            portText = try? String(contentsOfFile: portFile, encoding: .utf8)
            if portText == nil { try await Task.sleep(for: .milliseconds(50)) }
        }
        let port = try #require(portText.flatMap { Int($0) })
        let config = ClientConfiguration(server: "http://127.0.0.1:\(port)", userName: "tester")
        let policy = RetryPolicy(maxAttempts: 4, baseDelay: .milliseconds(50), maxDelay: .seconds(3))
        try await KubernetesClient.withClient(configuration: config, retryPolicy: policy, body)
    }

    func seen(_ client: KubernetesClient) async throws -> [String] {
        let request = RequestDescription(user: "tester", verb: "get", resource: "seen")
        let response = try await client.send(.GET, target: "/seen", request: request)
        return try client.decode(response, request: request).arrayValue?.compactMap(\.stringValue) ?? []
    }

    @Test func throttledAndFailingReadsAreRetriedHonouringRetryAfter() async throws {
        try await withScriptedServer([429, 503]) { client in
            let started = ContinuousClock.now
            let object = try await client.get(.configMaps, name: "x", namespace: "ns")
            #expect(object.name == "x")
            #expect(ContinuousClock.now - started >= .seconds(1))  // Retry-After: 1
            #expect(try await seen(client).count == 3)
        }
    }

    @Test func createIsNotRetriedOnAPlain500() async throws {
        try await withScriptedServer([500]) { client in
            do {
                _ = try await client.create(.configMaps, KubeObject(["metadata": ["name": "x"]]), namespace: "ns")
                Issue.record("500 on create did not throw")
            } catch let error as KubeError {
                #expect(error.statusCode == 500)
                #expect(error.description == "cannot create configmaps \"x\" in namespace \"ns\" as user \"tester\": 500 InternalError: try later")
            }
            #expect(try await seen(client) == ["POST /api/v1/namespaces/ns/configmaps"])
        }
    }

    @Test func givesUpAfterMaxAttempts() async throws {
        try await withScriptedServer([503, 503, 503, 503, 503]) { client in
            await #expect(throws: KubeError.self) { try await client.list(.pods, namespace: "ns") }
            let requests = try await seen(client)
            #expect(requests.count == 4)
        }
    }
}
