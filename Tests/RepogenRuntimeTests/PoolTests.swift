import Foundation
@testable import RepogenRuntime
import RepogenTesting
import Testing

@Suite("Connection pool against PostgreSQL")
struct PoolTests {
    @Test("a lease asked for by an already cancelled task fails with CancellationError, not after the timeout")
    func cancelledBeforeQueueing() async throws {
        let pool = PoolConfiguration(minimum: 1, maximum: 1, acquireTimeout: .seconds(120))
        try await withTestDatabase(pool: pool) { db throws in
            let held = try await db.pool.lease()
            let late = Task {
                withUnsafeCurrentTask { $0?.cancel() }
                return try await db.pool.lease()
            }
            await #expect(throws: CancellationError.self) { _ = try await late.value }
            #expect(db.pool.figures.waiting == 0)
            db.pool.release(held)
        }
    }

    @Test("waiters get the single connection in the order they asked")
    func fifoFairness() async throws {
        try await withTestDatabase(pool: .init(minimum: 1, maximum: 1)) { db throws in
            let holding = Gate()
            let release = Gate()
            let log = EventLog<Int>()
            let holder = Task {
                try await db.transaction { _ in
                    holding.open()
                    await release.wait()
                }
            }
            await holding.wait()
            var waiters: [Task<Void, any Error>] = []
            for index in 1...5 {
                waiters.append(Task { try await db.transaction { _ in await log.append(index) } })
                try await db.waitForWaiters(count: index)
            }
            release.open()
            try await holder.value
            for waiter in waiters {
                try await waiter.value
            }
            #expect(await log.events == [1, 2, 3, 4, 5])
        }
    }

    @Test("a caller that cannot get a connection in time gets poolTimeout")
    func acquireTimeout() async throws {
        let pool = PoolConfiguration(minimum: 1, maximum: 1, acquireTimeout: .milliseconds(100))
        try await withTestDatabase(pool: pool) { db throws in
            let holding = Gate()
            let release = Gate()
            let holder = Task { try await db.transaction { _ in holding.open(); await release.wait() } }
            await holding.wait()
            let error = await #expect(throws: RepogenError.self) { try await db.runScript("SELECT 1") }
            #expect(error?.kind == .poolTimeout)
            release.open()
            try await holder.value
            try await db.runScript("SELECT 1")
        }
    }

    @Test("a connection whose backend was terminated is replaced, and the next call works")
    func brokenConnectionReplaced() async throws {
        try await withTestDatabase(pool: .init(minimum: 1, maximum: 1)) { db throws in
            let pidSQL = "SELECT pg_backend_pid()"
            let first = try #require(try await db.scalar(Int32.self, pidSQL))
            try await terminate(backend: first, using: db)
            let second = try #require(try await db.scalar(Int32.self, pidSQL))
            #expect(second != first)

            let error = await #expect(throws: RepogenError.self) {
                try await db.transaction { tx in
                    let pid = try #require(try await tx.scalar(Int32.self, pidSQL))
                    try await terminate(backend: pid, using: nil, url: db.configuration.conninfo)
                    _ = try await tx.scalar(Int32.self, pidSQL)
                }
            }
            #expect(error?.kind == .connectionFailed)
            let third = try #require(try await db.scalar(Int32.self, pidSQL))
            #expect(third != second)
        }
    }

    /// Terminates a backend from a separate connection and waits until it is gone.
    private func terminate(backend pid: Int32, using db: Database?, url: String? = nil) async throws {
        let conninfo = try #require(url ?? db?.configuration.conninfo)
        let admin = try await PostgresConnection.connect(DatabaseConfiguration(conninfo: conninfo))
        _ = try await admin.scalar(Bool.self, "SELECT pg_terminate_backend($1)", binds { $0.append(pid) })
        let aliveSQL = "SELECT count(*) FROM pg_stat_activity WHERE pid = $1"
        while try await admin.scalar(Int.self, aliveSQL, binds { $0.append(pid) }) != 0 {
            try await Task.sleep(for: .milliseconds(5))
        }
        await admin.close()
    }

    @Test("close fails waiting callers and later calls with poolClosed")
    func closeFailsWaiters() async throws {
        let testDatabase = try await TestPostgres.shared.makeDatabase(migrations: [])
        let db = try await testDatabase.connect(pool: .init(minimum: 1, maximum: 1))
        let holding = Gate()
        let release = Gate()
        let holder = Task { try await db.transaction { _ in holding.open(); await release.wait() } }
        await holding.wait()
        let waiter = Task { try await db.runScript("SELECT 1") }
        while db.pool.figures.waiting < 1 {
            try await Task.sleep(for: .milliseconds(5))
        }
        await db.close()
        let waiterError = await #expect(throws: RepogenError.self) { try await waiter.value }
        #expect(waiterError?.kind == .poolClosed)
        release.open()
        try await holder.value
        let later = await #expect(throws: RepogenError.self) { try await db.runScript("SELECT 1") }
        #expect(later?.kind == .poolClosed)
    }

    @Test("the pool grows to its maximum under concurrent load and counts every statement")
    func concurrentLoad() async throws {
        try await withTestDatabase(pool: .init(minimum: 1, maximum: 4)) { db throws in
            let before = db.statementsExecuted
            try await withThrowingTaskGroup(of: Int32?.self) { group in
                for _ in 0..<40 {
                    group.addTask { try await db.scalar(Int32.self, "SELECT pg_backend_pid()") }
                }
                var pids = Set<Int32>()
                for try await pid in group {
                    pids.insert(try #require(pid))
                }
                #expect((1...4).contains(pids.count))
            }
            #expect(db.statementsExecuted - before == 40)
        }
    }
}
