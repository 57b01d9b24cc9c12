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

/// The Redis L2 tier on a real `redis-server` (over a Unix socket and over loopback TCP) and PostgreSQL:
/// read-through, invalidation after commit, and every read still correct while Redis is killed and after it
/// restarts. The breaker's own tests are in RedisBreakerTests.
@Suite struct RedisCacheTests {
    /// A timeout for stores whose tests check results, not timeouts: the default 50 ms is shorter than a command can
    /// take on a 2-core machine running the whole suite in parallel, and a timed-out read reads as a miss.
    private static let patient = Duration.seconds(5)

    /// A store on the shared Redis (Unix socket) or on a private TCP one, with a namespace of its own.
    private func withStore<T>(
        _ transport: RedisTestServer.Transport, _ body: (RedisL2Store) async throws -> T
    ) async throws -> T {
        guard transport == .tcp else {
            return try await withSharedRedis { try await body(RedisL2Store($0, timeout: Self.patient, namespace: $1)) }
        }
        return try await withRedis(.tcp) { server in
            try await body(RedisL2Store(server.endpoint, timeout: Self.patient, namespace: "tcp:"))
        }
    }

    @Test(arguments: RedisTestServer.Transport.allCases)
    func storeRoundTrip(_ transport: RedisTestServer.Transport) async throws {
        try await withStore(transport) { store in
            #expect(try await store.establishGeneration("g", candidate: Array("one".utf8)) == Array("one".utf8))
            #expect(try await store.establishGeneration("g", candidate: Array("two".utf8)) == Array("one".utf8))
            let bytes: [UInt8] = [0, 1, 255, 10, 13]
            try await store.store("k", value: bytes, ttl: .seconds(5))
            let fetched = try await store.fetch("k", generationKey: "g")
            #expect(fetched.value == bytes && fetched.generation == Array("one".utf8))
            try await store.replaceGenerations(["g", "h"], with: Array("three".utf8))
            #expect(try await store.fetch("missing", generationKey: "h").generation == Array("three".utf8))
            #expect(try await store.fetch("missing", generationKey: "h").value == nil)
            #expect(store.breakerStatistics == RedisBreakerStatistics())
        }
    }

    @Test func namespacesKeepStoresApart() async throws {
        try await withSharedRedis { endpoint, namespace in
            let mine = RedisL2Store(endpoint, timeout: Self.patient, namespace: namespace + "a:")
            let theirs = RedisL2Store(endpoint, timeout: Self.patient, namespace: namespace + "b:")
            try await mine.store("k", value: [1], ttl: .seconds(600))
            #expect(try await theirs.fetch("k", generationKey: "g").value == nil)
            #expect(try await mine.fetch("k", generationKey: "g").value == [1])
        }
    }

    @Test(arguments: RedisTestServer.Transport.allCases)
    func readsStayCorrectWhileRedisIsKilledAndRestarted(_ transport: RedisTestServer.Transport) async throws {
        try await withRedis(transport) { server in
            let breaker = CircuitBreakerConfiguration(failureThreshold: 2, openDuration: .milliseconds(50))
            let store = RedisL2Store(server.endpoint, breaker: breaker)
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
                #expect(store.breakerStatistics.opened >= 1, "two failures in a row open the breaker")

                try await server.start()
                let hits = cache.statistics.l2Hits
                let recovered = try await eventually {
                    let label = try await items.find(id: 1)?.label
                    #expect(label == "while down")
                    return cache.statistics.l2Hits > hits
                }
                #expect(recovered)
                #expect(store.breakerStatistics.state == .closed && store.breakerStatistics.recovered >= 1)
            }
        }
    }
}
