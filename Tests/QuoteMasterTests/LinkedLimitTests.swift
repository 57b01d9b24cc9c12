import Foundation
import QuoteMaster
import RepogenRuntime
import Testing

/// Per-parent limit and order through a link table (`loadLabels(for:orderBy:limit:)`, `find(eachOf:linkedBy:...)`)
/// on real PostgreSQL: one statement for any number of parents, each parent's first rows in order, the primary key
/// breaking ties, hostile strings as binds.
@Suite struct LinkedLimitTests {
    /// Quote i (of `count`) carries labels "l0" ... "l(i-1)": quote 0 has none.
    func labelledQuotes(_ db: Database, count: Int) async throws -> (quotes: [Quote], labels: [Label]) {
        let owner = try await makeUser(db)
        var quotes: [Quote] = []
        for _ in 0..<count { quotes.append(try await newQuote(db, owner: owner)) }
        let labels = try await db.labels.createMany((0..<count).map { NewLabel(name: "l\($0)") })
        _ = try await db.quoteLabels.createMany(quotes.enumerated().flatMap { index, quote in
            labels.prefix(index).map { NewQuoteLabel(quoteID: quote.id, labelID: $0.id) }
        })
        return (quotes, labels)
    }

    @Test func eachQuotesFirstLabelsInOneStatement() async throws {
        try await withQuoteMasterDatabase { db in
            let (quotes, labels) = try await labelledQuotes(db, count: 8)
            let before = db.statementsExecuted
            let last = try await db.quotes.loadLabels(for: quotes, orderBy: [Label.name.descending], limit: 3)
            #expect(db.statementsExecuted - before == 1)
            #expect(last[quotes[0].id] == nil)   // no labels: absent, as in every load
            for (index, quote) in quotes.enumerated().dropFirst() {
                let expected = labels.prefix(index).sorted { $0.name > $1.name }.prefix(3)
                #expect(last[quote.id] == Array(expected))
            }
            let byKey = try await db.quotes.loadLabels(for: quotes + quotes, orderBy: [], limit: 100)
            #expect(byKey[quotes[7].id]?.map(\.id) == labels.prefix(7).map(\.id).sorted { $0.uuidString < $1.uuidString })
            let narrowed = try await db.quotes.loadLabels(
                for: quotes, orderBy: [Label.name.ascending], limit: 2, where: Label.name.in(["l1", "l5"]))
            #expect(narrowed[quotes[1].id]?.map(\.name) == nil)
            #expect(narrowed[quotes[2].id]?.map(\.name) == ["l1"])
            #expect(narrowed[quotes[7].id]?.map(\.name) == ["l1", "l5"])
        }
    }

    @Test func pairsComeInKeyOrderWithTheirKey() async throws {
        try await withQuoteMasterDatabase { db in
            let (quotes, _) = try await labelledQuotes(db, count: 4)
            let keys = [quotes[3].id, quotes[0].id, quotes[2].id, quotes[3].id]
            let before = db.statementsExecuted
            let pairs = try await db.labels.find(
                eachOf: QuoteLabel.quoteID, linkedBy: QuoteLabel.labelID, in: keys, orderBy: [Label.name.ascending],
                limit: 2)
            #expect(db.statementsExecuted - before == 1)
            #expect(pairs.map(\.key) == [quotes[3].id, quotes[3].id, quotes[2].id, quotes[2].id])
            #expect(pairs.map(\.row.name) == ["l0", "l1", "l0", "l1"])
            let none = try await db.labels.find(
                eachOf: QuoteLabel.quoteID, linkedBy: QuoteLabel.labelID, in: [], orderBy: [], limit: 2)
            #expect(none.isEmpty && db.statementsExecuted - before == 1)   // no keys: nothing sent
            await #expect(throws: RepogenError.self) {
                try await db.quotes.loadLabels(for: quotes, orderBy: [], limit: -1)
            }
            #expect(db.statementsExecuted - before == 1)   // a negative limit throws before sending
            #expect(try await db.quotes.loadLabels(for: quotes, orderBy: [], limit: 0).isEmpty)
        }
    }

    /// The other direction of the link (a label's quotes): all titled "Roof", so the ordering ties and the primary
    /// key decides, in the direction of the last ordering; a soft-deleted quote is left out unless asked for.
    @Test func tiesAreBrokenByPrimaryKeyAndSoftDeletedRowsLeftOut() async throws {
        try await withQuoteMasterDatabase { db in
            let owner = try await makeUser(db)
            let label = try await newLabel(db, "roof")
            var quotes: [Quote] = []
            for _ in 0..<6 { quotes.append(try await newQuote(db, owner: owner)) }
            _ = try await db.quoteLabels.createMany(quotes.map { NewQuoteLabel(quoteID: $0.id, labelID: label.id) })
            let descending = quotes.map(\.id).sorted { $0.uuidString > $1.uuidString }
            let first = try await db.quotes.find(
                eachOf: QuoteLabel.labelID, linkedBy: QuoteLabel.quoteID, in: [label.id],
                orderBy: [Quote.title.descending], limit: 4)
            #expect(first.map(\.row.id) == Array(descending.prefix(4)))
            #expect(try await db.quotes.delete(id: descending[0]))
            let live = try await db.quotes.find(
                eachOf: QuoteLabel.labelID, linkedBy: QuoteLabel.quoteID, in: [label.id],
                orderBy: [Quote.title.descending], limit: 4)
            #expect(live.map(\.row.id) == Array(descending.dropFirst().prefix(4)))
            let deleted = try await db.quotes.find(
                eachOf: QuoteLabel.labelID, linkedBy: QuoteLabel.quoteID, in: [label.id], orderBy: [], limit: 4,
                onlyDeleted: true)
            #expect(deleted.map(\.row.id) == [descending[0]])
        }
    }

    @Test func hostileValuesTravelAsBinds() async throws {
        try await withQuoteMasterDatabase { db in
            let hostile = "x'); DROP TABLE labels; --"
            let owner = try await makeUser(db)
            let quote = try await newQuote(db, owner: owner)
            let labels = try await db.labels.createMany([NewLabel(name: hostile), NewLabel(name: "$1 ' \\ \"")])
            _ = try await db.quoteLabels.createMany(labels.map { NewQuoteLabel(quoteID: quote.id, labelID: $0.id) })
            for label in labels {
                let loaded = try await db.quotes.loadLabels(
                    for: [quote], orderBy: [Label.name.ascending], limit: 5, where: Label.name == label.name)
                #expect(loaded[quote.id] == [label])
                let contained = try await db.quotes.loadLabels(
                    for: [quote], orderBy: [], limit: 5, where: Label.name.contains(label.name))
                #expect(contained[quote.id] == [label])
            }
            #expect(try await db.labels.count() == 2)
            #expect(try await db.quoteLabels.count() == 2)
        }
    }
}
