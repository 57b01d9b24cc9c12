import FeatureVersioned
import Foundation
import RepogenRuntime
import RepogenTesting
import Testing

/// Atomic assignments on versioned Document: `update(id:set:)` bumps the version; the optimistic variant refuses a
/// stale version; an `int` pushed past its range is a typed error that writes nothing.
@Suite struct VersionedAssignmentTests {
    @Test func anIncrementBumpsTheVersionAndAStaleOneConflicts() async throws {
        try await withTestDatabase(migrations: FeatureVersionedSchema.migrations) { db in
            let document = try await db.documents.create(NewDocument(title: "Draft"))
            let viewed = try await db.documents.update(id: document.id, set: [Document.views.increment(by: 3)])
            #expect(viewed.views == 3 && viewed.version == 2)
            let locked = try await db.documents.update(
                id: document.id, expectedVersion: 2, set: [Document.views.decrement(by: 1)])
            #expect(locked.views == 2 && locked.version == 3)
            do {
                _ = try await db.documents.update(
                    id: document.id, expectedVersion: 2, set: [Document.views.increment(by: 1)])
                Issue.record("a stale increment succeeded")
            } catch let error as RepogenError {
                #expect(error.kind == .versionConflict && error.currentVersion == 3)
            }
            await #expect(throws: RepogenError.notFound("Document")) {
                _ = try await db.documents.update(
                    id: UUID(), expectedVersion: 1, set: [Document.views.increment(by: 1)])
            }
        }
    }

    @Test func anIntegerOverflowIsATypedErrorAndWritesNothing() async throws {
        try await withTestDatabase(migrations: FeatureVersionedSchema.migrations) { db in
            let document = try await db.documents.create(NewDocument(title: "Hot", views: Int32.max - 1))
            let full = try await db.documents.update(id: document.id, set: [Document.views.increment(by: 1)])
            #expect(full.views == Int32.max)
            do {
                _ = try await db.documents.update(id: document.id, set: [Document.views.increment(by: 1)])
                Issue.record("an int column went past 2147483647")
            } catch let error as RepogenError {
                #expect(error.kind == .constraintViolation && error.violation == .outOfRange)
                #expect(error.sqlState == "22003" && error.fields == ["views"])
            }
            await #expect(throws: RepogenError.self) {
                try await db.documents.updateMany(where: .all, set: [Document.views.multiply(by: 2)])
            }
            let stored = try await db.documents.find(id: document.id)
            #expect(stored?.views == Int32.max && stored?.version == 2)
        }
    }
}
