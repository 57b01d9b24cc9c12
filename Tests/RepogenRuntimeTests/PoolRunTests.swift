@testable import RepogenRuntime
import Synchronization
import Testing

/// A pool that never reaches a server: it has no connections and nobody asks it for one.
private func idlePool(clock: ManualPoolClock) throws -> ConnectionPool {
    ConnectionPool(
        configuration: try DatabaseConfiguration(url: "postgres://nobody@127.0.0.1:1/none"),
        pool: PoolConfiguration(minimum: 0, maximum: 1, housekeepingInterval: .seconds(1)),
        counter: StatementCounter(), clock: clock)
}

/// Waits until the pool's `run()` has asked for its first wake-up, so that a sleeping child task exists.
private func untilWakeUpPending(_ pool: ConnectionPool) async throws {
    for _ in 0..<2000 where pool.core.withLock({ $0.state.pendingWakeUp }) == nil {
        try await Task.sleep(for: .milliseconds(5))  // a bound for a hang, not a timing requirement
    }
}

@Suite("Connection pool: run() and the end of its background work (no database)")
struct PoolRunTests {
    @Test("run() asks for the first housekeeping wake-up and ends when the pool closes, though it is still pending")
    func runEndsOnClose() async throws {
        let clock = ManualPoolClock()
        let pool = try idlePool(clock: clock)
        let ended = Mutex(false)
        Task {
            await pool.run()
            ended.withLock { $0 = true }
        }
        try await untilWakeUpPending(pool)
        #expect(pool.core.withLock { $0.state.pendingWakeUp } == .seconds(1))
        await pool.close()
        for _ in 0..<2000 where !ended.withLock({ $0 }) {
            try await Task.sleep(for: .milliseconds(5))  // the wake-up sleeping on the manual clock must be cancelled
        }
        #expect(ended.withLock { $0 })
        #expect(pool.core.withLock { $0.state.isClosed })
    }

    @Test("the task startRunning starts lets go of the pool once the pool closes, and once it is stopped")
    func ownedTaskLetsGo() async throws {
        for stop in [false, true] {
            weak var weakPool: ConnectionPool?
            do {
                let pool = try idlePool(clock: ManualPoolClock())
                weakPool = pool
                pool.startRunning()
                try await untilWakeUpPending(pool)
                if stop {
                    pool.stopRunning()
                } else {
                    await pool.close()
                }
            }
            for _ in 0..<2000 where weakPool != nil {
                try await Task.sleep(for: .milliseconds(5))  // a bound for a leak, not a timing requirement
            }
            #expect(weakPool == nil, "stopped: \(stop)")
        }
    }
}
