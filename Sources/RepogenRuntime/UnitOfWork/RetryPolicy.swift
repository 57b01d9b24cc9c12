import Foundation

/// How often and how patiently transient failures (40001, 40P01, connection loss, admin shutdown) are retried.
///
/// Delays grow exponentially with full jitter: attempt n waits a random time in
/// `0 ... min(maximumBackoff, initialBackoff * multiplier^(n-1))`.
/// ```swift
/// let options = DatabaseOptions(retry: RetryPolicy(maximumAttempts: 5, initialBackoff: .milliseconds(20)))
/// ```
public struct RetryPolicy: Sendable, Hashable {
    /// Attempts in all, the first included; 1 means never retry.
    public var maximumAttempts: Int
    /// The upper bound of the first retry's delay.
    public var initialBackoff: Duration
    /// The largest delay between two attempts.
    public var maximumBackoff: Duration
    /// How much the delay bound grows per attempt.
    public var multiplier: Double

    /// Creates a policy.
    public init(
        maximumAttempts: Int = 4, initialBackoff: Duration = .milliseconds(20),
        maximumBackoff: Duration = .seconds(1), multiplier: Double = 2
    ) {
        self.maximumAttempts = maximumAttempts
        self.initialBackoff = initialBackoff
        self.maximumBackoff = maximumBackoff
        self.multiplier = multiplier
    }

    /// A policy that never retries.
    public static let never = RetryPolicy(maximumAttempts: 1)

    /// The delay before retry number `retry` (1 for the first retry), given a random fraction in `0...1`.
    public func backoff(beforeRetry retry: Int, randomFraction: Double) -> Duration {
        let growth = pow(multiplier, Double(max(0, retry - 1)))
        let bound = min(maximumBackoff.seconds, initialBackoff.seconds * growth)
        return .seconds(bound * min(1, max(0, randomFraction)))
    }
}

extension Duration {
    /// The duration in seconds as a `Double`.
    var seconds: Double {
        let (whole, fraction) = components
        return Double(whole) + Double(fraction) / 1e18
    }
}
