import Foundation
import Logging
import RepogenRuntime

/// What a `RedisL2Store`'s circuit breaker has done since the store was created.
public struct RedisBreakerStatistics: Sendable, Hashable {
    /// The breaker's state now (an open breaker whose cool-down has passed still reads `open` until a call probes).
    public var state: CircuitBreakerState = .closed
    /// Connects and commands that failed (refused, timed out, connection lost); error replies do not count.
    public var failures = 0
    /// Commands refused without touching Redis while the breaker was open.
    public var rejected = 0
    /// Times the breaker opened (from closed, or again after a failed probe).
    public var opened = 0
    /// Times a call was let through as the half-open probe.
    public var probes = 0
    /// Times a successful probe closed the breaker again.
    public var recovered = 0

    /// Creates zeroed counters.
    public init() {}
}

/// The breaker of one Redis connection, driven from the store's serial queue: `failureThreshold` consecutive
/// failures open it; after `openDuration` the next call is the probe (half-open), whose outcome closes or reopens it.
struct RedisCircuitBreaker {
    typealias Instant = ContinuousClock.Instant

    let configuration: CircuitBreakerConfiguration
    private(set) var statistics = RedisBreakerStatistics()
    private var consecutiveFailures = 0
    private var openedAt: Instant?

    init(configuration: CircuitBreakerConfiguration) {
        self.configuration = configuration
    }

    /// Whether a call may reach Redis at `now`: closed, or open past its cool-down (the call becomes the probe).
    mutating func admit(at now: Instant) -> Bool {
        guard let openedAt else { return true }
        guard statistics.state == .halfOpen || now - openedAt >= configuration.openDuration else {
            statistics.rejected += 1
            return false
        }
        if statistics.state != .halfOpen {
            statistics.state = .halfOpen
            statistics.probes += 1
        }
        return true
    }

    /// Redis answered (even with an error reply); returns the state left behind when the breaker closed.
    mutating func recordSuccess() -> CircuitBreakerState? {
        consecutiveFailures = 0
        guard openedAt != nil else { return nil }
        let previous = statistics.state
        openedAt = nil
        statistics.state = .closed
        statistics.recovered += 1
        return previous
    }

    /// Redis could not be reached; returns true when this failure opened the breaker (or reopened it).
    mutating func recordFailure(at now: Instant) -> Bool {
        consecutiveFailures += 1
        statistics.failures += 1
        let threshold = configuration.failureThreshold
        let opens = statistics.state == .halfOpen || (openedAt == nil && threshold > 0 && consecutiveFailures >= threshold)
        guard opens else { return false }
        openedAt = now
        statistics.state = .open
        statistics.opened += 1
        return true
    }
}

/// The breaker and its counters behind a lock, so `RedisL2Store.breakerStatistics` can be read from any thread.
final class RedisBreakerBox: @unchecked Sendable {
    private let lock = NSLock()
    private var breaker: RedisCircuitBreaker
    private let logger: Logger
    private let endpoint: String
    private let coolDown: Duration

    init(configuration: CircuitBreakerConfiguration, logger: Logger, endpoint: String) {
        breaker = RedisCircuitBreaker(configuration: configuration)
        self.logger = logger
        self.endpoint = endpoint
        coolDown = configuration.openDuration
    }

    var statistics: RedisBreakerStatistics {
        lock.withLock { breaker.statistics }
    }

    /// Throws while the breaker is open; the store then fails the call at once, before touching Redis.
    func admit() throws {
        let (admitted, probing) = lock.withLock { (breaker.admit(at: .now), breaker.statistics.state == .halfOpen) }
        guard admitted else { throw RedisError(message: "circuit open; not calling Redis until the cool-down ends") }
        if probing { logger.debug("Redis L2 breaker half-open; probing", metadata: ["endpoint": "\(endpoint)"]) }
    }

    func recordSuccess() {
        guard let previous = lock.withLock({ breaker.recordSuccess() }) else { return }
        logger.notice("Redis L2 breaker closed; Redis reachable again", metadata: [
            "endpoint": "\(endpoint)", "previous": "\(previous)",
        ])
    }

    func recordFailure(_ error: RedisError) {
        let (opened, statistics) = lock.withLock { (breaker.recordFailure(at: .now), breaker.statistics) }
        guard opened else { return }
        logger.warning("Redis L2 breaker open; reads go to PostgreSQL", metadata: [
            "endpoint": "\(endpoint)", "error": "\(error.message)", "opened": "\(statistics.opened)",
            "coolDown": "\(coolDown)",
        ])
    }
}
