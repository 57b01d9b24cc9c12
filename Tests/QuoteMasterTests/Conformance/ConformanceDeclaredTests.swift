import Foundation
import QuoteMaster
import RepogenRuntime
import Testing

/// The schema's declared finders and upserts on both backends, and what the in-memory store refuses.
@Suite struct ConformanceDeclaredTests {
    @Test(arguments: Backend.allCases)
    func findersFilterOrderAndPage(_ backend: Backend) async throws {
        try await backend.run { repos in
            let ada = try await Seed.user(repos, "ada")
            let bob = try await Seed.user(repos, "bob")
            #expect(try await repos.users.findByEmail("bob@example.com") == bob)
            #expect(try await repos.users.findByEmail("BOB@example.com") == nil)
            var made: [Quote] = []
            for title in ["a", "b", "c"] { made.append(try await Seed.quote(repos, ada, title, status: .sent)) }
            _ = try await Seed.quote(repos, bob, "d", status: .sent)
            _ = try await repos.quotes.delete(id: made[1].id)
            let owned = try await repos.quotes.findByOwner(ada.id)
            #expect(Set(owned.map(\.title)) == ["a", "c"])
            let expected = made.filter { $0.title != "b" }
                .sorted { ($0.createdAt, $0.id.uuidString.lowercased()) > ($1.createdAt, $1.id.uuidString.lowercased()) }
            #expect(owned.map(\.createdAt) == expected.map(\.createdAt))
            #expect(try await repos.quotes.findByStatus(.sent, page: PageRequest(limit: 2, offset: 1)).count == 2)
            #expect(try await repos.quotes.findByStatus(.draft).isEmpty)
        }
    }

    @Test(arguments: Backend.allCases)
    func upsertsInsertOverwriteOrRefuse(_ backend: Backend) async throws {
        try await backend.run { repos in
            let user = try await repos.users.upsertByEmail(NewUser(email: "ada@example.com", displayName: "Ada"))
            let again = try await repos.users.upsertByEmail(
                NewUser(email: "ada@example.com", displayName: "Ada L.", id: UUID(), role: .admin))
            #expect(again.id == user.id && again.displayName == "Ada L." && again.role == .admin)
            #expect(again.createdAt == user.createdAt && again.updatedAt >= user.updatedAt)
            let reset = try await repos.users.upsert(NewUser(email: "ada@example.com", displayName: "A", id: user.id))
            #expect(reset.role == .member && reset.displayName == "A")
            let quote = try await Seed.quote(repos, user, "Roof")
            let overwritten = try await repos.quotes.upsert(
                NewQuote(ownerID: user.id, title: "Roof 2", prompt: "p", id: quote.id, totalAmount: 5))
            #expect(overwritten.version == 2 && overwritten.title == "Roof 2" && overwritten.status == .draft)
            _ = try await repos.quotes.delete(id: quote.id)
            let held = await repogenError {
                _ = try await repos.quotes.upsert(NewQuote(ownerID: user.id, title: "x", prompt: "p", id: quote.id))
            }
            #expect(held?.kind == .constraintViolation && held?.violation == .unique && held?.fields == ["id"])
            let clash = await repogenError {
                _ = try await repos.users.upsert(NewUser(email: "ada@example.com", displayName: "Other"))
            }
            #expect(clash?.violation == .unique && clash?.constraint == "users_email_key")
            let label = try await repos.labels.upsertByName(NewLabel(name: "urgent"))
            #expect(try await repos.labels.upsertByName(NewLabel(name: "urgent")).id == label.id)
        }
    }

    @Test func theInMemoryStoreRefusesWhatItCannotKeep() async throws {
        let repos = InMemoryQuoteMasterRepositories()
        let user = try await Seed.user(repos)
        _ = try await Seed.quote(repos, user, "Roof")
        let unsupported: [() async throws -> Void] = [
            { _ = try await repos.quotes.find(where: try Quote.column(named: "title").compare(.equal, text: "Roof")) },
            { _ = try await repos.quotes.find(where: .all, lock: .forUpdate) },
            { _ = try await repos.quotes.search("roof") },
            { _ = try await repos.quotes.find(where: Quote.searchVector.matches("roof")) },
            { _ = try await repos.auditEntries.count() },
            { _ = try await repos.quotes.aggregate(Quote.metadata.max) },
            { _ = try await repos.quotes.aggregate(orderBy: [Quote.title.ascending]) { Quote.ownerID } },
            {
                _ = try await repos.quotes.aggregate {
                    Quote.ownerID
                    Quote.rank(by: [Quote.rowCount.descending], partitionBy: [Quote.status])
                }
            },
        ]
        for operation in unsupported {
            let error = await repogenError { try await operation() }
            #expect(error?.kind == .unsupportedInMemory)
        }
        try await repos.transaction { tx in
            let error = await repogenError { _ = try await repos.users.count() }
            #expect(error?.kind == .unsupportedInMemory)
            let count = try await tx.users.count()
            #expect(count == 1)
        }
    }
}

/// Relation loads on both backends: children by parent key, parents once each, soft-deleted rows by flag.
@Suite struct ConformanceLoadTests {
    @Test(arguments: Backend.allCases)
    func loadsGroupByParentKey(_ backend: Backend) async throws {
        try await backend.run { repos in
            let ada = try await Seed.user(repos, "ada")
            let bob = try await Seed.user(repos, "bob")
            let cyd = try await Seed.user(repos, "cyd")
            let first = try await Seed.quote(repos, ada, "a1")
            let second = try await Seed.quote(repos, ada, "a2")
            let third = try await Seed.quote(repos, bob, "b1")
            _ = try await repos.quotes.delete(id: second.id)
            let quotes = try await repos.users.loadQuotes(for: [ada, bob, cyd])
            #expect(quotes[ada.id]?.map(\.id) == [first.id] && quotes[bob.id]?.map(\.id) == [third.id])
            #expect(quotes[cyd.id] == nil)
            let all = try await repos.users.loadQuotes(for: [ada], includeDeleted: true)
            #expect(Set(all[ada.id]?.map(\.id) ?? []) == [first.id, second.id])
            #expect(try await repos.users.loadQuotes(for: [ada], onlyDeleted: true)[ada.id]?.map(\.id) == [second.id])
            let owners = try await repos.quotes.loadOwner(for: [first, third, first])
            #expect(owners == [ada.id: ada, bob.id: bob])
            #expect(try await repos.users.loadQuotes(for: []).isEmpty)
            let event = try await repos.analyticsEvents.create(NewAnalyticsEvent(userID: bob.id, kind: "k"))
            let events = try await repos.users.loadEvents(for: [ada, bob])
            #expect(events == [bob.id: [event]])
            #expect(try await repos.analyticsEvents.loadQuote(for: [event]).isEmpty)
            let latest = try await repos.users.loadQuotes(
                for: [bob, ada], orderBy: [Quote.title.descending], limit: 1, includeDeleted: true)
            #expect(latest[ada.id]?.map(\.title) == ["a2"] && latest[bob.id]?.map(\.title) == ["b1"])
            let live = try await repos.users.loadQuotes(
                for: [ada], orderBy: [Quote.title.descending], limit: 5, where: Quote.title.hasPrefix("a"))
            #expect(live[ada.id]?.map(\.title) == ["a1"])
        }
    }
}
