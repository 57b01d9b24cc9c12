import Foundation
import QuoteMaster
import RepogenRuntime
import RepogenTesting
import Testing

/// `QuoteMasterFactories` on both backends (PostgreSQL and the in-memory repositories): unique values across many
/// rows and concurrent callers, overrides, parents created on demand or reused when given, and rows made inside a
/// unit of work that rolls back.
@Suite struct FactoryTests {
    @Test(arguments: Backend.allCases)
    func manyRowsGetUniqueValuesEvenFromConcurrentCallers(_ backend: Backend) async throws {
        try await backend.run { repos in
            let make = QuoteMasterFactories(repos)
            let users = try await withThrowingTaskGroup(of: [User].self) { group in
                for _ in 0..<4 {
                    group.addTask { try await (0..<50).asyncMap { _ in try await make.createUser() } }
                }
                return try await group.reduce(into: []) { $0 += $1 }
            }
            let labels = try await (0..<50).asyncMap { _ in try await make.createLabel() }
            #expect(Set(users.map(\.email)).count == 200 && Set(labels.map(\.name)).count == 50)
            #expect(try await repos.users.count() == 200)
            #expect(try await repos.labels.count() == 50)
        }
    }

    @Test(arguments: Backend.allCases)
    func aSequenceOfItsOwnGivesTheSameValuesEveryRun(_ backend: Backend) async throws {
        try await backend.run { repos in
            let make = QuoteMasterFactories(repos, sequence: FactorySequence(startingAt: 1))
            let user = try await make.createUser()
            let event = try await make.createAnalyticsEvent(user: user)
            #expect(user.email == "email-1" && user.displayName == "display_name-1" && user.role == .member)
            #expect(event.kind == "kind-2" && event.userID == user.id && event.properties == .object([:]))
        }
    }

    /// Audit entries are PostgreSQL only: the in-memory repositories keep no audit trail (`unsupportedInMemory`).
    @Test func enumColumnsTakeTheLabelsInTurn() async throws {
        try await withQuoteMasterDatabase { db in
            let make = QuoteMasterFactories(QuoteMasterRepositories(db), sequence: FactorySequence(startingAt: 1))
            let entries = try await (0..<4).asyncMap { _ in try await make.createAuditEntry() }
            #expect(entries.map(\.action) == [.update, .delete, .create, .update])
            #expect(entries.map(\.entityID) == ["entity_id-1", "entity_id-2", "entity_id-3", "entity_id-4"])
            #expect(entries.allSatisfy { $0.actorID == nil && $0.before == nil })
        }
    }

    @Test(arguments: Backend.allCases)
    func anyFieldCanBeOverriddenBeforeTheInsert(_ backend: Backend) async throws {
        try await backend.run { repos in
            let make = QuoteMasterFactories(repos)
            let user = try await make.createUser {
                $0.email = "ada@example.com"
                $0.role = .admin
            }
            let quote = try await make.createQuote(owner: user) {
                $0.title = "Roof repair"
                $0.totalAmount = Decimal(string: "1234.50")
                $0.validUntil = CalendarDate(year: 2030, month: 1, day: 31)
            }
            let stored = try #require(try await repos.quotes.find(id: quote.id))
            #expect(stored.title == "Roof repair" && stored.totalAmount == Decimal(string: "1234.50"))
            #expect(stored.validUntil == CalendarDate(year: 2030, month: 1, day: 31) && stored.status == .draft)
            #expect(try await repos.users.find(id: user.id)?.role == .admin)
        }
    }

    @Test(arguments: Backend.allCases)
    func requiredParentsAreCreatedOnDemandAndOptionalOnesLeftNull(_ backend: Backend) async throws {
        try await backend.run { repos in
            let make = QuoteMasterFactories(repos)
            let link = try await make.createQuoteLabel()
            let quote = try #require(try await repos.quotes.find(id: link.quoteID))
            #expect(try await repos.labels.find(id: link.labelID) != nil)
            #expect(try await repos.users.find(id: quote.ownerID) != nil)
            #expect(try await repos.users.count() == 1)
            #expect(try await repos.quotes.count() == 1)
            let event = try await make.createAnalyticsEvent()
            #expect(event.quoteID == nil)
            #expect(try await repos.users.count() == 2)
        }
    }

    @Test(arguments: Backend.allCases)
    func givenParentsAreReused(_ backend: Backend) async throws {
        try await backend.run { repos in
            let make = QuoteMasterFactories(repos)
            let owner = try await make.createUser()
            let quotes = try await (0..<3).asyncMap { _ in try await make.createQuote(owner: owner) }
            let label = try await make.createLabel()
            for quote in quotes {
                _ = try await make.createQuoteLabel(quote: quote, label: label)
            }
            let event = try await make.createAnalyticsEvent(user: owner, quote: quotes[0])
            #expect(quotes.allSatisfy { $0.ownerID == owner.id } && event.quoteID == quotes[0].id)
            #expect(try await repos.users.count() == 1)
            #expect(try await repos.labels.count() == 1)
            #expect(try await repos.quoteLabels.count() == 3)
        }
    }

    @Test(arguments: Backend.allCases)
    func rowsMadeInAUnitOfWorkThatRollsBackAreGone(_ backend: Backend) async throws {
        struct Abort: Error {}
        try await backend.run { (repos) async throws in
            let make = QuoteMasterFactories(repos)
            await #expect(throws: Abort.self) {
                try await repos.transaction { tx in
                    _ = try await make.using(tx).createQuoteLabel()
                    #expect(try await tx.quotes.count() == 1)
                    throw Abort()
                }
            }
            #expect(try await repos.quotes.count() == 0)
            #expect(try await repos.users.count() == 0)
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
