import Foundation
import RepogenRuntime
import RepogenTesting
import Testing

/// Cache coherence across "processes" in one OS process (two `Database` instances with their own listeners);
/// CacheCrossProcessTests does the same with a real second process, CacheStressTests under load.
@Suite("Cache coherence")
struct CacheCoherenceTests {
    /// A second database on the same PostgreSQL database, with its own pool, cache and listener.
    private func otherProcess(of db: Database) async throws -> (Database, DatabaseCache) {
        let other = try await Database.connect(db.configuration, pool: .init(minimum: 1, maximum: 2))
        return (other, try await other.enableCache())
    }

    @Test func anotherProcessNeverServesTheOldValueAfterACommit() async throws {
        try await withCachedItems { db, _ in
            let (other, otherCache) = try await otherProcess(of: db)
            let theirs = CachedItemRepository(other)
            #expect(try await theirs.find(id: 1)?.label == "item 1")
            #expect(try await theirs.find(id: 1)?.label == "item 1")
            #expect(otherCache.statistics.hits == 1)
            for round in 1...5 {
                _ = try await db.transaction { tx in
                    try await CachedItemRepository(tx).update(id: 1, label: "r\(round)")
                }
                #expect(await otherCache.synchronize())
                #expect(try await theirs.find(id: 1)?.label == "r\(round)")
            }
            await other.disableCache()
            await other.close()
        }
    }

    @Test func aLostListenerFlushesAndReconnects() async throws {
        try await withCachedItems { db, _ in
            let (other, otherCache) = try await otherProcess(of: db)
            let theirs = CachedItemRepository(other)
            _ = try await theirs.find(id: 2)
            try await db.runScript(
                "SELECT pg_terminate_backend(pid) FROM pg_stat_activity "
                    + "WHERE application_name = 'repogen_cache' AND datname = current_database()")
            try await CachedItemRepository(db.uncached).update(id: 2, label: "written while deaf")
            #expect(await eventually { otherCache.statistics.listenerConnects >= 2 && otherCache.isServingL1 })
            #expect(otherCache.statistics.flushes >= 2)
            #expect(try await theirs.find(id: 2)?.label == "written while deaf")
            await other.disableCache()
            await other.close()
        }
    }
}
