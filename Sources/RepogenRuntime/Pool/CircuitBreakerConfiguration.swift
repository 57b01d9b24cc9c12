/// When the circuit breaker opens and how long it stays open before a probe is let through.
///
/// ```swift
/// let options = DatabaseOptions(circuitBreaker: .init(failureThreshold: 5, openDuration: .seconds(5)))
/// ```
public struct CircuitBreakerConfiguration: Sendable, Hashable {
    /// Consecutive connection failures that open the breaker; 0 disables the breaker.
    public var failureThreshold: Int
    /// How long the breaker fails calls fast before letting one probe through (half-open).
    public var openDuration: Duration

    /// Creates a configuration.
    public init(failureThreshold: Int = 5, openDuration: Duration = .seconds(5)) {
        self.failureThreshold = failureThreshold
        self.openDuration = openDuration
    }

    /// A breaker that never opens.
    public static let disabled = CircuitBreakerConfiguration(failureThreshold: 0)
}

/// The circuit breaker's state, as shown by `db.health()` and the `repository_circuit_breaker_state` gauge.
public enum CircuitBreakerState: String, Sendable, Hashable, CustomStringConvertible {
    /// Calls go through.
    case closed
    /// Calls fail fast with `circuitOpen`.
    case open
    /// One probe call goes through; its outcome closes or reopens the breaker.
    case halfOpen

    /// The gauge value: 0 closed, 1 half-open, 2 open.
    public var gaugeValue: Int {
        switch self {
        case .closed: 0
        case .halfOpen: 1
        case .open: 2
        }
    }

    /// The state's name, e.g. `halfOpen`.
    public var description: String {
        rawValue
    }
}
