@testable import RepogenRuntime
import Testing

@Suite("Pool lifetime, idle timeout, validation and leak detection (state machine, test instants)")
struct PoolHousekeepingTests {
    let start: Duration = .zero

    private func pool(_ limits: PoolStateMachine.Limits, maximum: Int = 4) -> PoolStateMachine {
        PoolStateMachine(maximum: maximum, limits: limits)
    }

    @Test("an expired idle connection is closed, never leased; the waiter gets a new one")
    func expiry() {
        var state = pool(.init(maxLifetime: .seconds(60)))
        _ = state.adopt(1, now: start, lifetimeFraction: 0.5)  // expires after 30 s
        #expect(state.acquire(10, now: start + .seconds(31)) == [.closeConnection(1), .openConnection])
        #expect(state.connectionOpened(2, now: start + .seconds(32)) == [.lease(2, to: 10)])
    }

    @Test("jitter: connections adopted together expire at different times")
    func jitter() {
        var state = pool(.init(maxLifetime: .seconds(100)))
        _ = state.adopt(1, now: start, lifetimeFraction: 0.9)
        _ = state.adopt(2, now: start, lifetimeFraction: 1)
        #expect(state.tick(now: start + .seconds(95)) == [.closeConnection(1)])
        #expect(state.idle == [2])
    }

    @Test("an expired connection is closed on release instead of returning to idle")
    func expiryOnRelease() {
        var state = pool(.init(maxLifetime: .seconds(10)))
        _ = state.adopt(1, now: start)
        _ = state.acquire(10, now: start)
        #expect(state.release(1, reusable: true, now: start + .seconds(11)) == [.closeConnection(1)])
        #expect(state.total == 0)
    }

    @Test("idle connections above the minimum close after the idle timeout; the minimum is refilled")
    func idleTimeoutAndMinimum() {
        var state = pool(.init(minimum: 1, idleTimeout: .seconds(10)))
        _ = state.adopt(1, now: start)
        _ = state.adopt(2, now: start)
        #expect(state.tick(now: start + .seconds(5)) == [])
        #expect(state.tick(now: start + .seconds(10)) == [.closeConnection(1)])
        #expect(state.idle == [2])
        _ = state.acquire(10, now: start + .seconds(11))
        #expect(state.release(2, reusable: false, now: start + .seconds(12)) == [.closeConnection(2)])
        #expect(state.tick(now: start + .seconds(13)) == [.openConnection])
    }

    @Test("a connection idle past the validation interval is leased after validation")
    func validation() {
        var state = pool(.init(validationInterval: .seconds(30)))
        _ = state.adopt(1, now: start)
        #expect(state.acquire(10, now: start + .seconds(5)) == [.lease(1, to: 10)])
        _ = state.release(1, reusable: true, now: start + .seconds(6))
        #expect(state.acquire(11, now: start + .seconds(40)) == [.lease(1, to: 11, validate: true)])
    }

    @Test("a lease held past the leak threshold is reported once")
    func leak() {
        var state = pool(.init(leakThreshold: .seconds(5)))
        _ = state.adopt(1, now: start)
        _ = state.acquire(10, now: start)
        #expect(state.tick(now: start + .seconds(4)) == [])
        #expect(state.tick(now: start + .seconds(6)) == [.reportLeak(1, heldFor: .seconds(6))])
        #expect(state.tick(now: start + .seconds(7)) == [])
        _ = state.release(1, reusable: true, now: start + .seconds(8))
        _ = state.acquire(11, now: start + .seconds(8))
        #expect(state.tick(now: start + .seconds(14)) == [.reportLeak(1, heldFor: .seconds(6))])
    }

    @Test("figures count open, leased, idle and waiting")
    func figures() {
        var state = pool(.init(), maximum: 1)
        _ = state.adopt(1, now: start)
        _ = state.acquire(10, now: start)
        _ = state.acquire(11, now: start)
        #expect(state.figures == PoolFigures(open: 1, leased: 1, idle: 0, waiting: 1, maximum: 1))
    }
}
