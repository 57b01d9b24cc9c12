import QuoteMaster
import RepogenRuntime
import RepogenTesting
import Testing

/// Query results cached by SQL and binds (`cache: .ttl(...)`) on the generated, cached `users` repository.
@Suite("Query cache")
struct QueryCacheTests {
    private let cached = QueryCaching.ttl(.seconds(30))

    /// A migrated database with three users (one admin) and a cache enabled on it.
    private func withUsers(_ body: (Database, DatabaseCache, [User]) async throws -> Void) async throws {
        try await withQuoteMasterDatabase { db in
            var users: [User] = []
            for name in ["ada", "bob", "cy"] { users.append(try await makeUser(db, name)) }
            _ = try await db.users.update(id: users[0].id, UserPatch(role: .admin))
            let cache = try await db.enableCache()
            try await body(db, cache, users)
            await db.disableCache()
        }
    }

    @Test func aSecondIdenticalQueryIsServedFromTheCache() async throws {
        try await withUsers { db, cache, _ in
            let admins = try await db.users.find(where: User.role == .admin, cache: cached)
            let total = try await db.users.count(where: User.role == .member, cache: cached)
            let statements = db.statementsExecuted
            #expect(try await db.users.find(where: User.role == .admin, cache: cached).map(\.id) == admins.map(\.id))
            #expect(try await db.users.count(where: User.role == .member, cache: cached) == total)
            #expect(try await db.users.exists(where: User.role == .admin, cache: cached))
            #expect(db.statementsExecuted == statements + 1)
            #expect(try await db.users.exists(where: User.role == .admin, cache: cached))
            #expect(db.statementsExecuted == statements + 1)
            #expect(cache.statistics.hits == 3)
            _ = try await db.users.find(where: User.role == .admin)  // no option, no schema default: not cached
            _ = try await db.users.find(where: User.role == .admin, cache: .off)
            #expect(db.statementsExecuted == statements + 3)
        }
    }

    @Test func differentBindsAreDifferentEntries() async throws {
        try await withUsers { db, cache, users in
            #expect(try await db.users.count(where: User.role == .admin, cache: cached) == 1)
            #expect(try await db.users.count(where: User.role == .member, cache: cached) == 2)
            #expect(try await db.users.first(where: User.email == users[1].email, cache: cached)?.id == users[1].id)
            #expect(try await db.users.first(where: User.email == users[2].email, cache: cached)?.id == users[2].id)
            #expect(cache.statistics.hits == 0)
            #expect(cache.statistics.entries == 4)
            let order = [User.email.ascending]
            let page = try await db.users.page(where: .all, orderBy: order, page: .first(2), cache: cached)
            let statements = db.statementsExecuted
            let again = try await db.users.page(where: .all, orderBy: order, page: .first(2), cache: cached)
            #expect(again.items.map(\.id) == page.items.map(\.id) && again.totalCount == 3)
            #expect(db.statementsExecuted == statements)
        }
    }

    @Test func keysetPagesAreCachedPerCursor() async throws {
        try await withUsers { db, _, users in
            let order = [User.email.ascending]
            let first = try await db.users.page(where: .all, orderBy: order, after: nil, limit: 2, cache: cached)
            let statements = db.statementsExecuted
            let again = try await db.users.page(where: .all, orderBy: order, after: nil, limit: 2, cache: cached)
            #expect(again.items.map(\.id) == first.items.map(\.id) && again.nextCursor == first.nextCursor)
            #expect(db.statementsExecuted == statements)
            let second = try await db.users.page(
                where: .all, orderBy: order, after: first.nextCursor, limit: 2, cache: cached)
            #expect(second.items.map(\.id) == [users[2].id] && !second.hasNext)
            #expect(db.statementsExecuted == statements + 1)
        }
    }

