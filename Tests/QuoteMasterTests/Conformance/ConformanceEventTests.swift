import Foundation
import QuoteMaster
import RepogenRuntime
import Testing

/// The identity-keyed `AnalyticsEvent` and the bulk and listing operations of `Quote` on both backends: keys drawn
/// in input order, defaults, all-or-nothing batches, key order and soft-deleted rows in listings.
@Suite struct ConformanceEventTests {
    @Test(arguments: Backend.allCases)
    func eventsDrawTheirKeysInInputOrder(_ backend: Backend) async throws {
        try await backend.run { repos in
            let user = try await Seed.user(repos)
            let quote = try await Seed.quote(repos, user, "Roof")
            let when = Date(timeIntervalSince1970: 1_700_000_000.123456)
            let made = try await repos.analyticsEvents.createMany([
                NewAnalyticsEvent(userID: user.id, kind: "viewed"),
                NewAnalyticsEvent(userID: user.id, kind: "sent", quoteID: quote.id, properties: ["n": 2], occurredAt: when),
                NewAnalyticsEvent(userID: user.id, kind: "closed", properties: .array([])),
            ])
            #expect(made.map(\.kind) == ["viewed", "sent", "closed"])
            #expect(made.map(\.id) == [made[0].id, made[0].id + 1, made[0].id + 2])
            #expect(made.map(\.properties) == [.object([:]), ["n": 2], .array([])])
            #expect(made.map(\.quoteID) == [nil, quote.id, nil])
            #expect(abs(made[1].occurredAt.timeIntervalSince(when)) < 0.000_001)
            #expect(made[0].occurredAt == made[2].occurredAt)
            #expect(try await repos.analyticsEvents.findAll() == made)
            #expect(try await repos.analyticsEvents.findAll(limit: 1, offset: 1) == [made[1]])
            #expect(try await repos.analyticsEvents.find(id: made[1].id) == made[1])
            #expect(try await repos.analyticsEvents.exists(id: made[2].id))
            #expect(try await !repos.analyticsEvents.exists(id: made[2].id + 1))
            #expect(try await repos.analyticsEvents.find(id: made[2].id + 1) == nil)
            #expect(try await repos.analyticsEvents.createMany([]).isEmpty)
            let next = try await repos.analyticsEvents.create(NewAnalyticsEvent(userID: user.id, kind: "next"))
            #expect(next.id > made[2].id)
        }
    }

    @Test(arguments: Backend.allCases)
    func eventBatchesAreAllOrNothing(_ backend: Backend) async throws {
        try await backend.run { repos in
            let user = try await Seed.user(repos)
            let kept = try await repos.analyticsEvents.create(NewAnalyticsEvent(userID: user.id, kind: "kept"))
            let orphan = await repogenError {
                _ = try await repos.analyticsEvents.createMany([
                    NewAnalyticsEvent(userID: user.id, kind: "ok"), NewAnalyticsEvent(userID: UUID(), kind: "orphan"),
                ])
            }
            #expect(ErrorShape(orphan) == ErrorShape(
                .constraintViolation, .foreignKey, sqlState: "23503", constraint: "analytics_events_user_id_fkey",
                fields: ["userID"]))
            let noQuote = await repogenError {
                _ = try await repos.analyticsEvents.create(NewAnalyticsEvent(userID: user.id, kind: "x", quoteID: UUID()))
            }
            #expect(ErrorShape(noQuote) == ErrorShape(
                .constraintViolation, .foreignKey, sqlState: "23503", constraint: "analytics_events_quote_id_fkey",
                fields: ["quoteID"]))
            #expect(try await repos.analyticsEvents.findAll() == [kept])
            #expect(try await repos.analyticsEvents.count() == 1)
            // An identity value drawn by a refused row is spent, as a sequence's is: three rows reached the store.
            let next = try await repos.analyticsEvents.create(NewAnalyticsEvent(userID: user.id, kind: "next"))
            #expect(next.id == kept.id + 4)
        }
    }

    @Test(arguments: Backend.allCases)
    func quoteBatchesFillDefaultsAndListInKeyOrder(_ backend: Backend) async throws {
        try await backend.run { repos in
            let user = try await Seed.user(repos)
            let day = CalendarDate(year: 2026, month: 2, day: 28)
            let made = try await repos.quotes.createMany([
                NewQuote(ownerID: user.id, title: "a", prompt: "p"),
                NewQuote(ownerID: user.id, title: "b", prompt: "p", status: .sent, totalAmount: Decimal(string: "9.99"),
                         currency: "EUR", aiProvider: .anthropic, content: "c", metadata: ["k": true], validUntil: day),
                NewQuote(ownerID: user.id, title: "c", prompt: "p", id: UUID()),
            ])
            #expect(made.map(\.title) == ["a", "b", "c"] && made.map(\.version) == [1, 1, 1])
            #expect(made.map(\.status) == [.draft, .sent, .draft] && made.map(\.currency) == ["USD", "EUR", "USD"])
            #expect(made[1].totalAmount == Decimal(string: "9.99") && made[1].aiProvider == .anthropic)
            #expect(made[1].metadata == ["k": true] && made[1].validUntil == day && made[1].content == "c")
            #expect(made[0].metadata == .object([:]) && made[0].aiProvider == nil && made[0].totalAmount == 0)
            let ordered = Seed.inKeyOrder(made)
            #expect(try await repos.quotes.findAll() == ordered)
            #expect(try await repos.quotes.findAll(limit: 1, offset: 2) == [ordered[2]])
            _ = try await repos.quotes.delete(id: ordered[0].id)
            #expect(try await repos.quotes.findAll().map(\.id) == ordered.dropFirst().map(\.id))
            let all = try await repos.quotes.findAll(includeDeleted: true)
            #expect(all.map(\.id) == ordered.map(\.id) && all[0].deletedAt != nil)
            let orphan = await repogenError {
                _ = try await repos.quotes.createMany([
                    NewQuote(ownerID: user.id, title: "d", prompt: "p"), NewQuote(ownerID: UUID(), title: "e", prompt: "p"),
                ])
            }
            #expect(ErrorShape(orphan) == ErrorShape(
                .constraintViolation, .foreignKey, sqlState: "23503", constraint: "quotes_owner_id_fkey",
                fields: ["ownerID"]))
            let long = await repogenError {
                _ = try await repos.quotes.createMany([NewQuote(ownerID: user.id, title: "", prompt: "p", currency: "EURO")])
            }
            #expect(long?.kind == .validationFailed && long?.fields == ["currency"])
            #expect(try await repos.quotes.count(includeDeleted: true) == 3)
        }
    }
}
