import Durations

/// A time limit was reached; the work was cancelled and has stopped.
public struct TimeoutError: Error, Sendable, CustomStringConvertible, ClassifiedError {
    public var what: String
    public var limit: Duration

    public var isTransient: Bool { false }

    public var description: String {
        "\(what) timed out after \(DurationText.format(limit))"
    }
}

/// Runs `body`, cancelling it when `limit` passes. Returns only after the body
/// has finished (a task group waits for its children), so a timeout means the
/// work stopped — processes killed — not merely that nobody waits for it.
func withTimeout<T: Sendable>(
    _ limit: Duration?, what: String, onTimeout: @escaping @Sendable () async -> Void = {},
    _ body: @escaping @Sendable () async throws -> T
) async throws -> T {
    guard let limit else { return try await body() }
    return try await withThrowingTaskGroup(of: T?.self) { group in
        group.addTask { try await body() }
        group.addTask {
            try await Task.sleep(for: limit)
            return nil
        }
        defer { group.cancelAll() }
        guard let first = try await group.next() else { throw CancellationError() }
        if let value = first { return value }
        await onTimeout()
        group.cancelAll()
        // Wait for the body to wind down; its result no longer matters.
        while (try? await group.next()) != nil {}
        throw TimeoutError(what: what, limit: limit)
    }
}
