import Testing
@testable import KubeClient

/// Watch lines in the format of the API reference ("Efficient detection of changes").
@Suite struct WatchStreamTests {
    let request = RequestDescription(user: "u", verb: "watch", resource: "configmaps", namespace: "ns")

    @Test func eventCarriesTypeObjectAndVersion() throws {
        let line = #"{"type":"MODIFIED","object":{"kind":"ConfigMap","apiVersion":"v1","metadata":{"name":"a","resourceVersion":"10596"}}}"#
        let (event, version) = try WatchStream.decode(line: Array(line.utf8), request: request)
        #expect(event?.type == .modified)
        #expect(event?.object.name == "a")
        #expect(version == "10596")
    }

    @Test func bookmarkOnlyMovesTheVersion() throws {
        let line = #"{"type":"BOOKMARK","object":{"kind":"ConfigMap","apiVersion":"v1","metadata":{"resourceVersion":"12746"}}}"#
        let (event, version) = try WatchStream.decode(line: Array(line.utf8), request: request)
        #expect(event == nil)
        #expect(version == "12746")
    }

    @Test func goneIsWatchExpired() throws {
        let line = #"{"type":"ERROR","object":{"kind":"Status","apiVersion":"v1","metadata":{},"status":"Failure","message":"too old resource version: 1 (2)","reason":"Expired","code":410}}"#
        do {
            _ = try WatchStream.decode(line: Array(line.utf8), request: request)
            Issue.record("410 did not throw")
        } catch let error as KubeError {
            guard case .watchExpired(_, let message) = error else {
                Issue.record("expected watchExpired, got \(error)")
                return
            }
            #expect(message == "too old resource version: 1 (2)")
        }
    }

    @Test func otherErrorsAreAPIFailures() throws {
        let line = #"{"type":"ERROR","object":{"kind":"Status","status":"Failure","message":"boom","reason":"InternalError","code":500}}"#
        #expect(throws: KubeError.self) { try WatchStream.decode(line: Array(line.utf8), request: request) }
    }
}
