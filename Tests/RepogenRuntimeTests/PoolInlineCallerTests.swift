@testable import RepogenRuntime
import Testing

@Suite("Pool state machine: which statements wait inline, by how many tasks run them (no database)")
struct PoolInlineCallerTests {
    let window = RecentCallers.window

    /// A pool of four idle connections that lets `capacity` tasks wait inline.
    private func pool(capacity: Int = 2) -> PoolStateMachine {
        var pool = PoolStateMachine(maximum: 4, limits: .init(inlineCallers: capacity))
        for connection in 1...4 {
            _ = pool.adopt(connection, now: .zero)
        }
        return pool
    }

    @Test("as many tasks as the capacity each lease an idle connection inline, again and again")
    func fewTasksWaitInline() {
        var state = pool()
        for step in 0..<10 {
            let now = Duration.milliseconds(step)
            let first = state.leaseInline(for: 7, now: now)
            let second = state.leaseInline(for: 8, now: now)
            #expect(first != nil && second != nil && first != second)
            _ = state.release(first!, reusable: true, now: now)
            _ = state.release(second!, reusable: true, now: now)
        }
    }

    @Test("one task more than the capacity makes statements queue for a window, then inline again")
    func oneTaskTooMany() {
        var state = pool()
        let first = state.leaseInline(for: 7, now: .zero)
        _ = state.leaseInline(for: 8, now: .zero)
        let third = state.leaseInline(for: 9, now: .milliseconds(1))
        #expect(third == nil)  // crowded: it queues
        let firstAgain = state.leaseInline(for: 7, now: .milliseconds(2))
        #expect(firstAgain == nil)  // and so does everyone, though connections are idle
        #expect(state.idle.count == 2)
        _ = state.release(first!, reusable: true, now: .milliseconds(2))
        let justBefore = state.leaseInline(for: 7, now: .milliseconds(1) + window - .microseconds(1))
        #expect(justBefore == nil)
        let after = state.leaseInline(for: 7, now: .milliseconds(1) + window)  // the window since task 9 ended
        #expect(after != nil)
    }

    @Test("while crowded, a caller that finds nothing leased queues too: ready tasks may be waiting for a thread")
    func queuesWhileCrowdedThoughNothingIsLeased() {
        var state = pool()
        var leased: [Int] = []
        for task in 1...3 {
            let connection = state.leaseInline(for: task, now: .zero)
            leased += connection.map { [$0] } ?? []
        }
        #expect(leased.count == 2)  // the third task made it crowded
        for connection in leased {
            _ = state.release(connection, reusable: true, now: .zero)
        }
        for task in 1...4 {  // every connection idle, as when the other tasks are ready but not running
            let connection = state.leaseInline(for: task, now: .milliseconds(task))
            #expect(connection == nil)
        }
    }

    @Test("a task quiet for longer than the window gives its place to a new one without crowding")
    func quietTaskReplaced() {
        var callers = RecentCallers(capacity: 2)
        let (first, second) = (callers.note(7, now: .zero), callers.note(8, now: .zero))
        #expect(first && second)
        let newcomer = callers.note(9, now: window + .milliseconds(1))
        #expect(newcomer)  // 7 and 8 have both gone quiet
        let returning = callers.note(8, now: window + .milliseconds(2))
        #expect(returning)  // 8 takes the other quiet place
        let oneTooMany = callers.note(7, now: window + .milliseconds(3))
        #expect(!oneTooMany)  // 9 and 8 are recent
    }

    @Test("an inline lease follows leaseIdle: nothing past a waiter, nothing due for validation")
    func followsLeaseIdle() {
        var state = PoolStateMachine(maximum: 1, limits: .init(validationInterval: .seconds(30), inlineCallers: 4))
        _ = state.adopt(1, now: .zero)
        let leased = state.leaseInline(for: 7, now: .zero)
        #expect(leased == 1)
        let queued = state.acquire(10, now: .zero)
        #expect(queued == [])
        let behind = state.leaseInline(for: 8, now: .zero)
        #expect(behind == nil)  // nothing idle, and waiter 10 is first in line
        let handedOn = state.release(1, reusable: true, now: .zero)
        #expect(handedOn == [.lease(1, to: 10)])
        _ = state.release(1, reusable: true, now: .zero)
        let stale = state.leaseInline(for: 7, now: .seconds(31))
        #expect(stale == nil)  // idle too long: acquire validates it first
        let validated = state.acquire(11, now: .seconds(31))
        #expect(validated == [.lease(1, to: 11, validate: true)])
    }

    @Test("threads seen taken make statements queue for the window from then, never shortening a crowded window")
    func crowdedByTakenThreads() {
        var callers = RecentCallers(capacity: 2)
        callers.crowd(now: .milliseconds(5))
        let during = callers.note(7, now: .milliseconds(5) + window - .microseconds(1))
        #expect(!during)  // one task alone, yet it queues
        callers.crowd(now: .milliseconds(1))  // an older sighting keeps the later end
        let stillDuring = callers.note(7, now: .milliseconds(5) + window - .microseconds(1))
        #expect(!stillDuring)
        let after = callers.note(7, now: .milliseconds(5) + window)
        #expect(after)
    }
}
