import BlueprintEngine
import Foundation

/// Polls until `check` returns a value or `limit` passes. Kubernetes has no
/// "wait" verb that works for every kind; polling once a second is what
/// kubectl wait and Kanister do, and it survives watch disconnects.
enum Polling {
    /// `check` returns nil to keep waiting, with `state` describing what it saw.
    static func until<T: Sendable>(
        function: String, waitingFor what: String, limit: Duration, interval: Duration = .milliseconds(500),
        _ check: () async throws -> (value: T?, state: String)
    ) async throws -> T {
        let clock = ContinuousClock()
        let deadline = clock.now.advanced(by: limit)
        var lastState = ""
        while true {
            let (value, state) = try await check()
            if let value { return value }
            lastState = state
            if clock.now >= deadline {
                throw KubeFunctionError.timedOut(function: function, waitingFor: what, after: limit, lastState: lastState)
            }
            try await Task.sleep(for: interval)
        }
    }
}
