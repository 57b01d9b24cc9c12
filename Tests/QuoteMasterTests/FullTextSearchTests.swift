import Foundation
import QuoteMaster
import RepogenRuntime
import Testing

/// `search: [title, prompt]` on Quote: the generated `tsvector` column, `matches(_:)` and the ranked `search(_:)`.
@Suite struct FullTextSearchTests {
    @Test func matchesUsesTheEnglishConfigurationOverBothColumns() async throws {
        try await withQuoteMasterDatabase { db in
            let user = try await makeUser(db)
            let roof = try await db.quotes.create(
                NewQuote(ownerID: user.id, title: "Roof repairs", prompt: "Replace the broken tiles"))
            let garden = try await db.quotes.create(
                NewQuote(ownerID: user.id, title: "Garden", prompt: "Repairing the fence and the roofing felt"))
            _ = try await db.quotes.create(NewQuote(ownerID: user.id, title: "Kitchen", prompt: "New cupboards"))
            // Stemming: "repair" finds "repairs" and "Repairing"; "tile" finds "tiles".
            let repairs = try await db.quotes.find(where: Quote.searchVector.matches("repair"))
            #expect(Set(repairs.map(\.id)) == [roof.id, garden.id])
            #expect(try await db.quotes.find(where: Quote.searchVector.matches("tile")).map(\.id) == [roof.id])
            #expect(try await db.quotes.count(where: Quote.searchVector.matches("repair -fence")) == 1)
            #expect(try await db.quotes.count(where: Quote.searchVector.matches("\"broken tiles\"")) == 1)
            #expect(try await db.quotes.count(where: Quote.searchVector.matches("tiles or cupboards")) == 2)
            #expect(try await db.quotes.count(where: Quote.searchVector.matches("the and")) == 0)  // stop words
            let combined = Quote.searchVector.matches("repair") && Quote.title == "Garden"
            #expect(try await db.quotes.find(where: combined).map(\.id) == [garden.id])
        }
    }

    @Test func searchRanksATitleMatchAboveAPromptMatch() async throws {
        try await withQuoteMasterDatabase { db in
            let user = try await makeUser(db)
            let inPrompt = try await db.quotes.create(
                NewQuote(ownerID: user.id, title: "Garden", prompt: "and the roof too"))
            let inTitle = try await db.quotes.create(NewQuote(ownerID: user.id, title: "Roof", prompt: "tiles"))
            let deleted = try await db.quotes.create(NewQuote(ownerID: user.id, title: "Roof", prompt: "roof"))
            try await db.quotes.delete(id: deleted.id)
            let hits = try await db.quotes.search("roof")
            #expect(hits.map(\.id) == [inTitle.id, inPrompt.id])
            #expect(try await db.quotes.search("roof", limit: 1, offset: 1).map(\.id) == [inPrompt.id])
            #expect(try await db.quotes.search("roof", where: Quote.title == "Garden").map(\.id) == [inPrompt.id])
            await #expect(throws: RepogenError.self) { _ = try await db.quotes.search("roof", limit: -1) }
        }
    }

    @Test func theColumnFollowsUpdatesAndStaysOutOfTheAuditTrail() async throws {
        try await withQuoteMasterDatabase { db in
            let user = try await makeUser(db)
            let quote = try await db.quotes.create(NewQuote(ownerID: user.id, title: "Roof", prompt: "tiles"))
            _ = try await db.quotes.update(id: quote.id, QuotePatch(title: "Chimney"))
            _ = try await db.quotes.updateMany(where: Quote.id == quote.id, set: [Quote.prompt.set("bricks")])
            #expect(try await db.quotes.count(where: Quote.searchVector.matches("roof")) == 0)
            #expect(try await db.quotes.count(where: Quote.searchVector.matches("chimney bricks")) == 1)
            try await db.quotes.hardDeleteMany(where: .all)
            let audit = try await db.auditEntries.findAll()
            #expect(audit.count == 4)
            #expect(audit.allSatisfy { $0.before?["search_vector"] == nil && $0.after?["search_vector"] == nil })
            #expect(audit[1].after?["title"] == "Chimney" && audit[2].after?["prompt"] == "bricks")
        }
    }

    @Test(arguments: HostileStringTests.hostile)
    func aHostileQueryIsData(_ text: String) async throws {
        try await withQuoteMasterDatabase { db in
            let user = try await makeUser(db)
            let stored = try await db.quotes.create(
                NewQuote(ownerID: user.id, title: String(text.prefix(200)), prompt: text))
            let decoy = try await db.quotes.create(NewQuote(ownerID: user.id, title: "decoy", prompt: "decoy"))
            // websearch_to_tsquery reads operators in the text (`-word`, `or`, quotes), so which row matches
            // depends on the text; what may never happen is an error or anything but these two rows.
            let matched = Set(try await db.quotes.find(where: Quote.searchVector.matches(text)).map(\.id))
            let searched = Set(try await db.quotes.search(text).map(\.id))
            #expect(matched == searched && matched.isSubset(of: [stored.id, decoy.id]))
            #expect(try await db.quotes.count(where: .all) == 2)
            #expect(try await db.users.count() == 1)
        }
    }

    @Test func anInjectionAttemptIsSearchedForItsWords() async throws {
        try await withQuoteMasterDatabase { db in
            let user = try await makeUser(db)
            let text = "Robert'); DELETE FROM users WHERE ('1'='1"
            let stored = try await db.quotes.create(NewQuote(ownerID: user.id, title: "t", prompt: text))
            _ = try await db.quotes.create(NewQuote(ownerID: user.id, title: "decoy", prompt: "decoy"))
            #expect(try await db.quotes.search(text).map(\.id) == [stored.id])
            let words = try await db.quotes.find(where: Quote.searchVector.matches("robert users"))
            #expect(words.map(\.id) == [stored.id])
            #expect(try await db.users.count() == 1)
        }
    }
}
