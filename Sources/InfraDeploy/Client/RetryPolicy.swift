/// How a client retries throttling, server errors and network failures: capped exponential
/// backoff with full jitter, bounded in attempts and in total time.
public struct RetryPolicy: Sendable, Equatable {
    /// Attempts in total, the first included (1 disables retries).
    public var maxAttempts: Int
    /// The backoff cap before jitter for the first retry; doubles each retry.
    public var baseDelay: Duration
    /// The largest backoff before jitter.
    public var maxDelay: Duration
    /// No retry starts if it would end later than this after the first attempt began.
    public var maxTotalTime: Duration
    /// The per-attempt request timeout.
    public var attemptTimeout: Duration

    /// A policy; the defaults suit CloudFormation at scale, where "Rate exceeded" is routine.
    public init(maxAttempts: Int = 8, baseDelay: Duration = .milliseconds(500), maxDelay: Duration = .seconds(20), maxTotalTime: Duration = .seconds(180), attemptTimeout: Duration = .seconds(30)) {
        self.maxAttempts = max(1, maxAttempts)
        self.baseDelay = baseDelay
        self.maxDelay = maxDelay
        self.maxTotalTime = maxTotalTime
        self.attemptTimeout = attemptTimeout
    }

    /// No retries at all.
    public static let none = RetryPolicy(maxAttempts: 1)

    /// The wait before retry number `retry` (1-based): uniform in `0...min(maxDelay, baseDelay·2^(retry-1))`.
    ///
    /// Full jitter spreads a burst of throttled clients out instead of having them retry in lockstep.
    func delay(beforeRetry retry: Int, unitRandom: Double) -> Duration {
        let base = seconds(baseDelay)
        let cap = min(seconds(maxDelay), base * Double(1 << min(retry - 1, 30)))
        return .nanoseconds(Int64(cap * min(max(unitRandom, 0), 1) * 1e9))
    }

    func seconds(_ duration: Duration) -> Double {
        Double(duration.components.seconds) + Double(duration.components.attoseconds) / 1e18
    }
}
