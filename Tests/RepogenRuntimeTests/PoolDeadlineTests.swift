@testable import RepogenRuntime
import Testing

@Suite("Pool state machine: acquire deadlines and wake-ups under a manual clock (no database)")
struct PoolDeadlineTests {
    private func machine(timeout: Duration? = .seconds(2), tick: Duration? = .seconds(10)) -> ClockedPoolMachine {
        ClockedPoolMachine(maximum: 1, limits: .init(acquireTimeout: timeout, housekeepingInterval: tick))
    }

    /// A pool of one connection with housekeeping every second, leased to waiter 10, with `waiters` queued behind.
    private func leased(queueing waiters: [Int]) -> ClockedPoolMachine {
        var pool = machine(tick: .seconds(1))
        _ = pool.send { $0.startHousekeeping(now: $1) }
        _ = pool.send { $0.adopt(1, now: $1) }
        _ = pool.send { $0.acquire(10, now: $1) }
        for waiter in waiters {
            _ = pool.send { $0.acquire(waiter, now: $1) }
        }
        return pool
    }

    @Test("a waiter not served by its deadline fails with timedOut, even between housekeeping ticks")
    func acquireTimeout() {
        var pool = machine()
        #expect(pool.send { $0.startHousekeeping(now: $1) } == [])
        #expect(pool.wakeUps == [.seconds(10)])
        _ = pool.send { $0.adopt(1, now: $1) }
        #expect(pool.send { $0.acquire(10, now: $1) } == [.lease(1, to: 10)])
        #expect(pool.send { $0.acquire(11, now: $1) } == [])
        #expect(pool.wakeUps == [.seconds(10), .seconds(2)])  // its deadline comes before the next tick
        #expect(pool.advance(by: .milliseconds(1999)) == [])
        #expect(pool.machine.waiters.map(\.id) == [11])
        #expect(pool.advance(by: .milliseconds(1)) == [.fail(11, .timedOut)])
        #expect(pool.machine.waiters.isEmpty)
        #expect(pool.send { $0.release(1, reusable: true, now: $1) } == [])  // nobody waits any more
    }

    @Test("a waiter served before its deadline is never timed out; later waiters keep their own deadlines")
    func servedBeforeDeadline() {
        var pool = machine(tick: nil)
        _ = pool.send { $0.adopt(1, now: $1) }
        _ = pool.send { $0.acquire(10, now: $1) }
        _ = pool.send { $0.acquire(11, now: $1) }
        #expect(pool.advance(by: .seconds(1)) == [])
        _ = pool.send { $0.acquire(12, now: $1) }  // deadline at 3 s
        #expect(pool.send { $0.release(1, reusable: true, now: $1) } == [.lease(1, to: 11)])
        #expect(pool.advance(by: .seconds(1)) == [])  // 11's deadline passes: it was served
        #expect(pool.advance(by: .seconds(1)) == [.fail(12, .timedOut)])
    }

    @Test("a deadline after the next tick is seen by the wake-up that tick asks for")
    func deadlineAfterTick() {
        var pool = machine(timeout: .seconds(3), tick: .seconds(1))
        _ = pool.send { $0.startHousekeeping(now: $1) }
        _ = pool.send { $0.adopt(1, now: $1) }
        _ = pool.send { $0.acquire(10, now: $1) }
        _ = pool.send { $0.acquire(11, now: $1) }
        #expect(pool.wakeUps == [.seconds(1)])  // the tick comes first: no wake-up of its own
        #expect(pool.advance(by: .seconds(2)) == [])
        #expect(pool.advance(by: .seconds(1)) == [.fail(11, .timedOut)])
    }

    @Test("a cancelled waiter fails once, as cancelled, and its deadline later does nothing")
    func cancellation() {
        var pool = machine()
        _ = pool.send { $0.adopt(1, now: $1) }
        _ = pool.send { $0.acquire(10, now: $1) }
        _ = pool.send { $0.acquire(11, now: $1) }
        _ = pool.send { $0.acquire(12, now: $1) }
        #expect(pool.send { pool, _ in pool.cancel(11) } == [.fail(11, .cancelled)])
        #expect(pool.send { pool, _ in pool.cancel(11) } == [])
        #expect(pool.advance(by: .seconds(2)) == [.fail(12, .timedOut)])
    }

    @Test("a wake-up that arrives early or twice does only what is due")
    func staleWakeUps() {
        var pool = leased(queueing: [11])
        #expect(pool.send { $0.wakeUp(now: $1) } == [])  // nothing due at 0
        #expect(pool.machine.waiters.map(\.id) == [11])
        #expect(pool.advance(by: .seconds(2)) == [.fail(11, .timedOut)])
        #expect(pool.send { $0.wakeUp(now: $1) } == [])
    }

    @Test("housekeeping runs once per interval, refilling the minimum")
    func housekeepingTicks() {
        var pool = ClockedPoolMachine(maximum: 2, limits: .init(minimum: 1, housekeepingInterval: .seconds(1)))
        _ = pool.send { $0.startHousekeeping(now: $1) }
        #expect(pool.send { $0.startHousekeeping(now: $1) } == [])  // started once
        #expect(pool.advance(by: .milliseconds(999)) == [])
        #expect(pool.advance(by: .milliseconds(1)) == [.openConnection])
        #expect(pool.advance(by: .seconds(1)) == [])  // the connection is being opened: no second one
        #expect(pool.wakeUps == [.seconds(3)])
    }

    @Test("close fails every waiter, stops housekeeping and asks for no more wake-ups")
    func closeFailsWaiters() {
        var pool = leased(queueing: [11, 12])
        #expect(pool.send { pool, _ in pool.close() } == [.fail(11, .poolClosed), .fail(12, .poolClosed)])
        #expect(pool.advance(by: .seconds(5)) == [])
        #expect(pool.wakeUps.isEmpty)
        #expect(pool.send { $0.release(1, reusable: true, now: $1) } == [.closeConnection(1)])
    }
}
