import Foundation
import QuoteMaster
import RepogenRuntime
import RepogenTesting
import Testing

/// `SELECT *` rows decode by column name, so they stay right after a migration added or reordered columns.
@Suite struct DecodeByNameTests {
    @Test func selectStarDecodesByNameAfterColumnsMoved() async throws {
        let testDatabase = try await TestPostgres.shared.makeDatabase(migrations: QuoteMasterSchema.migrations)
        try await testDatabase.connect().closing { db in
            let user = try await makeUser(db)
            let created = try await db.quotes.create(NewQuote(ownerID: user.id, title: "Roof", prompt: "p"))
            // `content` moves to the end and a column the entity does not know is added before it.
            try await db.runScript("""
                ALTER TABLE quotes ADD COLUMN legacy_code int4 NOT NULL DEFAULT 7;
                ALTER TABLE quotes DROP COLUMN content;
                ALTER TABLE quotes ADD COLUMN content text;
                """)
            let quote = try await db.quotes.update(id: created.id, QuotePatch(content: "Two coats"))
            let result = try await db.query("SELECT * FROM quotes WHERE id = \(quote.id)")
            #expect(result.columnNames.last == "content")
            #expect(try result.decodeRows(as: Quote.self) == [quote])
            #expect(try result.decodeFirst(as: Quote.self) == quote)
            let positional = try? result.decodeRows(Quote.decode)
            #expect(positional != [quote])  // declaration order no longer matches the table's
        }
    }

    @Test func aMissingColumnIsATypedErrorNamingIt() async throws {
        try await withQuoteMasterDatabase { db in
            let user = try await makeUser(db)
            _ = try await db.quotes.create(NewQuote(ownerID: user.id, title: "Roof", prompt: "p"))
            let result = try await db.query("SELECT id, title FROM quotes")
            let error = #expect(throws: RepogenError.self) { try result.decodeRows(as: Quote.self) }
            #expect(error?.kind == .missingColumn && error?.column == "owner_id")
            #expect(error?.description.contains("owner_id") == true)
            let empty = try await db.query("SELECT * FROM quotes WHERE false")
            #expect(try empty.decodeRows(as: Quote.self).isEmpty)
        }
    }
}
