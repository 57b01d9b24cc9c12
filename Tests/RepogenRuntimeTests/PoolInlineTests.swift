@testable import RepogenRuntime
import RepogenTesting
import Testing

/// A pool of four connections to a fresh test database whose clock moves only when the test moves it, so the
/// window of `RecentCallers` ends exactly when the test says; two tasks may wait inline at once.
private func pool(clock: ManualPoolClock, inlineWait: Duration = .microseconds(200)) async throws -> ConnectionPool {
    let database = try await TestPostgres.shared.makeDatabase(migrations: [])
    let pool = ConnectionPool(
        configuration: try DatabaseConfiguration(url: database.url),
        pool: PoolConfiguration(minimum: 0, maximum: 4, inlineWait: inlineWait), counter: StatementCounter(),
        clock: clock)
    pool.core.withLock { $0.state.callers = RecentCallers(capacity: 2) }
    for _ in 0..<4 {
        pool.adopt(try await pool.openConnection())
    }
    return pool
}

/// Runs `SELECT $1 + n` through the pool `count` times in a task of its own; returns the sums.
private func lookUps(_ pool: ConnectionPool, from start: Int, count: Int = 1) -> Task<[Int], any Error> {
    Task {
        var sums: [Int] = []
        for value in start..<(start + count) {
            let result = try await pool.execute(
                read("SELECT $1::bigint + 1000"), binds { $0.append(value) }, site: "test")
            sums.append(try result.decodeFirst { try $0.decode(Int.self, at: 0) } ?? -1)
        }
        return sums
    }
}

@Suite("Connection pool: few tasks wait for their replies inline, more queue for the threads, against PostgreSQL")
struct PoolInlineTests {
    @Test("two tasks running statements side by side wait inline; a third makes statements queue for a window")
    func inlineUntilCrowded() async throws {
        let clock = ManualPoolClock()
        let pool = try await pool(clock: clock)
        let (first, second) = (lookUps(pool, from: 0, count: 40), lookUps(pool, from: 100, count: 40))
        #expect(try await first.value == Array(1000..<1040))
        #expect(try await second.value == Array(1100..<1140))
        #expect(pool.queuedStatements.load(ordering: .relaxed) == 0)

        #expect(try await lookUps(pool, from: 7).value == [1007])  // a third task within the window: it queues
        #expect(pool.queuedStatements.load(ordering: .relaxed) == 1)
        #expect(try await lookUps(pool, from: 8).value == [1008])  // so does the next, though connections are idle
        #expect(pool.queuedStatements.load(ordering: .relaxed) == 2)

        clock.advance(by: RecentCallers.window + .milliseconds(1))
        #expect(try await lookUps(pool, from: 9).value == [1009])  // the window has passed: inline again
        #expect(pool.queuedStatements.load(ordering: .relaxed) == 2)
        withExtendedLifetime((first, second)) {}  // a freed task's identity could be reused by a later one
        await pool.close()
    }

    @Test("a task whose statement finds every connection leased is counted too, so the next new task queues")
    func countedWhileEveryConnectionIsLeased() async throws {
        let clock = ManualPoolClock()
        let pool = try await pool(clock: clock)
        let first = lookUps(pool, from: 0)  // kept alive to the end, so no later task reuses its identity
        #expect(try await first.value == [1000])  // task one: inline, counted
        var held: [PooledConnection] = []
        for _ in 0..<4 {
            held.append(try await pool.lease())
        }
        let second = lookUps(pool, from: 1)  // task two: nothing idle, so it queues; it must still be counted
        while pool.figures.waiting < 1 {
            try await Task.sleep(for: .milliseconds(5))  // waits for the queue, asserts no duration
        }
        held.forEach { pool.release($0) }
        #expect(try await second.value == [1001])
        #expect(pool.queuedStatements.load(ordering: .relaxed) == 1)

        let third = lookUps(pool, from: 2)
        #expect(try await third.value == [1002])  // task three: one too many, so it queues
        #expect(pool.queuedStatements.load(ordering: .relaxed) == 2)
        withExtendedLifetime((first, second)) {}
        await pool.close()
    }

    @Test("a task that gets its thread back late from a yield makes statements queue: other tasks wanted a thread")
    func lateYieldQueues() async throws {
        let clock = ManualPoolClock()
        let pool = try await pool(clock: clock)
        clock.advanceOnEveryRead(by: .milliseconds(1))  // so the yield after the 16th inline statement looks late
        #expect(try await lookUps(pool, from: 0, count: 20).value == Array(1000..<1020))  // one task: few tasks
        #expect(pool.queuedStatements.load(ordering: .relaxed) > 0)
        await pool.close()
    }

    @Test("with no inline wait a late yield changes nothing: no thread is held, so statements need not queue")
    func lateYieldWithoutInlineWait() async throws {
        let clock = ManualPoolClock()
        let pool = try await pool(clock: clock, inlineWait: .zero)
        clock.advanceOnEveryRead(by: .milliseconds(1))
        #expect(try await lookUps(pool, from: 0, count: 20).value == Array(1000..<1020))
        #expect(pool.queuedStatements.load(ordering: .relaxed) == 0)
        await pool.close()
    }
}
