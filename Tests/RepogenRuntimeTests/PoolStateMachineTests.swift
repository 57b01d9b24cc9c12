@testable import RepogenRuntime
import Testing

@Suite("Pool state machine (no database)")
struct PoolStateMachineTests {
    @Test("an idle connection is leased at once; a second waiter makes the pool grow")
    func leaseAndGrow() {
        var pool = PoolStateMachine(maximum: 2)
        #expect(pool.adopt(1) == [])
        #expect(pool.acquire(10) == [.lease(1, to: 10)])
        #expect(pool.acquire(11) == [.openConnection])
        #expect(pool.acquire(12) == [])  // at maximum: waits
        #expect(pool.connectionOpened(2) == [.lease(2, to: 11)])
        #expect(pool.total == 2)
    }

    @Test("waiters are served first come, first served")
    func fifo() {
        var pool = PoolStateMachine(maximum: 1)
        _ = pool.adopt(1)
        _ = pool.acquire(10)
        for waiter in 11...14 {
            #expect(pool.acquire(waiter) == [])
        }
        var order: [Int] = []
        for _ in 11...14 {
            let actions = pool.release(1, reusable: true)
            guard case .lease(1, let waiter) = actions.first else {
                Issue.record("expected a lease, got \(actions)")
                return
            }
            order.append(waiter)
        }
        #expect(order == [11, 12, 13, 14])
        #expect(pool.release(1, reusable: true) == [])
        #expect(pool.idle == [1])
    }

    @Test("waiters served without a connection (pipelined riders) leave from the front, in order")
    func ridersLeaveFromTheFront() {
        var pool = PoolStateMachine(maximum: 1)
        _ = pool.adopt(1)
        _ = pool.acquire(10)
        _ = pool.acquire(11)
        _ = pool.acquire(12)
        #expect(pool.serveOldestWithoutConnection() == 11)
        #expect(pool.release(1, reusable: true) == [.lease(1, to: 12)])
        #expect(pool.serveOldestWithoutConnection() == nil)
        #expect(pool.figures == PoolFigures(open: 1, leased: 1, idle: 0, waiting: 0, maximum: 1))
    }

    @Test("a broken connection is closed and a replacement opened for the next waiter")
    func brokenConnectionReplaced() {
        var pool = PoolStateMachine(maximum: 1)
        _ = pool.adopt(1)
        _ = pool.acquire(10)
        #expect(pool.acquire(11) == [])
        #expect(pool.release(1, reusable: false) == [.closeConnection(1), .openConnection])
        #expect(pool.connectionOpened(2) == [.lease(2, to: 11)])
        #expect(pool.release(2, reusable: false) == [.closeConnection(2)])
        #expect(pool.total == 0)
    }

    @Test("timeouts and cancellation remove only unserved waiters")
    func timeoutsAndCancellation() {
        var pool = PoolStateMachine(maximum: 1)
        _ = pool.adopt(1)
        _ = pool.acquire(10)
        _ = pool.acquire(11)
        _ = pool.acquire(12)
        #expect(pool.timeOut(11) == [.fail(11, .timedOut)])
        #expect(pool.timeOut(10) == [])  // already served
        #expect(pool.cancel(12) == [.fail(12, .cancelled)])
        #expect(pool.waiters.isEmpty)
    }

    @Test("a failed open fails the oldest waiter and retries for the rest")
    func openFailure() {
        var pool = PoolStateMachine(maximum: 1)
        #expect(pool.acquire(10) == [.openConnection])
        #expect(pool.acquire(11) == [])
        #expect(pool.connectionFailedToOpen() == [.fail(10, .connectFailed), .openConnection])
        #expect(pool.connectionOpened(1) == [.lease(1, to: 11)])
    }

    @Test("close fails waiters, closes idle connections, and closes leased ones on release")
    func close() {
        var pool = PoolStateMachine(maximum: 2)
        _ = pool.adopt(1)
        _ = pool.adopt(2)
        _ = pool.acquire(10)
        _ = pool.acquire(11)
        _ = pool.release(2, reusable: true)
        _ = pool.acquire(12)
        #expect(pool.release(1, reusable: true) == [])
        _ = pool.acquire(13)
        let leasedBefore = pool.leased
        #expect(leasedBefore.count == 2)
        #expect(pool.acquire(14) == [])
        #expect(pool.close() == [.fail(14, .poolClosed)])
        #expect(pool.acquire(15) == [.fail(15, .poolClosed)])
        for id in leasedBefore.sorted() {
            #expect(pool.release(id, reusable: true) == [.closeConnection(id)])
        }
        #expect(pool.adopt(3) == [.closeConnection(3)])
    }
}
