import Foundation
import QuoteMaster
import RepogenRuntime
import Testing

/// Inserts a quote of `owner` with only the required fields.
func newQuote(_ db: some DatabaseExecutor, owner: User, prompt: String = "Quote a roof") async throws -> Quote {
    try await db.quotes.create(NewQuote(ownerID: owner.id, title: "Roof", prompt: prompt))
}

/// Inserts a label.
func newLabel(_ db: some DatabaseExecutor, _ name: String) async throws -> Label {
    try await db.labels.create(NewLabel(name: name))
}

/// The planned behaviours, finders and eager loads of the Quote Master schema, on real PostgreSQL.
@Suite struct QuoteMasterBehaviourTests {
    @Test func softDeletedQuotesDisappearFromReadsFindersAndLoads() async throws {
        try await withQuoteMasterDatabase { db in
            let user = try await makeUser(db)
            let kept = try await newQuote(db, owner: user)
            let gone = try await newQuote(db, owner: user)
            #expect(try await db.quotes.delete(id: gone.id))
            #expect(try await db.quotes.find(id: gone.id) == nil)
            #expect(try await db.quotes.find(id: gone.id, includeDeleted: true)?.deletedAt != nil)
            #expect(try await db.quotes.count() == 1)
            #expect(try await db.quotes.count(includeDeleted: true) == 2)
            #expect(try await db.quotes.findByOwner(user.id).map(\.id) == [kept.id])
            #expect(try await db.users.loadQuotes(for: [user])[user.id]?.map(\.id) == [kept.id])
            #expect(try await db.quotes.restore(id: gone.id))
            #expect(try await db.quotes.count() == 2)
            #expect(try await db.quotes.hardDelete(id: gone.id))
            #expect(try await db.quotes.count(includeDeleted: true) == 1)
        }
    }

    @Test func versionedQuotesRejectAStaleUpdate() async throws {
        try await withQuoteMasterDatabase { db in
            let quote = try await newQuote(db, owner: try await makeUser(db))
            #expect(quote.version == 1)
            let sent = try await db.quotes.update(id: quote.id, expectedVersion: 1, QuotePatch(status: .sent))
            #expect(sent.version == 2 && sent.status == .sent && sent.updatedAt >= quote.updatedAt)
            do {
                _ = try await db.quotes.update(id: quote.id, expectedVersion: 1, QuotePatch(status: .accepted))
                Issue.record("a stale update succeeded")
            } catch let error as RepogenError {
                #expect(error.kind == .versionConflict && error.currentVersion == 2)
            }
        }
    }

    @Test func findersAreTypedOrderedAndPaged() async throws {
        try await withQuoteMasterDatabase { db in
            let user = try await makeUser(db)
            #expect(try await db.users.findByEmail(user.email) == user)
            #expect(try await db.users.findByEmail("nobody@example.com") == nil)
            var created: [Quote] = []
            for index in 0..<5 {
                created.append(try await newQuote(db, owner: user, prompt: "p\(index)"))
                try await Task.sleep(for: .milliseconds(2))
            }
            let newestFirst = created.sorted { $0.createdAt > $1.createdAt }
            let first = try await db.quotes.findByOwner(user.id, page: .first(2))
            let rest = try await db.quotes.findByOwner(user.id, page: PageRequest(limit: 10, offset: 2))
            #expect((first + rest).map(\.id) == newestFirst.map(\.id))
            _ = try await db.quotes.update(id: created[0].id, QuotePatch(status: .sent))
            #expect(try await db.quotes.findByStatus(.sent).map(\.id) == [created[0].id])
        }
    }

    @Test(arguments: [1, 30])
    func eagerLoadsSendOneStatementPerRelation(users count: Int) async throws {
        try await withQuoteMasterDatabase { db in
            var users: [User] = []
            for index in 0..<count {
                let user = try await makeUser(db, "user\(index)")
                _ = try await newQuote(db, owner: user)
                _ = try await db.analyticsEvents.create(NewAnalyticsEvent(userID: user.id, kind: "login"))
                users.append(user)
            }
            let before = db.statementsExecuted
            let quotes = try await db.users.loadQuotes(for: users)
            let events = try await db.users.loadEvents(for: users)
            #expect(db.statementsExecuted - before == 2)
            #expect(users.allSatisfy { quotes[$0.id]?.count == 1 && events[$0.id]?.count == 1 })
        }
    }

    @Test func manyToManyLabelsLoadThroughTheJoinEntity() async throws {
        try await withQuoteMasterDatabase { db in
            let user = try await makeUser(db)
            let quotes = [try await newQuote(db, owner: user), try await newQuote(db, owner: user)]
            let urgent = try await newLabel(db, "urgent")
            let roof = try await newLabel(db, "roof")
            _ = try await db.quoteLabels.createMany([
                NewQuoteLabel(quoteID: quotes[0].id, labelID: urgent.id),
                NewQuoteLabel(quoteID: quotes[0].id, labelID: roof.id),
                NewQuoteLabel(quoteID: quotes[1].id, labelID: roof.id),
            ])
            let before = db.statementsExecuted
            let tags = try await db.quotes.loadLabels(for: quotes)
            #expect(db.statementsExecuted - before == 1)
            #expect(Set(tags[quotes[0].id]?.map(\.id) ?? []) == [urgent.id, roof.id])
            #expect(tags[quotes[1].id]?.map(\.id) == [roof.id])
        }
    }

    @Test func timestampsAreSetByTheDatabase() async throws {
        try await withQuoteMasterDatabase { db in
            let user = try await makeUser(db)
            try await Task.sleep(for: .milliseconds(5))
            let renamed = try await db.users.update(id: user.id, UserPatch(displayName: "Ada L."))
            #expect(renamed.createdAt == user.createdAt && renamed.updatedAt > user.updatedAt)
        }
    }
}
