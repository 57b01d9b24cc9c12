import Logging
@testable import RepogenRuntime
import RepogenTesting
import Testing

/// The cache listener warns when it loses its connection, and only then: a clean close or shutdown stops it first.
@Suite("Cache listener shutdown")
struct CacheListenerLogTests {
    private static let lostWarning = "cache listener lost its connection; L1 flushed"

    /// A second pool on `db`'s database whose cache logs into `records`.
    private func cachedDatabase(like db: Database, records: LogRecords) async throws -> Database {
        let other = try await Database.connect(db.configuration, pool: .init(minimum: 1, maximum: 2))
        let logger = Logger(label: "cache-listener-test") { _ in RecordingLogHandler(records: records) }
        try await other.enableCache(CacheConfiguration(logger: logger))
        _ = try await CachedItemRepository(other).find(id: 1)
        return other
    }

    /// How many cache listeners are connected to `db`'s database, seen from `db`.
    private func listeners(seenFrom db: Database) async throws -> Int64 {
        try await db.scalar(
            Int64.self,
            "SELECT count(*) FROM pg_stat_activity "
                + "WHERE application_name = 'repogen_cache' AND datname = current_database()") ?? -1
    }

    /// Ends every cache listener's backend on `db`'s database, as a server restart or a proxy would.
    private func terminateListeners(from db: Database) async throws {
        try await db.runScript(
            "SELECT pg_terminate_backend(pid) FROM pg_stat_activity "
                + "WHERE application_name = 'repogen_cache' AND datname = current_database()")
    }

    @Test("close() and shutdown(gracePeriod:) stop the listener and close its connection without a warning",
          arguments: [false, true])
    func cleanEndIsQuiet(shutdown: Bool) async throws {
        try await withCachedItems { db, _ in
            await db.disableCache()
            let records = LogRecords()
            let other = try await cachedDatabase(like: db, records: records)
            #expect(try await listeners(seenFrom: db) == 1)
            if shutdown {
                #expect(await other.shutdown(gracePeriod: .seconds(5)))
            } else {
                await other.close()
            }
            #expect(other.cache == nil)
            #expect(try await eventually { try await listeners(seenFrom: db) == 0 })
            try await terminateListeners(from: db)  // had it survived, this would make it warn
            #expect(records.logged(atLeast: .warning).isEmpty)
        }
    }

    @Test("a listener connection lost while open still warns, once per loss, and close() adds nothing")
    func lostConnectionWarns() async throws {
        try await withCachedItems { db, _ in
            await db.disableCache()
            let records = LogRecords()
            let other = try await cachedDatabase(like: db, records: records)
            let cache = try #require(other.cache)
            try await terminateListeners(from: db)
            #expect(await eventually { cache.statistics.listenerConnects >= 2 && cache.isServingL1 })
            await other.close()
            let warnings = records.logged(atLeast: .warning)
            #expect(warnings.count == 1)
            #expect(warnings.first?.hasPrefix(Self.lostWarning) == true)
        }
    }
}
