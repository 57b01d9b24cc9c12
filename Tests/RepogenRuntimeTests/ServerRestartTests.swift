import Foundation
@testable import RepogenRuntime
import RepogenTesting
import Testing

/// Each test here starts a PostgreSQL cluster of its own, so stopping it disturbs no other test.
@Suite("Server restart and a database that starts down (dedicated clusters)", .enabled(if: TestCluster.isAvailable))
struct ServerRestartTests {
    @Test("pg_ctl restart under load: callers get typed errors, not hangs, and service resumes")
    func restartUnderLoad() async throws {
        let cluster = try await TestCluster.start()
        let url = try await cluster.createDatabase("restart")
        let pool = PoolConfiguration(minimum: 2, maximum: 4, acquireTimeout: .seconds(2), connectTimeout: .seconds(2))
        let db = try await Database.connect(url: url, pool: pool, options: faultOptions(attempts: 3))
        try await db.runScript("CREATE TABLE items (id bigint PRIMARY KEY)")
        let ledger = WriteLedger()
        let ids = IDSource()
        let slowest = Locked(Duration.zero)
        let stop = ContinuousClock.now + .seconds(3)
        try await withThrowingTaskGroup(of: Void.self) { group in
            for _ in 0..<2 {
                group.addTask {
                    while ContinuousClock.now < stop {
                        let id = ids.next()
                        let started = ContinuousClock.now
                        do {
                            try await insertItem(db, id)
                            await ledger.record(id, .success(()))
                        } catch {
                            await ledger.record(id, .failure(error))
                            try? await Task.sleep(for: .milliseconds(20))
                        }
                        let elapsed = ContinuousClock.now - started
                        slowest.withLock { $0 = max($0, elapsed) }
                    }
                }
            }
            group.addTask {
                try await Task.sleep(for: .milliseconds(500))
                try await cluster.restart()
            }
            try await group.waitForAll()
        }
        let resumed = await eventually(within: .seconds(10)) { (try? await storedIDs(db)) != nil }
        #expect(resumed, "service resumes once the server is back")
        #expect(slowest.current < .seconds(15), "no call hung while the server was down")
        let stored = try await storedIDs(db)
        #expect(await ledger.committed.isSubset(of: stored))
        #expect(await ledger.failed.isDisjoint(with: stored))
        await db.close()
        await cluster.destroy()
    }

    @Test("while the server is down the breaker opens and fails fast; it closes once the server is back")
    func breakerWhileDown() async throws {
        let cluster = try await TestCluster.start()
        let url = try await cluster.createDatabase("breaker")
        let pool = PoolConfiguration(minimum: 1, maximum: 2, acquireTimeout: .seconds(2), connectTimeout: .seconds(2))
        let options = DatabaseOptions(
            retry: .never, circuitBreaker: .init(failureThreshold: 2, openDuration: .milliseconds(300)),
            slowQueryThreshold: nil)
        let db = try await Database.connect(url: url, pool: pool, options: options)
        try await cluster.stop()
        var kinds: [RepogenError.Kind] = []
        for _ in 0..<4 {
            do {
                try await db.runScript("SELECT 1")
            } catch let error as RepogenError {
                kinds.append(error.kind)
            }
        }
        #expect(kinds.allSatisfy { [.connectionFailed, .circuitOpen].contains($0) })
        #expect(kinds.last == .circuitOpen)
        #expect(db.circuitBreakerState == .open)
        let health = await db.health()
        #expect(!health.isReachable && !health.isHealthy)
        try await cluster.startServer()
        let closed = await eventually(within: .seconds(10)) {
            (try? await db.runScript("SELECT 1")) != nil && db.circuitBreakerState == .closed
        }
        #expect(closed)
        await db.close()
        await cluster.destroy()
    }

    @Test("starting with the database down gives a clear connection error, then success once it is up")
    func startWhileDown() async throws {
        let cluster = try await TestCluster.start()
        let url = try await cluster.createDatabase("late")
        try await cluster.stop()
        let pool = PoolConfiguration(minimum: 1, maximum: 2, connectTimeout: .seconds(2))
        let error = await #expect(throws: RepogenError.self) { try await Database.connect(url: url, pool: pool) }
        #expect(error?.kind == .connectionFailed)
        #expect(error?.message.isEmpty == false)
        try await cluster.startServer()
        let db = try await Database.connect(url: url, pool: pool)
        try await db.runScript("SELECT 1")
        await db.close()
        await cluster.destroy()
    }
}
