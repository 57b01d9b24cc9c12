import Foundation
import QuoteMaster
import RepogenRuntime
import Testing

/// The issue's own examples on Quote Master, as the application role: each user's latest five events in one
/// statement, and quotes with their owners and labels in two, whatever the number of users and quotes.
@Suite struct RelationGraphTests {
    @Test func eachUsersLatestFiveEventsInOneStatement() async throws {
        try await withQuoteMasterDatabase { db in
            var users: [User] = []
            for index in 0..<12 { users.append(try await makeUser(db, "user\(index)")) }
            let start = Date(timeIntervalSince1970: 1_700_000_000)
            _ = try await db.analyticsEvents.createMany(users.flatMap { user in
                (0..<8).map { minute in
                    NewAnalyticsEvent(userID: user.id, kind: "k\(minute)", occurredAt: start + Double(minute * 60))
                }
            })
            let before = db.statementsExecuted
            let latest = try await db.users.loadEvents(
                for: users, orderBy: [AnalyticsEvent.occurredAt.descending], limit: 5)
            #expect(db.statementsExecuted - before == 1)
            #expect(users.allSatisfy { latest[$0.id]?.map(\.kind) == ["k7", "k6", "k5", "k4", "k3"] })
            #expect(users.allSatisfy { user in latest[user.id]?.allSatisfy { $0.userID == user.id } == true })
        }
    }

    @Test func quotesWithTheirOwnersAndLabelsInTwoStatements() async throws {
        try await withQuoteMasterDatabase { db in
            let (ada, bob) = (try await makeUser(db, "ada"), try await makeUser(db, "bob"))
            var quotes: [Quote] = []
            for index in 0..<10 { quotes.append(try await newQuote(db, owner: index.isMultiple(of: 2) ? ada : bob)) }
            let (roof, urgent) = (try await newLabel(db, "roof"), try await newLabel(db, "urgent"))
            _ = try await db.quoteLabels.createMany(quotes.prefix(3).flatMap { quote in
                [NewQuoteLabel(quoteID: quote.id, labelID: roof.id), NewQuoteLabel(quoteID: quote.id, labelID: urgent.id)]
            })
            let before = db.statementsExecuted
            let nodes = try await db.quotes.include(QuoteInclude(owner: UserInclude(), labels: LabelInclude()), for: quotes)
            #expect(db.statementsExecuted - before == 2)
            #expect(nodes.map(\.row) == quotes)
            #expect(nodes.allSatisfy { $0.owner?.row.id == $0.row.ownerID })
            #expect(nodes.map { $0.labels?.count } == [2, 2, 2, 0, 0, 0, 0, 0, 0, 0])
            #expect(try await db.quotes.delete(id: quotes[0].id))
            let users = try await db.users.include(UserInclude(quotes: QuoteInclude(labels: LabelInclude())), for: [ada])
            #expect(users.first?.quotes?.count == 4)   // the soft-deleted quote is left out
            #expect(users.first?.quotes?.compactMap(\.labels).joined().count == 2)   // quote 2's two labels
        }
    }
}
