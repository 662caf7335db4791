import BlueprintModel

/// Exponential backoff with full jitter: after the n-th failed attempt wait a
/// random time in [0, min(maxBackoff, backoff·2ⁿ⁻¹)], so many runs retrying the
/// same busy server do not retry in lockstep.
public struct Backoff: Sendable, Hashable {
    public var base: Duration
    public var maximum: Duration

    public init(base: Duration, maximum: Duration) {
        self.base = base
        self.maximum = maximum
    }

    public init(_ policy: RetryPolicy) {
        self.init(base: policy.backoff.swiftDuration, maximum: policy.maxBackoff.swiftDuration)
    }

    /// The upper bound of the wait after failed attempt `attempt` (1-based).
    public func ceiling(after attempt: Int) -> Duration {
        let exponent = min(max(attempt - 1, 0), 62)
        let scaled = Double(base.nanoseconds) * pow2(exponent)
        return .nanoseconds(Int64(min(scaled, Double(maximum.nanoseconds))))
    }

    public func delay(after attempt: Int, random: any RandomSource) -> Duration {
        .nanoseconds(Int64(Double(ceiling(after: attempt).nanoseconds) * random.nextUnit()))
    }

    private func pow2(_ exponent: Int) -> Double { Double(sign: .plus, exponent: exponent, significand: 1) }
}

extension Duration {
    var nanoseconds: Int64 {
        components.seconds * 1_000_000_000 + components.attoseconds / 1_000_000_000
    }

    var seconds: Double { Double(nanoseconds) / 1e9 }
}
