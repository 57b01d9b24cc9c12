import Foundation
import QuoteMaster
import RepogenRuntime
import Testing

/// `upsert(_:)` by primary key on Quote (audited, versioned, soft-deleted): insert, overwrite with its audit row
/// and version, refusal on a soft-deleted row, and hostile values, on real PostgreSQL.
@Suite struct PrimaryKeyUpsertTests {
    @Test func insertsThenOverwritesByIDWithAuditAndVersion() async throws {
        try await withQuoteMasterDatabase { db in
            let user = try await makeUser(db)
            let drawn = try await db.quotes.upsert(NewQuote(ownerID: user.id, title: "No key", prompt: "p"))
            #expect(drawn.version == 1 && drawn.title == "No key")
            let id = UUID()
            let first = try await db.transaction(actor: user.id) { tx in
                try await tx.quotes.upsert(NewQuote(ownerID: user.id, title: "Roof", prompt: "p", id: id))
            }
            #expect(first.id == id && first.version == 1)
            let second = try await db.transaction(actor: user.id) { tx in
                try await tx.quotes.upsert(
                    NewQuote(ownerID: user.id, title: "Roof v2", prompt: "p", id: id, totalAmount: 99))
            }
            #expect(second.id == id && second.version == 2 && second.title == "Roof v2" && second.totalAmount == 99)
            #expect(second.createdAt == first.createdAt && second.updatedAt >= first.updatedAt)
            #expect(try await db.quotes.count() == 2)
            let trail = try await db.auditEntries.findAll(limit: 100)
                .filter { $0.entityID == id.uuidString.lowercased() }
            #expect(trail.map(\.action) == [.create, .update])
            #expect(trail.map(\.actorID) == [user.id, user.id])
            #expect(trail[1].before?["title"] == "Roof" && trail[1].after?["title"] == "Roof v2")
        }
    }

    @Test func aSoftDeletedRowIsNeitherRevivedNorOverwritten() async throws {
        try await withQuoteMasterDatabase { db in
            let user = try await makeUser(db)
            let quote = try await db.quotes.create(NewQuote(ownerID: user.id, title: "Gone", prompt: "p"))
            try await db.quotes.delete(id: quote.id)
            let error = await #expect(throws: RepogenError.self) {
                try await db.quotes.upsert(NewQuote(ownerID: user.id, title: "Back?", prompt: "p", id: quote.id))
            }
            #expect(error?.kind == .constraintViolation && error?.fields == ["id"])
            let stored = try await db.quotes.find(id: quote.id, includeDeleted: true)
            #expect(stored?.title == "Gone" && stored?.deletedAt != nil && stored?.version == 2)
        }
    }

    @Test func hostileValuesAreStoredAsGiven() async throws {
        try await withQuoteMasterDatabase { db in
            let user = try await makeUser(db)
            for text in HostileStringTests.hostile {
                let id = UUID()
                _ = try await db.quotes.upsert(NewQuote(ownerID: user.id, title: "t", prompt: text, id: id))
                let again = NewQuote(ownerID: user.id, title: text, prompt: text, id: id)
                let overwritten = try await db.quotes.upsert(again)
                #expect(overwritten.title == text && overwritten.prompt == text)
            }
            #expect(try await db.quotes.count() == HostileStringTests.hostile.count)
        }
    }
}
