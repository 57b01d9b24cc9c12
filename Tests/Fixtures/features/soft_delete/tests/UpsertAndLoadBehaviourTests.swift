import FeatureSoftDelete
import Foundation
import RepogenRuntime
import RepogenTesting
import Testing

/// `upsertBySlug(_:)` on the live-rows partial unique index, and `loadNotes(for:includeDeleted:onlyDeleted:)`.
@Suite struct UpsertAndLoadBehaviourTests {
    @Test func upsertInsertsThenOverwritesTheLiveRow() async throws {
        try await withTestDatabase(migrations: FeatureSoftDeleteSchema.migrations) { db in
            let owner = try await db.owners.create(NewOwner(name: "Ada"))
            let other = try await db.owners.create(NewOwner(name: "Bob"))
            let inserted = try await db.notes.upsertBySlug(NewNote(ownerID: owner.id, slug: "k", body: "one"))
            #expect(inserted.body == "one")
            #expect(try await db.notes.count() == 1)
            let input = NewNote(ownerID: other.id, slug: "k", body: "two", id: UUID())
            let updated = try await db.notes.upsertBySlug(input)
            #expect(updated.id == inserted.id)
            #expect(updated.ownerID == other.id)
            #expect(updated.body == "two")
            #expect(try await db.notes.find(id: inserted.id) == updated)
            #expect(try await db.notes.count() == 1)
        }
    }

    @Test func aDeletedRowIsNotAConflict() async throws {
        try await withTestDatabase(migrations: FeatureSoftDeleteSchema.migrations) { db in
            let owner = try await db.owners.create(NewOwner(name: "Ada"))
            let first = try await db.notes.upsertBySlug(NewNote(ownerID: owner.id, slug: "k", body: "one"))
            try await db.notes.delete(id: first.id)
            let second = try await db.notes.upsertBySlug(NewNote(ownerID: owner.id, slug: "k", body: "two"))
            #expect(second.id != first.id)
            #expect(try await db.notes.find(id: first.id, includeDeleted: true)?.body == "one")
            #expect(try await db.notes.count(includeDeleted: true) == 2)
        }
    }

    @Test func concurrentUpsertsOfOneKeyLeaveOneRow() async throws {
        try await withTestDatabase(migrations: FeatureSoftDeleteSchema.migrations) { db in
            let owner = try await db.owners.create(NewOwner(name: "Ada"))
            let ids = try await withThrowingTaskGroup(of: UUID.self) { group in
                for attempt in 0..<16 {
                    group.addTask {
                        try await db.notes.upsertBySlug(NewNote(ownerID: owner.id, slug: "race", body: "\(attempt)")).id
                    }
                }
                return try await group.reduce(into: Set<UUID>()) { $0.insert($1) }
            }
            #expect(ids.count == 1)
            #expect(try await db.notes.count(includeDeleted: true) == 1)
            let stored = try await db.notes.findBySlug("race")
            #expect(stored.map { ids.contains($0.id) } == true)
        }
    }

    @Test func eagerLoadsChooseLiveAllOrDeletedRows() async throws {
        try await withTestDatabase(migrations: FeatureSoftDeleteSchema.migrations) { db in
            let owner = try await db.owners.create(NewOwner(name: "Ada"))
            let live = try await db.notes.create(NewNote(ownerID: owner.id, slug: "live", body: "x"))
            let gone = try await db.notes.create(NewNote(ownerID: owner.id, slug: "gone", body: "y"))
            try await db.notes.delete(id: gone.id)
            #expect(try await db.owners.loadNotes(for: [owner])[owner.id]?.map(\.id) == [live.id])
            let all = try await db.owners.loadNotes(for: [owner], includeDeleted: true)
            #expect(Set(all[owner.id]?.map(\.id) ?? []) == [live.id, gone.id])
            let deleted = try await db.owners.loadNotes(for: [owner], onlyDeleted: true)
            #expect(deleted[owner.id]?.map(\.id) == [gone.id])
            let both = try await db.owners.loadNotes(for: [owner], includeDeleted: true, onlyDeleted: true)
            #expect(both[owner.id]?.map(\.id) == [gone.id])
            #expect(try await db.owners.loadNotes(for: [], onlyDeleted: true).isEmpty)
        }
    }
}