    @Test func aCommittedWriteInvalidatesAndARollbackDoesNot() async throws {
        try await withUsers { db, _, users in
            #expect(try await db.users.count(where: User.role == .admin, cache: cached) == 1)
            await #expect(throws: CancellationError.self) {
                try await db.transaction { tx in
                    _ = try await tx.users.update(id: users[1].id, UserPatch(role: .admin))
                    throw CancellationError()
                }
            }
            let statements = db.statementsExecuted
            #expect(try await db.users.count(where: User.role == .admin, cache: cached) == 1)
            #expect(db.statementsExecuted == statements)  // the rollback left the entry in place
            try await db.transaction { tx in
                _ = try await tx.users.update(id: users[1].id, UserPatch(role: .admin))
                #expect(try await db.users.count(where: User.role == .admin, cache: cached) == 1)  // not committed
            }
            #expect(try await db.users.count(where: User.role == .admin, cache: cached) == 2)
            _ = try await db.users.create(NewUser(email: "dee@example.com", displayName: "Dee", role: .admin))
            #expect(try await db.users.count(where: User.role == .admin, cache: cached) == 3)
            try await db.users.updateMany(where: User.role == .admin, set: [User.role.set(.member)])
            #expect(try await db.users.count(where: User.role == .admin, cache: cached) == 0)
        }
    }

    @Test func rawWritesInvalidateThroughTheExplicitAPI() async throws {
        try await withUsers { db, cache, _ in
            #expect(try await db.users.count(where: User.role == .admin, cache: cached) == 1)
            _ = try await db.execute("UPDATE users SET role = 'admin'")
            #expect(try await db.users.count(where: User.role == .admin, cache: cached) == 1)  // documented: stale
            await cache.invalidate(table: "users")
            #expect(try await db.users.count(where: User.role == .admin, cache: cached) == 3)
            try await db.transaction { tx in
                _ = try await tx.execute("UPDATE users SET role = 'member'")
                tx.invalidateCache(table: "users")
            }
            #expect(try await db.users.count(where: User.role == .admin, cache: cached) == 0)
        }
    }

    @Test func aTransactionThatHasWrittenBypassesTheCache() async throws {
        try await withUsers { db, _, users in
            #expect(try await db.users.count(where: User.role == .admin, cache: cached) == 1)
            try await db.transaction { tx in
                #expect(try await tx.users.count(where: User.role == .admin, cache: cached) == 1)
                _ = try await tx.users.update(id: users[2].id, UserPatch(role: .admin))
                #expect(try await tx.users.count(where: User.role == .admin, cache: cached) == 2)
                #expect(try await tx.users.find(where: User.role == .admin, cache: cached).count == 2)
            }
        }
    }

    @Test func anotherDatabaseDropsItsEntriesAfterACommit() async throws {
        try await withUsers { db, _, users in
            let other = try await Database.connect(db.configuration, pool: .init(minimum: 1, maximum: 2))
            let otherCache = try await other.enableCache()
            #expect(try await other.users.count(where: User.role == .admin, cache: cached) == 1)
            #expect(try await other.users.count(where: User.role == .admin, cache: cached) == 1)
            #expect(otherCache.statistics.hits == 1)
            for (round, user) in users.dropFirst().enumerated() {
                try await db.transaction { tx in _ = try await tx.users.update(id: user.id, UserPatch(role: .admin)) }
                #expect(await otherCache.synchronize())
                #expect(try await other.users.count(where: User.role == .admin, cache: cached) == round + 2)
            }
            try await db.users.updateMany(where: .all, set: [User.role.set(.member)])
            #expect(await otherCache.synchronize())
            #expect(try await other.users.count(where: User.role == .admin, cache: cached) == 0)
            await other.disableCache()
            await other.close()
        }
    }

    @Test func anEntityWithoutCacheRefusesQueryCaching() async throws {
        try await withQuoteMasterDatabase { db in
            await #expect(throws: RepogenError.self) {
                try await db.quotes.count(where: .all, cache: .ttl(.seconds(5)))
            }
            let uncached = try await db.quotes.count(where: .all, cache: .off)
            #expect(uncached == 0)
        }
    }
}
