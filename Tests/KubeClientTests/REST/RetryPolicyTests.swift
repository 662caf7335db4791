import Testing
@testable import KubeClient

@Suite struct RetryPolicyTests {
    let policy = RetryPolicy(maxAttempts: 5, baseDelay: .milliseconds(100), maxDelay: .seconds(2))

    @Test func throttlingIsAlwaysRetried() {
        #expect(policy.shouldRetry(status: 429, idempotent: false, hasRetryAfter: false))
    }

    @Test func serverErrorsRetryOnlyWhenSafe() {
        #expect(policy.shouldRetry(status: 503, idempotent: true, hasRetryAfter: false))
        #expect(!policy.shouldRetry(status: 500, idempotent: false, hasRetryAfter: false))
        #expect(policy.shouldRetry(status: 500, idempotent: false, hasRetryAfter: true))
        #expect(!policy.shouldRetry(status: 501, idempotent: true, hasRetryAfter: false))
        #expect(!policy.shouldRetry(status: 404, idempotent: true, hasRetryAfter: false))
        #expect(!policy.shouldRetry(status: 409, idempotent: true, hasRetryAfter: true))
    }

    @Test func backoffDoublesUpToTheCapAndRetryAfterWins() {
        #expect(policy.delay(afterAttempt: 1, retryAfterSeconds: nil) == .milliseconds(100))
        #expect(policy.delay(afterAttempt: 2, retryAfterSeconds: nil) == .milliseconds(200))
        #expect(policy.delay(afterAttempt: 3, retryAfterSeconds: nil) == .milliseconds(400))
        #expect(policy.delay(afterAttempt: 10, retryAfterSeconds: nil) == .seconds(2))
        #expect(policy.delay(afterAttempt: 1, retryAfterSeconds: 1) == .seconds(1))
        #expect(policy.delay(afterAttempt: 1, retryAfterSeconds: 60) == .seconds(2))
    }
}
