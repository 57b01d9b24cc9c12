import Logging
import MetricsTestKit
@testable import RepogenRuntime
import RepogenTesting
import ServiceLifecycle
import Testing

@Suite("Metrics, statistics, health, shutdown and the lifecycle service")
struct ObservabilityTests {
    @Test("queries, errors and pool gauges are reported under the documented names")
    func metrics() async throws {
        let metrics = TestMetrics()
        try await withTestDatabase(options: DatabaseOptions(metricsFactory: metrics)) { db in
            let find = PostgresStatement(name: "repogen_quotes_find", sql: "SELECT 1", parameterTypes: [])
            for _ in 0..<3 {
                _ = try await db.run(find, PostgresBindings())
            }
            _ = try? await db.run(statement("SELECT * FROM no_such_table"), PostgresBindings())
            let queries = try metrics.expectCounter(
                RepositoryMetricName.queries, [("operation", "find"), ("entity", "quotes")])
            #expect(queries.totalValue == 3)
            let failed = [("operation", "query"), ("entity", "unknown"), ("sqlstate_class", "42")]
            #expect(try metrics.expectCounter(RepositoryMetricName.errors, failed).totalValue == 1)
            let timer = try metrics.expectTimer(
                RepositoryMetricName.queryDuration, [("operation", "find"), ("entity", "quotes")])
            #expect(timer.values.count == 3)
            #expect(try metrics.expectGauge(RepositoryMetricName.poolOpen).lastValue == 1)
            #expect(try metrics.expectGauge(RepositoryMetricName.breakerState).lastValue == 0)
            let stats = db.statementStatistics().first { $0.statement == "repogen_quotes_find" }
            #expect(stats?.count == 3)
            #expect(stats.map { $0.p50 <= $0.p95 && $0.p95 <= $0.p99 } == true)
        }
    }

    @Test("health reports reachability, pool figures, breaker state and migrations")
    func health() async throws {
        let migration = Migration(version: 1, name: "items", up: "CREATE TABLE items (id int)", down: nil)
        try await withTestDatabase(migrations: [migration]) { db in
            let health = await db.health(migrations: [migration])
            #expect(health.isReachable && health.isHealthy)
            #expect(health.latency != nil)
            #expect(health.pool.open >= 1)
            #expect(health.circuitBreaker == .closed)
            #expect(health.migrations?.applied == [1])
            let next = Migration(version: 2, name: "more", up: "CREATE TABLE more (id int)", down: nil)
            let behind = await db.health(migrations: [migration, next])
            #expect(behind.migrations?.pending == [2])
            #expect(!behind.isHealthy)
        }
    }

    @Test("shutdown waits for a lease to come back within its grace period")
    func gracefulShutdown() async throws {
        let testDB = try await TestPostgres.shared.makeDatabase(migrations: [])
        let db = try await testDB.connect()
        let holding = Gate()
        let holder = Task {
            try await db.transaction { _ in
                holding.open()
                try await Task.sleep(for: .milliseconds(200))
            }
        }
        await holding.wait()
        #expect(await db.shutdown(gracePeriod: .seconds(10)))
        try await holder.value
        let error = await #expect(throws: RepogenError.self) { try await db.runScript("SELECT 1") }
        #expect(error?.kind == .poolClosed)
    }

    @Test("DatabaseService shuts the database down when its service group stops")
    func service() async throws {
        let testDB = try await TestPostgres.shared.makeDatabase(migrations: [])
        let db = try await testDB.connect()
        let group = ServiceGroup(
            services: [DatabaseService(db, gracePeriod: .seconds(5))], gracefulShutdownSignals: [],
            cancellationSignals: [], logger: Logger(label: "test"))
        let running = Task { try await group.run() }
        try await db.runScript("SELECT 1")
        await group.triggerGracefulShutdown()
        try await running.value
        let error = await #expect(throws: RepogenError.self) { try await db.runScript("SELECT 1") }
        #expect(error?.kind == .poolClosed)
    }
}
