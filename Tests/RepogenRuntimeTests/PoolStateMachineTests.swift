@testable import RepogenRuntime
import Testing

@Suite("Pool state machine (no database)")
struct PoolStateMachineTests {
    @Test("an idle connection is leased at once; a second waiter makes the pool grow")
    func leaseAndGrow() {
        var pool = PoolStateMachine(maximum: 2)
        #expect(pool.adopt(1, now: .zero) == [])
        #expect(pool.acquire(10, now: .zero) == [.lease(1, to: 10)])
        #expect(pool.acquire(11, now: .zero) == [.openConnection])
        #expect(pool.acquire(12, now: .zero) == [])  // at maximum: waits
        #expect(pool.connectionOpened(2, now: .zero) == [.lease(2, to: 11)])
        #expect(pool.total == 2)
    }

    @Test("waiters are served first come, first served")
    func fifo() {
        var pool = PoolStateMachine(maximum: 1)
        _ = pool.adopt(1, now: .zero)
        _ = pool.acquire(10, now: .zero)
        for waiter in 11...14 {
            #expect(pool.acquire(waiter, now: .zero) == [])
        }
        var order: [Int] = []
        for _ in 11...14 {
            let actions = pool.release(1, reusable: true, now: .zero)
            guard case .lease(1, let waiter, _) = actions.first else {
                Issue.record("expected a lease, got \(actions)")
                return
            }
            order.append(waiter)
        }
        #expect(order == [11, 12, 13, 14])
        #expect(pool.release(1, reusable: true, now: .zero) == [])
        #expect(pool.idle == [1])
    }

    @Test("a broken connection is closed and a replacement opened for the next waiter")
    func brokenConnectionReplaced() {
        var pool = PoolStateMachine(maximum: 1)
        _ = pool.adopt(1, now: .zero)
        _ = pool.acquire(10, now: .zero)
        #expect(pool.acquire(11, now: .zero) == [])
        #expect(pool.release(1, reusable: false, now: .zero) == [.closeConnection(1), .openConnection])
        #expect(pool.connectionOpened(2, now: .zero) == [.lease(2, to: 11)])
        #expect(pool.release(2, reusable: false, now: .zero) == [.closeConnection(2)])
        #expect(pool.total == 0)
    }

    @Test("cancellation removes only an unserved waiter")
    func cancellation() {
        var pool = PoolStateMachine(maximum: 1)
        _ = pool.adopt(1, now: .zero)
        _ = pool.acquire(10, now: .zero)
        _ = pool.acquire(11, now: .zero)
        _ = pool.acquire(12, now: .zero)
        #expect(pool.cancel(10) == [])  // already served
        #expect(pool.cancel(12) == [.fail(12, .cancelled)])
        #expect(pool.release(1, reusable: true, now: .zero) == [.lease(1, to: 11)])
        #expect(pool.waiters.isEmpty)
    }

    @Test("a failed open fails the oldest waiter and retries for the rest")
    func openFailure() {
        var pool = PoolStateMachine(maximum: 1)
        #expect(pool.acquire(10, now: .zero) == [.openConnection])
        #expect(pool.acquire(11, now: .zero) == [])
        #expect(pool.connectionFailedToOpen(now: .zero) == [.fail(10, .connectFailed), .openConnection])
        #expect(pool.connectionOpened(1, now: .zero) == [.lease(1, to: 11)])
    }

    @Test("close fails waiters, closes idle connections, and closes leased ones on release")
    func close() {
        var pool = PoolStateMachine(maximum: 2)
        _ = pool.adopt(1, now: .zero)
        _ = pool.adopt(2, now: .zero)
        _ = pool.acquire(10, now: .zero)
        _ = pool.acquire(11, now: .zero)
        _ = pool.release(2, reusable: true, now: .zero)
        _ = pool.acquire(12, now: .zero)
        #expect(pool.release(1, reusable: true, now: .zero) == [])
        _ = pool.acquire(13, now: .zero)
        let leasedBefore = pool.leased
        #expect(leasedBefore.count == 2)
        #expect(pool.acquire(14, now: .zero) == [])
        #expect(pool.close() == [.fail(14, .poolClosed)])
        #expect(pool.acquire(15, now: .zero) == [.fail(15, .poolClosed)])
        for id in leasedBefore.sorted() {
            #expect(pool.release(id, reusable: true, now: .zero) == [.closeConnection(id)])
        }
        #expect(pool.adopt(3, now: .zero) == [.closeConnection(3)])
    }
}
