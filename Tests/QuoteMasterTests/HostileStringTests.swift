import Foundation
import QuoteMaster
import RepogenRuntime
import Testing

/// Hostile strings go through every text operator as data: stored intact, matched literally, never run as SQL.
@Suite struct HostileStringTests {
    static let hostile: [String] = [
        "'; DROP TABLE quotes; --", "Robert'); DELETE FROM users WHERE ('1'='1", "a -- comment", "semi;colon",
        "100% _wild_ %", "back\\slash\\", "\\%\\_", "quote\"double", "$1::text", "Ünïcødé 日本語 🚀",
        String(repeating: "long✓", count: 40), "", " ",
    ]

    /// A quote whose prompt is `text` and title its first 200 characters, beside a decoy quote of the same user.
    static func seedHostileQuote(_ db: Database, _ text: String) async throws -> (stored: Quote, title: String) {
        let user = try await makeUser(db)
        let title = String(text.prefix(200))
        let stored = try await db.quotes.create(NewQuote(ownerID: user.id, title: title, prompt: text))
        _ = try await db.quotes.create(NewQuote(ownerID: user.id, title: "decoy", prompt: "decoy"))
        return (stored, title)
    }

    @Test(arguments: hostile)
    func hostileTextIsStoredAndMatchedAsData(_ text: String) async throws {
        try await withQuoteMasterDatabase { db in
            let (stored, title) = try await Self.seedHostileQuote(db, text)
            #expect(stored.prompt == text && stored.title == title)
            let one = [stored.id]
            #expect(try await db.quotes.find(where: Quote.prompt == text).map(\.id) == one)
            #expect(try await db.quotes.count(where: Quote.prompt != text) == 1)
            #expect(try await db.quotes.find(where: Quote.prompt.in([text])).map(\.id) == one)
            #expect(try await db.quotes.count(where: Quote.prompt.notIn([text])) == 1)
            #expect(try await db.quotes.find(where: Quote.prompt.between(text, and: text)).map(\.id) == one)
            let escaped = ColumnRef<Quote, String>.escapeLike(text)
            #expect(try await db.quotes.find(where: Quote.prompt.like(escaped)).map(\.id) == one)
            #expect(try await db.quotes.find(where: Quote.prompt.ilike(escaped)).map(\.id) == one)
            if !text.isEmpty {
                #expect(try await db.quotes.find(where: Quote.prompt.contains(text)).map(\.id) == one)
                #expect(try await db.quotes.find(where: Quote.prompt.hasPrefix(text)).map(\.id) == one)
                #expect(try await db.quotes.find(where: Quote.prompt.hasSuffix(text)).map(\.id) == one)
            }
            #expect(try await db.quotes.count(where: Quote.metadata.contains(["k": .string(text)])) == 0)
            #expect(try await db.quotes.updateMany(where: Quote.prompt == text, set: [Quote.content.set(text)]) == 1)
            #expect(try await db.quotes.find(id: stored.id)?.content == text)
            let returned = try await db.quotes.updateManyReturning(
                where: Quote.prompt == text, set: [Quote.content.set(text + "'")])
            #expect(returned.map(\.id) == one && returned.first?.content == text + "'")
            #expect(try await db.quotes.update(id: stored.id, set: [Quote.content.set(text)]).content == text)
            #expect(try await db.users.count() == 1)
            #expect(try await db.quotes.count(where: .all) == 2)
        }
    }

    @Test func aVeryLongStringIsMatchedWhole() async throws {
        try await withQuoteMasterDatabase { db in
            let user = try await makeUser(db)
            let long = String(repeating: "x'%_\\;--", count: 20_000)
            let stored = try await db.quotes.create(NewQuote(ownerID: user.id, title: "long", prompt: long))
            #expect(try await db.quotes.find(where: Quote.prompt.contains(long)).map(\.id) == [stored.id])
            #expect(try await db.quotes.count(where: Quote.prompt == long + "y") == 0)
        }
    }

    @Test func aNulCharacterIsACleanTypedError() async throws {
        try await withQuoteMasterDatabase { db in
            let user = try await makeUser(db)
            do {
                _ = try await db.quotes.find(where: Quote.prompt == "nul\u{0}byte")
                Issue.record("a NUL character reached PostgreSQL text")
            } catch let error as RepogenError {
                #expect(error.kind == .queryFailed && error.sqlState == "22021")
                #expect(!error.description.contains("nul"))
            }
            await #expect(throws: RepogenError.self) {
                _ = try await db.quotes.create(NewQuote(ownerID: user.id, title: "t", prompt: "a\u{0}b"))
            }
            #expect(try await db.quotes.count(where: .all) == 0)
        }
    }
}
