@testable import RepogenRuntime
import Testing

@Suite("Pool state machine: riders joining a read's pipeline, never overtaking (no database)")
struct PoolRiderTests {
    typealias Want = PoolStateMachine.Want

    static let read = Want.statement(sharesPipeline: true, bindBytes: 8)
    static let write = Want.statement(sharesPipeline: false, bindBytes: 8)
    static let bigRead = Want.statement(sharesPipeline: true, bindBytes: 8 * 1024 + 1)

    /// A pool of one connection, leased to waiter 1, with `queued` waiting behind it as waiters 2, 3, ...
    private func pool(depth: Int = 4, queued: [Want]) -> PoolStateMachine {
        var pool = PoolStateMachine(maximum: 1, limits: .init(pipelineDepth: depth))
        _ = pool.adopt(100, now: .zero)
        _ = pool.acquire(1, wants: Self.read, now: .zero)
        for (offset, want) in queued.enumerated() {
            #expect(pool.acquire(offset + 2, wants: want, now: .zero) == [])
        }
        return pool
    }

    @Test("reads at the front ride along, oldest first, up to pipelineDepth - 1")
    func depthLimit() {
        var state = pool(depth: 3, queued: [Self.read, Self.read, Self.read])
        #expect(state.takeRiders(joining: Self.read) == [2, 3])
        #expect(state.waiters.map(\.id) == [4])
    }

    @Test("a transaction waiting for a connection is never overtaken: riders stop at it")
    func stopsAtLeaseWaiter() {
        var state = pool(queued: [Self.read, .connection, Self.read])
        #expect(state.takeRiders(joining: Self.read) == [2])
        #expect(state.takeRiders(joining: Self.read) == [])  // the transaction is at the front now
        #expect(state.release(100, reusable: true, now: .zero) == [.lease(100, to: 3)])
        #expect(state.waiters.map(\.id) == [4])
    }

    @Test("a write at the front runs alone, and nobody rides past it")
    func stopsAtWrite() {
        var state = pool(queued: [Self.write, Self.read])
        #expect(state.takeRiders(joining: Self.read) == [])
        #expect(state.waiters.map(\.id) == [2, 3])
    }

    @Test("a read with binds over the byte limit neither rides nor takes riders")
    func byteLimit() {
        var state = pool(queued: [Self.bigRead, Self.read])
        #expect(state.takeRiders(joining: Self.read) == [])
        #expect(state.takeRiders(joining: Self.bigRead) == [])
        var small = pool(queued: [Self.read])
        #expect(small.takeRiders(joining: Self.bigRead) == [])
        #expect(small.takeRiders(joining: Self.read) == [2])
    }

    @Test("a write takes no riders, nor does a pipeline of depth 1")
    func noLeader() {
        var state = pool(queued: [Self.read])
        #expect(state.takeRiders(joining: Self.write) == [])
        var shallow = pool(depth: 1, queued: [Self.read])
        #expect(shallow.takeRiders(joining: Self.read) == [])
        #expect(shallow.waiters.map(\.id) == [2])
    }

    @Test("waiters left after riders keep their order: the next release serves the oldest")
    func fifoAfterRiders() {
        var state = pool(depth: 2, queued: [Self.read, Self.read, .connection, Self.write])
        #expect(state.takeRiders(joining: Self.read) == [2])
        var served: [Int] = []
        for _ in 0..<3 {
            guard case .lease(100, let waiter, _)? = state.release(100, reusable: true, now: .zero).first else {
                Issue.record("expected a lease")
                return
            }
            served.append(waiter)
        }
        #expect(served == [3, 4, 5])
    }
}
