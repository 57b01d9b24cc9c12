import Foundation
import RepogenRuntime
import RepogenTesting
import Testing

/// The L1 cache on real PostgreSQL: read-through, TTL, bounds, tags, and coherence with commits.
@Suite("Cache")
struct CacheTests {
    @Test func readsThroughAndThenHits() async throws {
        try await withCachedItems { db, cache in
            let items = CachedItemRepository(db)
            let first = try await items.find(id: 1)
            let statements = db.statementsExecuted
            #expect(try await items.find(id: 1) == first)
            #expect(db.statementsExecuted == statements)
            #expect(cache.statistics.hits == 1)
            #expect(cache.statistics.misses == 1)
            #expect(try await CachedItemRepository(db.uncached).find(id: 1) == first)
            #expect(db.statementsExecuted == statements + 1)
            #expect(try await items.find(id: 99) == nil)
            #expect(try await items.find(id: 99) == nil)
            #expect(cache.statistics.entries == 1)
        }
    }

    @Test func entriesExpireAfterTheirTTL() async throws {
        let clock = ManualCacheClock()
        try await withCachedItems(CacheConfiguration(clock: clock)) { db, cache in
            let items = CachedItemRepository(db)
            _ = try await items.find(id: 1)
            clock.advance(by: .seconds(59))
            _ = try await items.find(id: 1)
            #expect(cache.statistics.hits == 1)
            clock.advance(by: .seconds(2))
            _ = try await items.find(id: 1)
            #expect(cache.statistics.hits == 1)
            #expect(cache.statistics.expirations == 1)
        }
    }

    @Test func evictsTheLeastRecentlyUsedUnderTheBounds() async throws {
        try await withCachedItems(CacheConfiguration(maximumEntries: 3), rows: 5) { db, cache in
            let items = CachedItemRepository(db)
            for id in Int32(1)...3 { _ = try await items.find(id: id) }
            _ = try await items.find(id: 1)  // 2 is now the least recently used
            _ = try await items.find(id: 4)
            #expect(cache.statistics.entries == 3)
            #expect(cache.statistics.evictions == 1)
            _ = try await items.find(id: 1)
            #expect(cache.statistics.hits == 2)
            _ = try await items.find(id: 2)
            #expect(cache.statistics.hits == 2)
        }
        try await withCachedItems(CacheConfiguration(maximumBytes: 600), rows: 5) { db, cache in
            let items = CachedItemRepository(db)
            for id in Int32(1)...5 { _ = try await items.find(id: id) }
            #expect(cache.statistics.bytes <= 600)
            #expect(cache.statistics.evictions > 0)
        }
    }

    @Test func commitInvalidatesAndRollbackDoesNot() async throws {
        try await withCachedItems { db, cache in
            let items = CachedItemRepository(db)
            _ = try await items.find(id: 1)
            try await db.transaction { tx in
                let inside = CachedItemRepository(tx)
                #expect(try await inside.find(id: 1)?.label == "item 1")  // not written yet: L1 may serve
                try await inside.update(id: 1, label: "changed")
                #expect(try await inside.find(id: 1)?.label == "changed")  // written: bypasses the cache
                #expect(try await items.find(id: 1)?.label == "item 1")  // not committed: others see the old row
            }
            #expect(try await items.find(id: 1)?.label == "changed")
            _ = try await items.find(id: 1)
            let hits = cache.statistics.hits
            await #expect(throws: CancellationError.self) {
                try await db.transaction { tx in
                    try await CachedItemRepository(tx).update(id: 1, label: "rolled back")
                    throw CancellationError()
                }
            }
            #expect(try await items.find(id: 1)?.label == "changed")
            #expect(cache.statistics.hits == hits + 1)
        }
    }

    @Test func tagsInvalidateGroups() async throws {
        try await withCachedItems { db, cache in
            let items = CachedItemRepository(db)
            for id in Int32(1)...3 { _ = try await items.find(id: id) }
            await cache.invalidate(tags: ["items#2"])
            #expect(cache.statistics.entries == 2)
            await cache.invalidate(tags: ["items"])
            #expect(cache.statistics.entries == 0)
        }
    }

    @Test func warmingAndDisabledMode() async throws {
        try await withTestDatabase { db in
            try await db.runScript(CachedItemRepository.setup)
            let items = CachedItemRepository(db)
            try await items.create(id: 1, label: "one")
            _ = try await items.find(id: 1)
            #expect(db.cache == nil)
            let statements = db.statementsExecuted
            _ = try await items.find(id: 1)
            #expect(db.statementsExecuted == statements + 1)
        }
    }
}
