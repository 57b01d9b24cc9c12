import Logging
import MetricsTestKit
@testable import RepogenRuntime
import RepogenTesting
import Testing

/// Statements inside transactions, the cache tiers in health, and the opt-in bind value log.
extension ObservabilityTests {
    @Test("each statement inside a transaction is counted, timed and recorded like one on the database")
    func statementsInsideTransactions() async throws {
        let metrics = TestMetrics()
        try await withTestDatabase(options: DatabaseOptions(metricsFactory: metrics)) { db in
            let find = PostgresStatement(name: "repogen_quotes_find", sql: "SELECT 1", parameterTypes: [])
            let labelled = PostgresStatement(
                name: "custom_touch", sql: "SELECT 2", parameterTypes: [], entity: "widgets", operation: "touch")
            let count = 5
            try await db.transaction { tx in
                for _ in 0..<count - 1 {
                    _ = try await tx.run(find, PostgresBindings())
                }
                try await tx.transaction { savepoint in _ = try await savepoint.run(find, PostgresBindings()) }
                _ = try await tx.run(labelled, PostgresBindings())
            }
            let finds = [("operation", "find"), ("entity", "quotes")]
            #expect(try metrics.expectCounter(RepositoryMetricName.queries, finds).totalValue == count)
            #expect(try metrics.expectTimer(RepositoryMetricName.queryDuration, finds).values.count == count)
            let touches = [("operation", "touch"), ("entity", "widgets")]
            #expect(try metrics.expectCounter(RepositoryMetricName.queries, touches).totalValue == 1)
            let units = [("operation", "transaction"), ("entity", "none")]
            #expect(try metrics.expectCounter(RepositoryMetricName.queries, units).totalValue == 1)
            let statistics = db.statementStatistics()
            #expect(statistics.first { $0.statement == "repogen_quotes_find" }?.count == count)
            #expect(statistics.first { $0.statement == "custom_touch" }?.count == 1)
        }
    }

    @Test("health reports the cache tiers when a cache is enabled, and none when it is off")
    func healthWithCache() async throws {
        try await withCachedItems { db, _ in
            let repository = CachedItemRepository(db)
            _ = try await repository.find(id: 1)
            _ = try await repository.find(id: 1)
            let cache = try #require(await db.health().cache)
            #expect(cache.l1Entries == 1)
            #expect(cache.l1Bytes > 0)
            #expect(cache.l1HitRatio == 0.5)
            #expect(cache.listenerConnected)
            #expect(!cache.l2Configured)
            #expect(cache.l2Failures == 0)
            #expect("\(await db.health())".contains("L1 1 entries"))
            await db.disableCache()
            #expect(await db.health().cache == nil)
        }
    }

    @Test("bind values are logged only when logBindValues is on", arguments: [false, true])
    func bindValueLogging(_ enabled: Bool) async throws {
        let records = LogRecords()
        let logger = Logger(label: "bind-log-test") { _ in RecordingLogHandler(records: records) }
        let options = DatabaseOptions(slowQueryThreshold: nil, logger: logger, logBindValues: enabled)
        let echo = PostgresStatement(name: "echo", sql: "SELECT $1::text, $2::int8", parameterTypes: [.text, .int8])
        let failing = PostgresStatement(name: "failing", sql: "SELECT $1::text::int", parameterTypes: [.text])
        var binds = PostgresBindings(capacity: 2)
        binds.append("marker-on-db")
        binds.append(Int64(-42))
        var inside = PostgresBindings(capacity: 2)
        inside.append("marker-in-tx")
        inside.append(Optional<Int64>.none)
        var bad = PostgresBindings(capacity: 1)
        bad.append("marker-failed")
        try await withTestDatabase(options: options) { db in
            _ = try await db.run(echo, binds)
            try await db.transaction { tx in _ = try await tx.run(echo, inside) }
            _ = try? await db.run(failing, bad)
        }
        let lines = records.all
        #expect(lines.contains { $0.hasPrefix("statement ") && $0.contains("echo") })
        for marker in ["marker-on-db", "marker-in-tx", "marker-failed"] {
            #expect(lines.contains { $0.contains(marker) } == enabled, "\(marker)")
        }
        if enabled {
            #expect(lines.contains { $0.contains("$1='marker-on-db', $2=-42") })
            #expect(lines.contains { $0.contains("$1='marker-in-tx', $2=NULL") })
            #expect(lines.contains { $0.hasPrefix("statement failed") && $0.contains("$1='marker-failed'") })
        } else {
            #expect(!lines.contains { $0.contains("binds") })
        }
    }

    @Test("bind values render readably by type")
    func bindValueRendering() {
        var binds = PostgresBindings()
        binds.append(true)
        binds.append(Int32(-7))
        binds.append(Int32(123_456))
        binds.append(2.5)
        binds.append("it's")
        binds.append([UInt8(1), 2, 3])
        binds.append(String(repeating: "x", count: 300))
        let rendered = binds.renderedForLog()
        #expect(rendered.hasPrefix("$1=true, $2=-7, $3=123456, $4=2.5, $5='it''s', $6=<3 bytes, type 17>, $7='xxx"))
        #expect(rendered.hasSuffix("x…'"))
    }
}
