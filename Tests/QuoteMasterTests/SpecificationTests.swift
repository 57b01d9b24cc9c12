import Foundation
import QuoteMaster
import RepogenRuntime
import Testing

/// Inserts quotes with the given titles, amounts and statuses for `owner`, in order.
func seedQuotes(_ db: some DatabaseExecutor, owner: User, _ rows: [(String, Decimal, QuoteStatus)]) async throws
    -> [Quote]
{
    try await db.quotes.createMany(rows.map { title, amount, status in
        NewQuote(ownerID: owner.id, title: title, prompt: "p " + title, status: status, totalAmount: amount)
    })
}

/// Typed predicates, specifications and the where-based reads on real PostgreSQL.
@Suite struct SpecificationTests {
    @Test func everyOperatorSelectsTheExpectedRows() async throws {
        try await withQuoteMasterDatabase { db in
            let user = try await makeUser(db)
            let rows = try await seedQuotes(db, owner: user, [
                ("Roof", 100, .draft), ("Roof tiles", 250, .sent), ("Garden", 50, .accepted), ("50% off_", 75, .sent),
            ])
            func titles(_ predicate: Specification<Quote>) async throws -> [String] {
                try await db.quotes.find(where: predicate, orderBy: [Quote.title.ascending]).map(\.title)
            }
            #expect(try await titles(Quote.status == .sent) == ["50% off_", "Roof tiles"])
            #expect(try await titles(Quote.status != .sent) == ["Garden", "Roof"])
            #expect(try await titles(Quote.totalAmount > 75) == ["Roof", "Roof tiles"])
            #expect(try await titles(Quote.totalAmount >= 75) == ["50% off_", "Roof", "Roof tiles"])
            #expect(try await titles(Quote.totalAmount < 75) == ["Garden"])
            #expect(try await titles(Quote.totalAmount <= 75) == ["50% off_", "Garden"])
            #expect(try await titles(Quote.title.like("Roof%")) == ["Roof", "Roof tiles"])
            #expect(try await titles(Quote.title.ilike("roof t%")) == ["Roof tiles"])
            #expect(try await titles(Quote.status.in([.draft, .accepted])) == ["Garden", "Roof"])
            #expect(try await titles(Quote.status.in([])) == [])
            #expect(try await titles(Quote.status.notIn([.sent])) == ["Garden", "Roof"])
            #expect(try await titles(Quote.totalAmount.between(60, and: 100)) == ["50% off_", "Roof"])
            #expect(try await titles(Quote.title.contains("% off_")) == ["50% off_"])
            #expect(try await titles(Quote.title.contains("%")) == ["50% off_"])
            #expect(try await titles(Quote.title.contains("_")) == ["50% off_"])
            #expect(try await titles(Quote.title.hasPrefix("roof", caseInsensitive: true)) == ["Roof", "Roof tiles"])
            #expect(try await titles(Quote.title.hasSuffix("tiles")) == ["Roof tiles"])
            #expect(try await titles(Quote.validUntil.isNull).count == 4)
            #expect(try await titles(Quote.validUntil.isNotNull) == [])
            #expect(try await titles(Quote.status == .sent && Quote.totalAmount > 100) == ["Roof tiles"])
            #expect(try await titles(Quote.status == .draft || Quote.totalAmount < 60) == ["Garden", "Roof"])
            #expect(try await titles(!(Quote.status == .sent)) == ["Garden", "Roof"])
            #expect(try await titles(Quote.id == rows[2].id) == ["Garden"])
        }
    }

    @Test func jsonContainmentMatchesDocuments() async throws {
        try await withQuoteMasterDatabase { db in
            let user = try await makeUser(db)
            let web = try await db.quotes.create(
                NewQuote(ownerID: user.id, title: "Web", prompt: "p", metadata: ["source": "web", "tier": 2]))
            _ = try await db.quotes.create(
                NewQuote(ownerID: user.id, title: "Mail", prompt: "p", metadata: ["source": "mail"]))
            #expect(try await db.quotes.find(where: Quote.metadata.contains(["source": "web"])).map(\.id) == [web.id])
            #expect(try await db.quotes.count(where: Quote.metadata.hasKey("tier")) == 1)
            #expect(try await db.quotes.count(where: Quote.metadata.contains(["source": "fax"])) == 0)
        }
    }

    @Test func specificationsComposeLikePredicates() async throws {
        try await withQuoteMasterDatabase { db in
            let user = try await makeUser(db)
            let today = CalendarDate(year: 2030, month: 1, day: 10)
            let soon = try await db.quotes.create(NewQuote(
                ownerID: user.id, title: "Soon", prompt: "p", status: .sent, totalAmount: 500,
                validUntil: CalendarDate(year: 2030, month: 1, day: 15)))
            _ = try await db.quotes.create(NewQuote(
                ownerID: user.id, title: "Later", prompt: "p", status: .sent,
                validUntil: CalendarDate(year: 2030, month: 3, day: 1)))
            let spec: Specification<Quote> = .expiringWithin(days: 7, from: today) && .open
            #expect(try await db.quotes.find(where: spec).map(\.id) == [soon.id])
            #expect(try await db.quotes.first(where: .worthAtLeast(100, ownedBy: user.id))?.id == soon.id)
            #expect(try await db.quotes.count(where: .mentioning("LATER")) == 1)
            #expect(try await db.quotes.exists(where: !Specification<Quote>.open) == false)
            #expect(try await db.quotes.exists(where: .open))
        }
    }

    @Test func orderingUsesDirectionAndNullsPlacement() async throws {
        try await withQuoteMasterDatabase { db in
            let user = try await makeUser(db)
            let dated = try await db.quotes.create(NewQuote(
                ownerID: user.id, title: "B", prompt: "p", validUntil: CalendarDate(year: 2030, month: 1, day: 1)))
            let undated = try await db.quotes.create(NewQuote(ownerID: user.id, title: "A", prompt: "p"))
            let nullsFirst = try await db.quotes.find(where: .all, orderBy: [Quote.validUntil.ascending(nulls: .first)])
            #expect(nullsFirst.map(\.id) == [undated.id, dated.id])
            let nullsLast = try await db.quotes.find(where: .all, orderBy: [Quote.validUntil.descending(nulls: .last)])
            #expect(nullsLast.map(\.id) == [dated.id, undated.id])
            let twoKeys = try await db.quotes.find(
                where: .all, orderBy: [Quote.status.ascending, Quote.title.descending], limit: 1)
            #expect(twoKeys.map(\.id) == [dated.id])
        }
    }

    @Test func softDeletedRowsFollowIncludeAndOnlyDeleted() async throws {
        try await withQuoteMasterDatabase { db in
            let user = try await makeUser(db)
            let rows = try await seedQuotes(db, owner: user, [("A", 1, .draft), ("B", 2, .draft)])
            #expect(try await db.quotes.delete(id: rows[0].id))
            #expect(try await db.quotes.count(where: .all) == 1)
            #expect(try await db.quotes.count(where: .all, includeDeleted: true) == 2)
            #expect(try await db.quotes.find(where: .all, onlyDeleted: true).map(\.id) == [rows[0].id])
            #expect(try await db.quotes.exists(where: Quote.id == rows[0].id) == false)
        }
    }
}
