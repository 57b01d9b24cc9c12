import Synchronization

/// The circuit breaker's decisions without I/O or clocks: every event carries the time it happened.
struct CircuitBreakerStateMachine: Sendable {
    typealias Instant = ContinuousClock.Instant

    /// Whether a call may go ahead.
    enum Decision: Sendable, Hashable {
        /// The breaker is closed.
        case allow
        /// The breaker is half-open and this call is the probe; its outcome must be reported.
        case probe
        /// The breaker is open (or a probe is already running).
        case reject
    }

    let configuration: CircuitBreakerConfiguration
    private(set) var consecutiveFailures = 0
    private(set) var openedAt: Instant?
    private(set) var isProbing = false

    init(configuration: CircuitBreakerConfiguration) {
        self.configuration = configuration
    }

    /// Closed with no failure counted and no probe: every call is allowed and a success changes nothing.
    var isPristine: Bool {
        consecutiveFailures == 0 && openedAt == nil && !isProbing
    }

    /// The state at `now`: open until `openDuration` has passed, then half-open until a probe reports.
    func state(at now: Instant) -> CircuitBreakerState {
        guard let openedAt else {
            return .closed
        }
        return isProbing || now - openedAt >= configuration.openDuration ? .halfOpen : .open
    }

    /// Asks whether a call may start at `now`.
    mutating func request(at now: Instant) -> Decision {
        switch state(at: now) {
        case .closed:
            return .allow
        case .open:
            return .reject
        case .halfOpen:
            guard !isProbing else {
                return .reject
            }
            isProbing = true
            return .probe
        }
    }

    /// A call reached the server (whatever the server answered): the breaker closes.
    mutating func recordSuccess() {
        consecutiveFailures = 0
        openedAt = nil
        isProbing = false
    }

    /// A call could not reach the server; enough of these in a row, or a failed probe, open the breaker.
    mutating func recordFailure(at now: Instant) {
        consecutiveFailures += 1
        let threshold = configuration.failureThreshold
        if isProbing || (threshold > 0 && consecutiveFailures >= threshold) {
            openedAt = now
        }
        isProbing = false
    }

    /// A probe ended without telling anything about the server (e.g. cancelled); the next call probes again.
    mutating func probeAbandoned() {
        isProbing = false
    }
}

/// The breaker shared by every call of a `Database`, with the real clock.
///
/// Every statement asks it once and reports once; while it is pristine (`isPristine`, mirrored in an atomic that
/// is only written under the lock) both are answered without the lock, since the machine would not change.
final class CircuitBreaker: Sendable {
    private let machine: Locked<CircuitBreakerStateMachine>
    private let pristine = Atomic<Bool>(true)

    init(configuration: CircuitBreakerConfiguration) {
        machine = Locked(CircuitBreakerStateMachine(configuration: configuration))
    }

    /// The state now.
    var state: CircuitBreakerState {
        machine.withLock { $0.state(at: .now) }
    }

    /// Throws `circuitOpen` when calls must fail fast; returns whether this call is the half-open probe.
    func admit() throws -> Bool {
        if pristine.load(ordering: .acquiring) {
            return false  // what `request` answers when closed
        }
        let (decision, failures) = machine.withLock { ($0.request(at: .now), $0.consecutiveFailures) }
        switch decision {
        case .allow: return false
        case .probe: return true
        case .reject: throw RepogenError.circuitOpen(failures: failures)
        }
    }

    /// Reports a call's outcome: a connection loss counts as a failure, a server answer (even an error) closes.
    func record(_ outcome: Outcome, probe: Bool) {
        if outcome != .connectionLost, !probe, pristine.load(ordering: .acquiring) {
            return  // a success or an inconclusive call leaves a pristine machine as it is
        }
        machine.withLock { machine in
            switch outcome {
            case .reachedServer: machine.recordSuccess()
            case .connectionLost: machine.recordFailure(at: .now)
            case .inconclusive: if probe { machine.probeAbandoned() }
            }
            pristine.store(machine.isPristine, ordering: .releasing)
        }
    }

    /// What one call showed about the server.
    enum Outcome {
        case reachedServer
        case connectionLost
        case inconclusive
    }
}
