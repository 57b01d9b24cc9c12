import FeatureCache
import Foundation
import RepogenRuntime
import RepogenTesting
import Testing

/// `cache: { queries: { find: 30, count: 10 } }`: typed queries of members are cached by default per kind
/// (exists is not), a write to any member drops them after COMMIT, and a deleting parent's cascade does too.
@Suite struct CachedQueryTests {
    func withMembers(_ body: (Database, DatabaseCache, ManualCacheClock) async throws -> Void) async throws {
        let pool = PoolConfiguration(minimum: 1, maximum: 2)
        try await withTestDatabase(migrations: FeatureCacheSchema.migrations, pool: pool) { db in
            _ = try await db.teams.create(NewTeam(id: 1, name: "core"))
            _ = try await db.members.createMany((1...3).map {
                NewMember(id: Int32($0), email: "m\($0)@example.com", name: "member \($0)", teamID: 1)
            })
            let clock = ManualCacheClock()
            let cache = try await db.enableCache(CacheConfiguration(clock: clock))
            try await body(db, cache, clock)
            await db.disableCache()
        }
    }

    @Test func queriesUseTheSchemaTTLPerKind() async throws {
        try await withMembers { db, cache, clock in
            #expect(try await db.members.find(where: Member.teamID == 1).count == 3)
            #expect(try await db.members.count(where: .all) == 3)
            let statements = db.statementsExecuted
            #expect(try await db.members.find(where: Member.teamID == 1).count == 3)
            #expect(try await db.members.count(where: .all) == 3)
            #expect(db.statementsExecuted == statements)
            #expect(try await db.members.exists(where: .all))
            #expect(db.statementsExecuted == statements + 1)  // exists has no TTL in the schema
            clock.advance(by: .seconds(11))  // counts expire, rows do not
            #expect(try await db.members.count(where: .all) == 3)
            #expect(try await db.members.find(where: Member.teamID == 1).count == 3)
            #expect(db.statementsExecuted == statements + 2)
            #expect(cache.statistics.expirations == 1)
            _ = try await db.members.find(where: Member.teamID == 1, cache: .off)
            #expect(db.statementsExecuted == statements + 3)
        }
    }

    @Test func everyKindOfWriteDropsTheCachedQueries() async throws {
        try await withMembers { db, _, _ in
            #expect(try await db.members.count(where: .all) == 3)
            _ = try await db.members.create(NewMember(id: 4, email: "m4@example.com", name: "four", teamID: 1))
            #expect(try await db.members.count(where: .all) == 4)
            try await db.members.delete(id: 4)
            #expect(try await db.members.count(where: .all) == 3)
            #expect(try await db.members.count(where: .all, includeDeleted: true) == 4)
            try await db.members.deleteMany(where: Member.id == 3)
            #expect(try await db.members.count(where: .all) == 2)
            #expect(try await db.members.find(where: .all).map(\.id) == [1, 2])
            _ = try await db.transaction { tx in try await tx.teams.delete(id: 1) }  // cascades to members
            #expect(try await db.members.find(where: .all).isEmpty)
        }
    }
}
