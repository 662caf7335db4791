/// How throttled (429) and failing (5xx) requests are retried.
///
/// Like client-go: a 429 is always retried (the server did not act on it); a 5xx
/// is retried for reads, deletes and updates, and for creates only when the
/// server sent Retry-After (it promises the request was not applied). A
/// Retry-After header sets the delay; otherwise the delay doubles from
/// `baseDelay` up to `maxDelay`.
public struct RetryPolicy: Sendable, Equatable {
    public var maxAttempts: Int
    public var baseDelay: Duration
    public var maxDelay: Duration

    public init(maxAttempts: Int = 5, baseDelay: Duration = .milliseconds(200), maxDelay: Duration = .seconds(10)) {
        self.maxAttempts = max(1, maxAttempts)
        self.baseDelay = baseDelay
        self.maxDelay = maxDelay
    }

    public static let none = RetryPolicy(maxAttempts: 1)

    /// Delay before attempt `attempt + 1` (attempt counts from 1).
    public func delay(afterAttempt attempt: Int, retryAfterSeconds: Int?) -> Duration {
        if let retryAfterSeconds { return min(.seconds(max(0, retryAfterSeconds)), maxDelay) }
        var delay = baseDelay
        for _ in 1..<max(1, attempt) { delay = delay * 2 }
        return min(delay, maxDelay)
    }

    /// Whether a response status is worth another attempt.
    public func shouldRetry(status: Int, idempotent: Bool, hasRetryAfter: Bool) -> Bool {
        if status == 429 { return true }
        guard (500...599).contains(status), status != 501 else { return false }
        return idempotent || hasRetryAfter
    }
}
