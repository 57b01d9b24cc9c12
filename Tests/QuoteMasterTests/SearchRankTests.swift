import Foundation
import QuoteMaster
import RepogenRuntime
import Testing

/// `searchRanked(_:)`: the rows `search(_:)` returns, in its order, each with the `ts_rank` it was ordered by.
@Suite struct SearchRankTests {
    @Test func eachRowComesWithTheRankItIsOrderedBy() async throws {
        try await withQuoteMasterDatabase { db in
            let user = try await makeUser(db)
            let inPrompt = try await db.quotes.create(NewQuote(ownerID: user.id, title: "Garden", prompt: "a roof"))
            let inTitle = try await db.quotes.create(NewQuote(ownerID: user.id, title: "Roof", prompt: "tiles"))
            let inBoth = try await db.quotes.create(NewQuote(ownerID: user.id, title: "Roof", prompt: "roof, roof"))
            _ = try await db.quotes.create(NewQuote(ownerID: user.id, title: "Kitchen", prompt: "cupboards"))
            let before = db.statementsExecuted
            let hits = try await db.quotes.searchRanked("roof")
            #expect(db.statementsExecuted - before == 1)
            #expect(hits.map(\.row.id) == [inBoth.id, inTitle.id, inPrompt.id])
            #expect(hits.map(\.row.id) == (try await db.quotes.search("roof")).map(\.id))
            #expect(hits.map(\.row) == (try await db.quotes.search("roof")))
            // Weight A (title) above weight B (prompt), more matches above fewer: strictly decreasing here.
            #expect(zip(hits, hits.dropFirst()).allSatisfy { $0.rank > $1.rank })
            #expect(hits.allSatisfy { $0.rank > 0 && $0.rank.isFinite })
            let page = try await db.quotes.searchRanked("roof", where: Quote.title == "Roof", limit: 1, offset: 1)
            #expect(page.map(\.row.id) == [inTitle.id] && page.first?.rank == hits[1].rank)
            #expect(try await db.quotes.searchRanked("the and").isEmpty)   // stop words match nothing
            try await db.quotes.delete(id: inBoth.id)
            #expect(try await db.quotes.searchRanked("roof").map(\.row.id) == [inTitle.id, inPrompt.id])
            await #expect(throws: RepogenError.self) { _ = try await db.quotes.searchRanked("roof", offset: -1) }
        }
    }

    @Test(arguments: HostileStringTests.hostile)
    func aHostileQueryIsData(_ text: String) async throws {
        try await withQuoteMasterDatabase { db in
            _ = try await HostileStringTests.seedHostileQuote(db, text)
            // Which row matches depends on the operators in the text; an error or any other row may never happen.
            let ranked = try await db.quotes.searchRanked(text, where: Quote.prompt != text + "'")
            #expect(ranked.map(\.row) == (try await db.quotes.search(text)))
            #expect(ranked.allSatisfy { $0.rank >= 0 && $0.rank.isFinite })
            #expect(try await db.quotes.count(where: .all) == 2)
            #expect(try await db.users.count() == 1)
        }
    }
}
