@testable import RepogenRuntime
import Synchronization

/// A pool clock that moves only when a test advances it (or, after `advanceOnEveryRead`, each time it is read).
final class ManualPoolClock: PoolClock {
    private let current = Mutex<(now: Duration, step: Duration)>((.zero, .zero))

    var now: Duration {
        current.withLock { clock in
            defer { clock.now += clock.step }
            return clock.now
        }
    }

    /// Moves the clock forward by `duration`.
    func advance(by duration: Duration) {
        current.withLock { $0.now += duration }
    }

    /// Moves the clock forward by `step` after every read from now on, so any two reads are at least that apart.
    func advanceOnEveryRead(by step: Duration) {
        current.withLock { $0.step = step }
    }

    func sleep(until instant: Duration) async throws {
        while now < instant {
            try await Task.sleep(for: .milliseconds(1))  // polls: the clock moves only when the test moves it
        }
    }
}

/// Plays the part of `ConnectionPool.run()` for a state machine under a manual clock: keeps the wake-ups the
/// machine asks for, and when the test advances the clock sends `wakeUp(now:)` for each one reached, in order.
struct ClockedPoolMachine {
    typealias Action = PoolStateMachine.Action

    var machine: PoolStateMachine
    let clock = ManualPoolClock()
    /// Instants the machine asked to be woken at, not yet reached.
    private(set) var wakeUps: [Duration] = []

    init(maximum: Int, limits: PoolStateMachine.Limits) {
        machine = PoolStateMachine(maximum: maximum, limits: limits)
    }

    /// Sends an event at the clock's `now`; returns its actions without the wake-ups, which it keeps.
    mutating func send(_ event: (inout PoolStateMachine, Duration) -> [Action]) -> [Action] {
        let actions = event(&machine, clock.now)
        var others: [Action] = []
        for action in actions {
            if case .wakeUp(let instant) = action {
                wakeUps.append(instant)
            } else {
                others.append(action)
            }
        }
        return others
    }

    /// Advances the clock and delivers the wake-ups it reaches; returns the actions they caused.
    mutating func advance(by duration: Duration) -> [Action] {
        clock.advance(by: duration)
        var actions: [Action] = []
        while let due = wakeUps.filter({ $0 <= clock.now }).min() {
            wakeUps.remove(at: wakeUps.firstIndex(of: due)!)
            actions += send { $0.wakeUp(now: $1) }
        }
        return actions
    }
}
