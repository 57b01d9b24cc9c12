import Foundation
import MetricsTestKit
@testable import RepogenRuntime
import RepogenTesting
import Testing

@Suite("Connection pool: leases of idle connections without queueing, against PostgreSQL")
struct PoolLeaseTests {
    @Test("a released connection goes to the caller already waiting, not to a lease asked for after it")
    func releaseServesTheWaiterFirst() async throws {
        try await withTestDatabase(pool: .init(minimum: 1, maximum: 1)) { db throws in
            let held = try await db.pool.lease()
            let order = EventLog<String>()
            let finishWaiter = Gate()
            let waiter = Task {
                let pooled = try await db.pool.lease()
                await order.append("waiter")
                await finishWaiter.wait()
                db.pool.release(pooled)
            }
            try await db.waitForWaiters(count: 1)
            db.pool.release(held)
            let late = Task {
                let pooled = try await db.pool.lease()
                await order.append("late")
                db.pool.release(pooled)
            }
            try await db.waitForWaiters(count: 1)  // the late caller queues: nothing was left idle for it
            finishWaiter.open()
            try await waiter.value
            try await late.value
            #expect(await order.events == ["waiter", "late"])
            #expect(db.pool.figures == PoolFigures(open: 1, leased: 0, idle: 1, waiting: 0, maximum: 1))
        }
    }

    @Test("a cancelled task gets CancellationError even with a connection idle, which stays idle")
    func cancelledWithIdleConnection() async throws {
        try await withTestDatabase(pool: .init(minimum: 1, maximum: 1)) { db throws in
            let cancelled = Task {
                withUnsafeCurrentTask { $0?.cancel() }
                return try await db.pool.lease()
            }
            await #expect(throws: CancellationError.self) { _ = try await cancelled.value }
            #expect(db.pool.figures == PoolFigures(open: 1, leased: 0, idle: 1, waiting: 0, maximum: 1))
            #expect(try await db.scalar(Int32.self, "SELECT 1") == 1)
        }
    }

    @Test("an idle connection past its max lifetime is closed, not leased, and the caller gets a new one")
    func maxLifetimeHonoured() async throws {
        let pool = PoolConfiguration(
            minimum: 1, maximum: 1, maxLifetime: .milliseconds(300), lifetimeJitter: 0,
            validationInterval: nil, housekeepingInterval: .seconds(3600))
        try await withTestDatabase(pool: pool) { db throws in
            let pidSQL = "SELECT pg_backend_pid()"
            let first = try #require(try await db.scalar(Int32.self, pidSQL))
            try await Task.sleep(for: .milliseconds(400))  // let it expire; housekeeping never runs in between
            let second = try #require(try await db.scalar(Int32.self, pidSQL))
            #expect(second != first)
            #expect(db.pool.figures.open <= 1)  // the expired one is gone (the new one may expire in turn)
        }
    }

    @Test("a connection idle past the validation interval is checked before it is leased, and replaced if dead")
    func validationBeforeLease() async throws {
        let pool = PoolConfiguration(
            minimum: 1, maximum: 1, validationInterval: .milliseconds(100), housekeepingInterval: .seconds(3600))
        try await withTestDatabase(pool: pool) { db throws in
            let first = try await db.pool.lease()
            let pid = try #require(try await first.connection.scalar(Int32.self, "SELECT pg_backend_pid()"))
            db.pool.release(first)
            let admin = try await PostgresConnection.connect(DatabaseConfiguration(conninfo: db.configuration.conninfo))
            _ = try await admin.scalar(Bool.self, "SELECT pg_terminate_backend($1)", binds { $0.append(pid) })
            await admin.close()
            try await Task.sleep(for: .milliseconds(200))  // past the validation interval
            let second = try await db.pool.lease()
            #expect(second.connection !== first.connection)
            #expect(try await second.connection.scalar(Int32.self, "SELECT 1") == 1)
            db.pool.release(second)
        }
    }

    @Test("a database dropped without close lets go of its pool (the upkeep task holds it only until then)")
    func droppedDatabaseFreesItsPool() async throws {
        let testDatabase = try await TestPostgres.shared.makeDatabase(migrations: [])
        weak var pool: ConnectionPool?
        do {
            let db = try await testDatabase.connect(pool: .init(minimum: 1, maximum: 1))
            pool = db.pool
            #expect(try await db.scalar(Int32.self, "SELECT 1") == 1)
        }
        for _ in 0..<2000 where pool != nil {
            try await Task.sleep(for: .milliseconds(5))  // a bound for a leak, not a timing requirement
        }
        #expect(pool == nil)
    }

    @Test("the pool gauges follow leases and releases of idle connections")
    func gaugesFollowFastLeases() async throws {
        let metrics = TestMetrics()
        try await withTestDatabase(pool: .init(minimum: 1, maximum: 1), options: .init(metricsFactory: metrics)) {
            db throws in
            let pooled = try await db.pool.lease()
            #expect(try metrics.expectGauge(RepositoryMetricName.poolLeased).lastValue == 1)
            #expect(try metrics.expectGauge(RepositoryMetricName.poolIdle).lastValue == 0)
            db.pool.release(pooled)
            #expect(try metrics.expectGauge(RepositoryMetricName.poolLeased).lastValue == 0)
            #expect(try metrics.expectGauge(RepositoryMetricName.poolIdle).lastValue == 1)
            #expect(try metrics.expectGauge(RepositoryMetricName.poolOpen).lastValue == 1)
        }
    }
}
