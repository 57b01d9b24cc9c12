import Foundation
import RepogenRedis
import RepogenRuntime
import RepogenTesting
import Testing

/// `CachedItemRepository` with the rows in L2 only, so every cached read goes to Redis.
struct L2ItemRepository: Sendable {
    static let policy = EntityCachePolicy(table: "items", ttl: .seconds(60), tier: .l2)
    let executor: any DatabaseExecutor

    func find(id: Int32) async throws -> CachedItem? {
        var binds = PostgresBindings(capacity: 1)
        binds.append(id)
        return try await executor.cacheContext.row(Self.policy, "id", [id], decode: CachedItemRepository.decode) {
            try await executor.run(CachedItemRepository.find, binds)
        }
    }
}

/// The Redis L2 tier on a real `redis-server` and PostgreSQL: read-through, invalidation after commit, and every
/// read still correct while Redis is killed and after it restarts.
@Suite struct RedisCacheTests {
    @Test func storeRoundTrip() async throws {
        try await withRedis { server in
            let store = RedisL2Store(server.endpoint)
            #expect(try await store.establishGeneration("g", candidate: Array("one".utf8)) == Array("one".utf8))
            #expect(try await store.establishGeneration("g", candidate: Array("two".utf8)) == Array("one".utf8))
            let bytes: [UInt8] = [0, 1, 255, 10, 13]
            try await store.store("k", value: bytes, ttl: .seconds(5))
            let fetched = try await store.fetch("k", generationKey: "g")
            #expect(fetched.value == bytes && fetched.generation == Array("one".utf8))
            try await store.replaceGenerations(["g", "h"], with: Array("three".utf8))
            #expect(try await store.fetch("missing", generationKey: "h").generation == Array("three".utf8))
            #expect(try await store.fetch("missing", generationKey: "h").value == nil)
        }
    }

    @Test func readsStayCorrectWhileRedisIsKilledAndRestarted() async throws {
        try await withRedis { server in
            let store = RedisL2Store(server.endpoint, retryDelay: .milliseconds(50))
            let configuration = CacheConfiguration(listensForOtherProcesses: false, l2: store)
            try await withCachedItems(configuration) { db, cache in
                let items = L2ItemRepository(executor: db)
                #expect(try await items.find(id: 1)?.label == "item 1")
                let statements = db.statementsExecuted
                #expect(try await items.find(id: 1)?.label == "item 1")
                #expect(cache.statistics.l2Hits == 1 && db.statementsExecuted == statements)
                try await CachedItemRepository(db).update(id: 1, label: "changed")
                #expect(try await items.find(id: 1)?.label == "changed")

                server.kill()
                #expect(try await items.find(id: 1)?.label == "changed")
                try await CachedItemRepository(db).update(id: 1, label: "while down")
                #expect(try await items.find(id: 1)?.label == "while down")
                #expect(cache.statistics.l2Failures > 0)

                try await server.start()
                let hits = cache.statistics.l2Hits
                let recovered = try await eventually {
                    let label = try await items.find(id: 1)?.label
                    #expect(label == "while down")
                    return cache.statistics.l2Hits > hits
                }
                #expect(recovered)
            }
        }
    }
}
