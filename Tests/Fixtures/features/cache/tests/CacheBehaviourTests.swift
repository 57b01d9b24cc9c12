import FeatureCache
import Foundation
import RepogenRuntime
import RepogenTesting
import Testing

/// The generated read-through and invalidation on real PostgreSQL: `find(id:)` and unique finders hit the cache
/// after a first read, writes invalidate after COMMIT and never after a rollback, and a transaction that wrote
/// reads PostgreSQL.
@Suite struct CacheBehaviourTests {
    /// A database with one team, members 1...3 in it, and a cache enabled.
    func withMembers(_ body: (Database, DatabaseCache) async throws -> Void) async throws {
        let pool = PoolConfiguration(minimum: 1, maximum: 2)
        try await withTestDatabase(migrations: FeatureCacheSchema.migrations, pool: pool) { db in
            _ = try await db.teams.create(NewTeam(id: 1, name: "core"))
            _ = try await db.members.createMany((1...3).map {
                NewMember(id: Int32($0), email: "m\($0)@example.com", name: "member \($0)", teamID: 1)
            })
            let cache = try await db.enableCache()
            do {
                try await body(db, cache)
            } catch {
                await db.disableCache()
                throw error
            }
            await db.disableCache()
        }
    }

    @Test func readsHitTheCacheAfterTheFirstRead() async throws {
        try await withMembers { db, cache in
            let first = try await db.members.find(id: 1)
            #expect(first?.name == "member 1")
            #expect(cache.statistics.misses == 1)
            let statements = db.statementsExecuted
            #expect(try await db.members.find(id: 1)?.name == "member 1")
            #expect(cache.statistics.hits == 1)
            #expect(db.statementsExecuted == statements)
            #expect(try await db.members.findByEmail("m2@example.com")?.id == 2)
            #expect(try await db.members.findByEmail("m2@example.com")?.id == 2)
            #expect(cache.statistics.hits == 2)
            #expect(try await db.members.find(id: 9) == nil)
            #expect(try await db.members.find(id: 1, includeDeleted: true)?.id == 1)
            #expect(cache.statistics.hits == 2)
        }
    }

    @Test func committedUpdateInvalidatesAndRollbackDoesNot() async throws {
        try await withMembers { db, cache in
            _ = try await db.members.find(id: 1)
            _ = try await db.members.findByEmail("m1@example.com")
            _ = try await db.members.update(id: 1, MemberPatch(email: "one@example.com"))
            #expect(try await db.members.find(id: 1)?.email == "one@example.com")
            #expect(try await db.members.findByEmail("m1@example.com") == nil)
            _ = try await db.members.find(id: 1)
            let hits = cache.statistics.hits
            await #expect(throws: CancellationError.self) {
                try await db.transaction { tx in
                    _ = try await tx.members.update(id: 1, MemberPatch(name: "rolled back"))
                    throw CancellationError()
                }
            }
            #expect(try await db.members.find(id: 1)?.email == "one@example.com")
            #expect(cache.statistics.hits == hits + 1)
        }
    }

    @Test func aTransactionThatWroteBypassesTheCache() async throws {
        try await withMembers { db, _ in
            _ = try await db.members.find(id: 2)
            try await db.transaction { tx in
                #expect(try await tx.members.find(id: 2)?.name == "member 2")
                _ = try await tx.members.update(id: 2, expectedVersion: 1, MemberPatch(name: "renamed"))
                #expect(try await tx.members.find(id: 2)?.name == "renamed")
                #expect(try await db.members.find(id: 2)?.name == "member 2")
            }
            #expect(try await db.members.find(id: 2)?.name == "renamed")
        }
    }

    @Test func deletesBulkWritesAndCascadesInvalidate() async throws {
        try await withMembers { db, _ in
            for id in Int32(1)...3 { _ = try await db.members.find(id: id) }
            try await db.members.delete(id: 1)
            #expect(try await db.members.find(id: 1) == nil)
            try await db.members.restore(id: 1)
            #expect(try await db.members.find(id: 1)?.id == 1)
            try await db.members.updateMany(where: .all, set: [Member.name.set("bulk")])
            #expect(try await db.members.find(id: 3)?.name == "bulk")
            try await db.teams.delete(id: 1)
            for id in Int32(1)...3 { #expect(try await db.members.find(id: id) == nil) }
        }
    }
}
