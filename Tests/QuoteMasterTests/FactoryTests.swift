import Foundation
import QuoteMaster
import RepogenRuntime
import RepogenTesting
import Testing

/// `QuoteMasterFactories` on PostgreSQL: unique values across many rows and concurrent callers, overrides, parents
/// created on demand or reused when given, and rows made inside a unit of work that rolls back.
@Suite struct FactoryTests {
    @Test func manyRowsGetUniqueValuesEvenFromConcurrentCallers() async throws {
        try await withQuoteMasterDatabase { db in
            let make = QuoteMasterFactories(QuoteMasterRepositories(db))
            let users = try await withThrowingTaskGroup(of: [User].self) { group in
                for _ in 0..<4 {
                    group.addTask { try await (0..<50).asyncMap { _ in try await make.createUser() } }
                }
                return try await group.reduce(into: []) { $0 += $1 }
            }
            let labels = try await (0..<50).asyncMap { _ in try await make.createLabel() }
            #expect(Set(users.map(\.email)).count == 200 && Set(labels.map(\.name)).count == 50)
            #expect(try await db.users.count() == 200)
            #expect(try await db.labels.count() == 50)
        }
    }

    @Test func aSequenceOfItsOwnGivesTheSameValuesEveryRun() async throws {
        try await withQuoteMasterDatabase { db in
            let make = QuoteMasterFactories(QuoteMasterRepositories(db), sequence: FactorySequence(startingAt: 1))
            let user = try await make.createUser()
            let entry = try await make.createAuditEntry(actor: user)
            #expect(user.email == "email-1" && user.displayName == "display_name-1" && user.role == .member)
            #expect(entry.entity == "entity-2" && entry.entityID == "entity_id-2" && entry.action == .delete)
            #expect(entry.actorID == user.id)
        }
    }

    @Test func anyFieldCanBeOverriddenBeforeTheInsert() async throws {
        try await withQuoteMasterDatabase { db in
            let make = QuoteMasterFactories(QuoteMasterRepositories(db))
            let user = try await make.createUser {
                $0.email = "ada@example.com"
                $0.role = .admin
            }
            let quote = try await make.createQuote(owner: user) {
                $0.title = "Roof repair"
                $0.totalAmount = Decimal(string: "1234.50")
                $0.validUntil = CalendarDate(year: 2030, month: 1, day: 31)
            }
            let stored = try #require(try await db.quotes.find(id: quote.id))
            #expect(stored.title == "Roof repair" && stored.totalAmount == Decimal(string: "1234.50"))
            #expect(stored.validUntil == CalendarDate(year: 2030, month: 1, day: 31) && stored.status == .draft)
            #expect(try await db.users.findByEmail("ada@example.com")?.role == .admin)
        }
    }

    @Test func requiredParentsAreCreatedOnDemandAndOptionalOnesLeftNull() async throws {
        try await withQuoteMasterDatabase { db in
            let make = QuoteMasterFactories(QuoteMasterRepositories(db))
            let link = try await make.createQuoteLabel()
            let quote = try #require(try await db.quotes.find(id: link.quoteID))
            #expect(try await db.labels.exists(id: link.labelID))
            #expect(try await db.users.exists(id: quote.ownerID))
            #expect(try await db.users.count() == 1)
            #expect(try await db.quotes.count() == 1)
            let event = try await make.createAnalyticsEvent()
            #expect(event.quoteID == nil)
            #expect(try await db.users.count() == 2)
        }
    }

    @Test func givenParentsAreReused() async throws {
        try await withQuoteMasterDatabase { db in
            let make = QuoteMasterFactories(QuoteMasterRepositories(db))
            let owner = try await make.createUser()
            let quotes = try await (0..<3).asyncMap { _ in try await make.createQuote(owner: owner) }
            let label = try await make.createLabel()
            for quote in quotes {
                _ = try await make.createQuoteLabel(quote: quote, label: label)
            }
            let event = try await make.createAnalyticsEvent(user: owner, quote: quotes[0])
            #expect(quotes.allSatisfy { $0.ownerID == owner.id } && event.quoteID == quotes[0].id)
            #expect(try await db.users.count() == 1)
            #expect(try await db.labels.count() == 1)
            #expect(try await db.quoteLabels.count() == 3)
        }
    }

    @Test func rowsMadeInAUnitOfWorkThatRollsBackAreGone() async throws {
        struct Abort: Error {}
        try await withQuoteMasterDatabase { db in
            let repositories = QuoteMasterRepositories(db)
            let make = QuoteMasterFactories(repositories)
            await #expect(throws: Abort.self) {
                try await repositories.transaction { tx in
                    _ = try await make.using(tx).createQuoteLabel()
                    #expect(try await tx.quotes.count() == 1)
                    throw Abort()
                }
            }
            #expect(try await db.quotes.count() == 0)
            #expect(try await db.users.count() == 0)
        }
    }
}

extension Range where Bound == Int {
    /// The results of `body` for each element, one after another.
    func asyncMap<T>(_ body: (Int) async throws -> T) async throws -> [T] {
        var results: [T] = []
        for element in self {
            results.append(try await body(element))
        }
        return results
    }
}
