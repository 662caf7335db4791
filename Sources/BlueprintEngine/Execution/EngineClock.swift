import Foundation

/// Time as the executor sees it for backoff waits, injectable so tests can check
/// retry delays without waiting for them.
public protocol EngineClock: Sendable {
    func sleep(for duration: Duration) async throws
}

/// The real clock.
public struct SystemClock: EngineClock {
    public init() {}
    public func sleep(for duration: Duration) async throws { try await Task.sleep(for: duration) }
}

/// Randomness for backoff jitter, injectable for the same reason.
public protocol RandomSource: Sendable {
    /// A number in [0, 1).
    func nextUnit() -> Double
}

public struct SystemRandom: RandomSource {
    public init() {}
    public func nextUnit() -> Double { Double.random(in: 0..<1) }
}
