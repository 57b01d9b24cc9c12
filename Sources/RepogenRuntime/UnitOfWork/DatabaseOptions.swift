import Logging
import Metrics
import Tracing

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
    /// Where logs go; bind values are logged only with `logBindValues`.
    public var logger: Logger
    /// Where metrics go; nil uses the process-wide `MetricsSystem.factory`.
    public var metricsFactory: (any MetricsFactory)?
    /// Whether statement logs at `trace` (and failures at `debug`) include the rendered bind values; off by default,
    /// since binds carry user data and secrets (emails, tokens) that logs must not keep.
    public var logBindValues: Bool
    /// Where spans go (statements, units of work, cache lookups); nil uses the tracer bootstrapped in
    /// `InstrumentationSystem` by the time the database connects, and no tracer means no spans.
    public var tracer: (any Tracer)?

    /// Creates options; the defaults retry up to 4 attempts and open the breaker after 5 connection failures.
    public init(
        retry: RetryPolicy = RetryPolicy(), circuitBreaker: CircuitBreakerConfiguration = .init(),
        slowQueryThreshold: Duration? = .milliseconds(500), logger: Logger = Logger(label: "repogen.database"),
        metricsFactory: (any MetricsFactory)? = nil, logBindValues: Bool = false, tracer: (any Tracer)? = nil
    ) {
        self.retry = retry
        self.circuitBreaker = circuitBreaker
        self.slowQueryThreshold = slowQueryThreshold
        self.logger = logger
        self.metricsFactory = metricsFactory
        self.logBindValues = logBindValues
        self.tracer = tracer
    }
}
