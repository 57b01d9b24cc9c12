import FeatureSoftDelete
import Foundation
import RepogenRuntime
import RepogenTesting
import Testing

/// Soft delete on real PostgreSQL: every read skips deleted rows unless asked, restore and hard delete work.
@Suite struct SoftDeleteBehaviourTests {
    func note(_ db: Database, slug: String = "a") async throws -> (Owner, Note) {
        let owner = try await db.owners.create(NewOwner(name: "Ada"))
        return (owner, try await db.notes.create(NewNote(ownerID: owner.id, slug: slug, body: "x")))
    }

    @Test func deleteHidesTheRowFromEveryRead() async throws {
        try await withTestDatabase(migrations: FeatureSoftDeleteSchema.migrations) { db in
            let (owner, note) = try await note(db)
            #expect(note.deletedAt == nil)
            #expect(try await db.notes.delete(id: note.id))
            #expect(try await db.notes.delete(id: note.id) == false)
            #expect(try await db.notes.find(id: note.id) == nil)
            #expect(try await db.notes.find(id: note.id, includeDeleted: true)?.deletedAt != nil)
            #expect(try await db.notes.findAll().isEmpty)
            #expect(try await db.notes.findAll(includeDeleted: true).count == 1)
            #expect(try await db.notes.count() == 0)
            #expect(try await db.notes.count(includeDeleted: true) == 1)
            #expect(try await db.notes.exists(id: note.id) == false)
            #expect(try await db.notes.exists(id: note.id, includeDeleted: true))
            #expect(try await db.notes.findBySlug("a") == nil)
            #expect(try await db.notes.findByOwner(owner.id).isEmpty)
            #expect(try await db.owners.loadNotes(for: [owner]).isEmpty)
            await #expect(throws: RepogenError.self) { try await db.notes.update(id: note.id, NotePatch(body: "y")) }
        }
    }

    @Test func restoreAndDeletePermanently() async throws {
        try await withTestDatabase(migrations: FeatureSoftDeleteSchema.migrations) { db in
            let (_, note) = try await note(db)
            #expect(try await db.notes.restore(id: note.id) == false)
            try await db.notes.delete(id: note.id)
            #expect(try await db.notes.restore(id: note.id))
            #expect(try await db.notes.find(id: note.id)?.deletedAt == nil)
            try await db.notes.delete(id: note.id)
            #expect(try await db.notes.hardDelete(id: note.id))
            #expect(try await db.notes.find(id: note.id, includeDeleted: true) == nil)
            #expect(try await db.notes.hardDelete(id: note.id) == false)
            #expect(try await db.notes.delete(id: UUID()) == false)
        }
    }

    @Test func aDeletedRowDoesNotBlockItsUniqueValue() async throws {
        try await withTestDatabase(migrations: FeatureSoftDeleteSchema.migrations) { db in
            let (owner, note) = try await note(db, slug: "same")
            try await db.notes.delete(id: note.id)
            let again = try await db.notes.create(NewNote(ownerID: owner.id, slug: "same", body: "y"))
            #expect(try await db.notes.findBySlug("same") == again)
            let restore = await #expect(throws: RepogenError.self) { try await db.notes.restore(id: note.id) }
            #expect(restore?.violation == .unique && restore?.fields == ["slug"])
            let duplicate = await #expect(throws: RepogenError.self) {
                try await db.notes.create(NewNote(ownerID: owner.id, slug: "same", body: "z"))
            }
            #expect(duplicate?.constraint == "notes_slug_key" && duplicate?.fields == ["slug"])  // the partial index
        }
    }
}
