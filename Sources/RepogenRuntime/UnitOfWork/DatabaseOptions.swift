import Logging
import Metrics

/// Resilience and observability settings of a `Database`, beside the pool's own `PoolConfiguration`.
///
/// ```swift
/// let db = try await Database.connect(url: url, options: DatabaseOptions(slowQueryThreshold: .milliseconds(200)))
/// ```
public struct DatabaseOptions: Sendable {
    /// How transient failures are retried, for single calls and whole `transaction {}` closures.
    public var retry: RetryPolicy
    /// When the circuit breaker opens.
    public var circuitBreaker: CircuitBreakerConfiguration
    /// Statements slower than this are logged at `warning`; nil disables the slow-query log.
    public var slowQueryThreshold: Duration?
    /// Where logs go; bind values are never logged.
    public var logger: Logger
    /// Where metrics go; nil uses the process-wide `MetricsSystem.factory`.
    public var metricsFactory: (any MetricsFactory)?

    /// Creates options; the defaults retry up to 4 attempts and open the breaker after 5 connection failures.
    public init(
        retry: RetryPolicy = RetryPolicy(), circuitBreaker: CircuitBreakerConfiguration = .init(),
        slowQueryThreshold: Duration? = .milliseconds(500), logger: Logger = Logger(label: "repogen.database"),
        metricsFactory: (any MetricsFactory)? = nil
    ) {
        self.retry = retry
        self.circuitBreaker = circuitBreaker
        self.slowQueryThreshold = slowQueryThreshold
        self.logger = logger
        self.metricsFactory = metricsFactory
    }
}
