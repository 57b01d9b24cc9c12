@testable import RepogenRuntime
import Testing

@Suite("Pool state machine: the idle-connection fast path agrees with acquire (no database)")
struct PoolFastPathTests {
    let start: Duration = .zero

    @Test("an idle connection is leased at once when nobody waits, the most recently returned first")
    func leasesMostRecentIdle() {
        var pool = PoolStateMachine(maximum: 2)
        _ = pool.adopt(1, now: start)
        _ = pool.adopt(2, now: start)
        #expect(pool.leaseIdle(now: start) == 2)
        #expect(pool.leaseIdle(now: start) == 1)
        #expect(pool.leaseIdle(now: start) == nil)  // nothing idle: the caller queues through acquire
        #expect(pool.figures == PoolFigures(open: 2, leased: 2, idle: 0, waiting: 0, maximum: 2))
    }

    @Test("a queued waiter keeps its place: the fast path never overtakes acquire's line")
    func neverOvertakesWaiters() {
        var pool = PoolStateMachine(maximum: 1)
        _ = pool.adopt(1, now: .zero)
        _ = pool.acquire(10, now: .zero)
        #expect(pool.acquire(11, now: .zero) == [])
        #expect(pool.release(1, reusable: true, now: .zero) == [.lease(1, to: 11)])  // released straight to the waiter
        #expect(pool.leaseIdle(now: .zero) == nil)
        #expect(pool.release(1, reusable: true, now: .zero) == [])  // nobody waits any more: back to idle, no actions
        #expect(pool.leaseIdle(now: .zero) == 1)
    }

    @Test("an expired idle connection is left to acquire, which closes it and opens another")
    func expiredGoesThroughAcquire() {
        var pool = PoolStateMachine(maximum: 1, limits: .init(maxLifetime: .seconds(10)))
        _ = pool.adopt(1, now: start)
        #expect(pool.leaseIdle(now: start + .seconds(11)) == nil)
        #expect(pool.idle == [1])
        #expect(pool.acquire(10, now: start + .seconds(11)) == [.closeConnection(1), .openConnection])
    }

    @Test("a connection idle past the validation interval is left to acquire, which leases it after validation")
    func validationGoesThroughAcquire() {
        var pool = PoolStateMachine(maximum: 1, limits: .init(validationInterval: .seconds(30)))
        _ = pool.adopt(1, now: start)
        #expect(pool.leaseIdle(now: start + .seconds(5)) == 1)
        _ = pool.release(1, reusable: true, now: start + .seconds(6))
        #expect(pool.leaseIdle(now: start + .seconds(40)) == nil)
        #expect(pool.acquire(11, now: start + .seconds(40)) == [.lease(1, to: 11, validate: true)])
    }

    @Test("a closed pool leases nothing through the fast path")
    func closedPool() {
        var pool = PoolStateMachine(maximum: 1)
        _ = pool.adopt(1, now: .zero)
        _ = pool.close()
        #expect(pool.leaseIdle(now: .zero) == nil)
        #expect(pool.acquire(10, now: .zero) == [.fail(10, .poolClosed)])
    }

    @Test("a fast lease starts the leak clock, and its release resets the report")
    func leakClockFromFastLease() {
        var pool = PoolStateMachine(maximum: 1, limits: .init(leakThreshold: .seconds(5)))
        _ = pool.adopt(1, now: start)
        _ = pool.leaseIdle(now: start + .seconds(100))
        #expect(pool.tick(now: start + .seconds(104)) == [])
        #expect(pool.tick(now: start + .seconds(106)) == [.reportLeak(1, heldFor: .seconds(6))])
        _ = pool.release(1, reusable: true, now: start + .seconds(107))
        _ = pool.leaseIdle(now: start + .seconds(107))
        #expect(pool.tick(now: start + .seconds(113)) == [.reportLeak(1, heldFor: .seconds(6))])
    }

    @Test("a broken connection released with nobody waiting is closed, and the next lease opens another")
    func brokenRelease() {
        var pool = PoolStateMachine(maximum: 1)
        _ = pool.adopt(1, now: .zero)
        _ = pool.leaseIdle(now: .zero)
        #expect(pool.release(1, reusable: false, now: .zero) == [.closeConnection(1)])
        #expect(pool.leaseIdle(now: .zero) == nil)
        #expect(pool.acquire(10, now: .zero) == [.openConnection])
    }
}
