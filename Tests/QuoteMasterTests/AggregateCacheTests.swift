import QuoteMaster
import RepogenRuntime
import Testing

/// Aggregates and projections read through the query cache like `count` and `find`, and a write invalidates them.
@Suite struct AggregateCacheTests {
    @Test func aggregatesAndProjectionsAreCachedUntilAWrite() async throws {
        try await withQuoteMasterDatabase { db in
            for name in ["ada", "bob"] { _ = try await makeUser(db, name) }
            let cache = try await db.enableCache()
            let cached = QueryCaching.ttl(.seconds(30))
            func perRole() async throws -> [(UserRole, Int)] {
                try await db.users.aggregate(cache: cached) {
                    User.role
                    User.rowCount
                }
            }
            func names() async throws -> [String] {
                try await db.users.select(orderBy: [User.displayName.ascending], cache: cached) { User.displayName }
            }
            #expect(try await perRole().map(\.1) == [2])
            #expect(try await names() == ["Ada", "Bob"])
            let statements = db.statementsExecuted
            #expect(try await perRole().map(\.1) == [2])
            #expect(try await names() == ["Ada", "Bob"])
            #expect(db.statementsExecuted == statements && cache.statistics.hits == 2)
            _ = try await makeUser(db, "cy")
            #expect(try await perRole().map(\.1) == [3])
            #expect(try await names() == ["Ada", "Bob", "Cy"])
            await db.disableCache()
        }
    }
}
