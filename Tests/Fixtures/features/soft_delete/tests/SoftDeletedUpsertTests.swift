import FeatureSoftDelete
import Foundation
import RepogenRuntime
import RepogenTesting
import Testing

/// An upsert whose unique index covers deleted rows (Label's `name`) neither revives nor overwrites a soft-deleted
/// row holding the key: it throws a unique violation naming the key and writes nothing.
@Suite struct SoftDeletedUpsertTests {
    @Test func aSoftDeletedRowHoldingTheKeyIsLeftAloneAndTheUpsertThrows() async throws {
        try await withTestDatabase(migrations: FeatureSoftDeleteSchema.migrations) { db in
            let label = try await db.labels.upsertByName(NewLabel(name: "red", hue: 1))
            let again = try await db.labels.upsertByName(NewLabel(name: "red", hue: 2))
            #expect(again.id == label.id && again.hue == 2)
            #expect(try await db.labels.delete(id: label.id))
            do {
                _ = try await db.labels.upsertByName(NewLabel(name: "red", hue: 3))
                Issue.record("an upsert overwrote a soft-deleted row")
            } catch let error as RepogenError {
                #expect(error.kind == .constraintViolation && error.violation == .unique)
                #expect(error.fields == ["name"])
            }
            let kept = try await db.labels.find(id: label.id, includeDeleted: true)
            #expect(kept?.hue == 2 && kept?.deletedAt != nil)
            #expect(try await db.labels.count(includeDeleted: true) == 1)
            #expect(try await db.labels.restore(id: label.id))
            #expect(try await db.labels.upsertByName(NewLabel(name: "red", hue: 4)).hue == 4)
        }
    }

    @Test func anIncrementSkipsSoftDeletedRows() async throws {
        try await withTestDatabase(migrations: FeatureSoftDeleteSchema.migrations) { db in
            let live = try await db.labels.create(NewLabel(name: "live"))
            let gone = try await db.labels.create(NewLabel(name: "gone"))
            #expect(try await db.labels.delete(id: gone.id))
            let bumped = try await db.labels.updateManyReturning(where: .all, set: [Label.hue.increment(by: 5)])
            #expect(bumped.map(\.id) == [live.id] && bumped.first?.hue == 5)
            await #expect(throws: RepogenError.notFound("Label")) {
                _ = try await db.labels.update(id: gone.id, set: [Label.hue.increment(by: 1)])
            }
            #expect(try await db.labels.find(id: gone.id, includeDeleted: true)?.hue == 0)
        }
    }
}
