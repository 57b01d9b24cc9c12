/// The pool's time source: instants are durations since the clock's own origin, so the state machine stores two
/// integers per instant and tests can drive it with a clock they advance by hand.
protocol PoolClock: Sendable {
    /// The time elapsed since the clock's origin; never decreases.
    var now: Duration { get }
    /// Suspends until `now` reaches `instant`; throws `CancellationError` when the task is cancelled first.
    func sleep(until instant: Duration) async throws
}

/// The production clock: `ContinuousClock`, counted from the moment the pool was created.
struct ContinuousPoolClock: PoolClock {
    private let origin = ContinuousClock.now

    var now: Duration {
        origin.duration(to: .now)
    }

    func sleep(until instant: Duration) async throws {
        try await Task.sleep(until: origin + instant, clock: .continuous)
    }
}
