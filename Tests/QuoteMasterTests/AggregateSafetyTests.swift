import Foundation
import QuoteMaster
import RepogenRuntime
import Testing

/// Hostile strings through the aggregate and projection operators, and one prepared statement per query shape.
@Suite struct AggregateSafetyTests {
    @Test(arguments: HostileStringTests.hostile)
    func hostileTextIsGroupedComparedAndFilteredAsData(_ text: String) async throws {
        try await withQuoteMasterDatabase { db in
            let (stored, title) = try await HostileStringTests.seedHostileQuote(db, text)
            let groups = try await db.quotes.aggregate(where: Quote.prompt == text, having: Quote.prompt.max == text) {
                Quote.prompt
                Quote.title.min
                Quote.rowCount
            }
            #expect(groups.count == 1 && groups[0].0 == text && groups[0].1 == title && groups[0].2 == 1)
            #expect(try await db.quotes.aggregate(Quote.rowCount, where: Quote.prompt != text) == 1)
            let ranked = try await db.quotes.aggregate(rankedWhere: Quote.prompt == text) {
                Quote.prompt
                Quote.rank(by: [Quote.prompt.ascending])
            }
            #expect(ranked.map(\.0) == [text])
            let projected = try await db.quotes.select(
                where: Quote.prompt.in([text]), rankedWhere: Quote.title == title
            ) {
                Quote.id
                Quote.prompt
                Quote.rowNumber(by: [Quote.title.descending])
            }
            #expect(projected.count == 1 && projected[0].0 == stored.id && projected[0].1 == text)
            #expect(try await db.quotes.count(where: .all) == 2)
            #expect(try await db.users.count() == 1)
        }
    }

    @Test func oneShapeIsOnePreparedStatementWhateverTheValues() async throws {
        try await withQuoteMasterDatabase { db in
            let user = try await makeUser(db)
            _ = try await db.analyticsEvents.create(NewAnalyticsEvent(userID: user.id, kind: "view"))
            let prepared = try await db.transaction { tx in
                for (zone, kind) in [("Europe/Paris", "view"), ("Asia/Tokyo", "click'; --"), ("UTC", "view")] {
                    _ = try await tx.analyticsEvents.aggregate(
                        where: AnalyticsEvent.kind == kind, having: AnalyticsEvent.rowCount > 0, limit: 10
                    ) {
                        AnalyticsEvent.occurredAt.truncated(to: .day, in: TimeZone(identifier: zone)!)
                        AnalyticsEvent.rowCount
                    }
                }
                let result = try await tx.query(
                    "SELECT count(*) FROM pg_prepared_statements WHERE statement LIKE 'SELECT date_trunc%'",
                    readOnly: true)
                return try result.decodeFirst { try $0.decode(Int64.self, at: 0) }
            }
            #expect(prepared == 1)
        }
    }
}
