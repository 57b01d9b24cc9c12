import Logging
import MetricsTestKit
@testable import RepogenRuntime
import RepogenTesting
import Testing

/// The signals an operator alerts on, each provoked for real on PostgreSQL: errors by operation and entity, the
/// slow-statement warning, the cache's hit and miss counters and the retry counter.
@Suite("Observability signals: errors per operation, slow statements, cache counters, retries")
struct ObservabilitySignalTests {
    private static let lookup = PostgresStatement(
        name: "repogen_quotes_find", sql: "SELECT 1 FROM no_such_table WHERE $1::int = 1", parameterTypes: [.int4])

    @Test("a failed statement is counted under its operation, entity and SQLSTATE class; runScript as script")
    func errorsPerOperation() async throws {
        let metrics = TestMetrics()
        try await withTestDatabase(options: DatabaseOptions(metricsFactory: metrics)) { db in
            var binds = PostgresBindings(capacity: 1)
            binds.append(Int32(1))
            for _ in 0..<2 {
                await #expect(throws: RepogenError.self) { try await db.run(Self.lookup, binds) }
            }
            await #expect(throws: RepogenError.self) { try await db.runScript("SELECT 1/0") }
            let finds = try metrics.expectCounter(
                RepositoryMetricName.errors, [("operation", "find"), ("entity", "quotes"), ("sqlstate_class", "42")])
            #expect(finds.totalValue == 2)
            let scripts = try metrics.expectCounter(
                RepositoryMetricName.errors, [("operation", "script"), ("entity", "none"), ("sqlstate_class", "22")])
            #expect(scripts.totalValue == 1)
        }
    }

    @Test("a statement slower than slowQueryThreshold is a warning with its name and duration; a fast one is not")
    func slowStatementWarning() async throws {
        let records = LogRecords()
        var logger = Logger(label: "signals") { _ in RecordingLogHandler(records: records) }
        logger.logLevel = .info
        let options = DatabaseOptions(slowQueryThreshold: .milliseconds(100), logger: logger)
        try await withTestDatabase(options: options) { db in
            let sleep = PostgresStatement(
                name: "repogen_audit_sleep", sql: "SELECT pg_sleep(0.3)::text", parameterTypes: [])
            _ = try await db.run(sleep, PostgresBindings())
            let warnings = records.logged(atLeast: .warning)
            #expect(warnings.count == 1)
            #expect(warnings.first?.hasPrefix("slow statement") == true)
            #expect(warnings.first?.contains("repogen_audit_sleep") == true)
            #expect(warnings.first?.contains("duration_ms") == true)
        }
        let quiet = LogRecords()
        var quietLogger = Logger(label: "signals") { _ in RecordingLogHandler(records: quiet) }
        quietLogger.logLevel = .info
        try await withTestDatabase(options: DatabaseOptions(slowQueryThreshold: nil, logger: quietLogger)) { db in
            _ = try await db.query("SELECT pg_sleep(0.3)::text", readOnly: true)
        }
        #expect(quiet.logged(atLeast: .warning).isEmpty)
    }

    @Test("cache hits and misses are counted per entity")
    func cacheCounters() async throws {
        try await withCachedItems { db, cache in
            let metrics = TestMetrics()
            let observed = try await Database.connect(
                db.configuration, pool: .init(minimum: 1, maximum: 1),
                options: DatabaseOptions(metricsFactory: metrics))
            try await observed.closing { observed in
                _ = try await observed.enableCache()
                let items = CachedItemRepository(observed)
                for _ in 0..<3 {
                    _ = try await items.find(id: 1)
                }
                _ = try await items.find(id: 2)
                let entity = [("entity", "items")]
                #expect(try metrics.expectCounter(RepositoryMetricName.cacheMisses, entity).totalValue == 2)
                #expect(try metrics.expectCounter(RepositoryMetricName.cacheHits, entity).totalValue == 2)
                await observed.disableCache()
            }
            #expect(cache.statistics.hits == 0)  // the other database's cache saw none of it
        }
    }

    @Test("a transaction that meets a serialization failure runs again, and the retry is counted with its reason")
    func retryCounter() async throws {
        let metrics = TestMetrics()
        try await withTestDatabase(options: DatabaseOptions(metricsFactory: metrics)) { db in
            let attempts = Locked(0)
            let result = try await db.transaction { tx in
                let attempt = attempts.withLock { count in
                    count += 1
                    return count
                }
                if attempt == 1 {
                    try await tx.runScript(
                        "DO $$ BEGIN RAISE EXCEPTION 'conflict' USING ERRCODE = 'serialization_failure'; END $$")
                }
                return attempt
            }
            #expect(result == 2)
            let serialization = [("reason", "serialization")]
            #expect(try metrics.expectCounter(RepositoryMetricName.retries, serialization).totalValue == 1)
        }
    }
}
