import FeatureCache
import Foundation
import RepogenRuntime
import RepogenTesting
import Testing

/// `upsertByEmail(_:)` of a cached, versioned entity: the update path bumps `version` and invalidates the row.
@Suite struct CachedUpsertTests {
    @Test func upsertBumpsTheVersionAndInvalidatesCachedReads() async throws {
        let pool = PoolConfiguration(minimum: 1, maximum: 2)
        try await withTestDatabase(migrations: FeatureCacheSchema.migrations, pool: pool) { db in
            let created = try await db.members.upsertByEmail(NewMember(id: 1, email: "a@example.com", name: "one"))
            #expect(created.version == 1)
            let cache = try await db.enableCache()
            do {
                #expect(try await db.members.findByEmail("a@example.com")?.name == "one")
                #expect(try await db.members.find(id: 1)?.name == "one")
                #expect(try await db.members.find(id: 1)?.name == "one")
                #expect(cache.statistics.hits == 1)
                let updated = try await db.members.upsertByEmail(NewMember(id: 7, email: "a@example.com", name: "two"))
                #expect(updated.id == 1)
                #expect(updated.version == 2)
                #expect(try await db.members.findByEmail("a@example.com")?.name == "two")
                #expect(try await db.members.find(id: 1)?.version == 2)
                #expect(try await db.members.count() == 1)
            } catch {
                await db.disableCache()
                throw error
            }
            await db.disableCache()
        }
    }
}
