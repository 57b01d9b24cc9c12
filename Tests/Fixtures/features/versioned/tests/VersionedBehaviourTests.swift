import FeatureVersioned
import Foundation
import RepogenRuntime
import RepogenTesting
import Testing

/// Versioning on real PostgreSQL: updates bump the version; an optimistic update of a stale version fails typed.
@Suite struct VersionedBehaviourTests {
    @Test func everyUpdateIncrementsTheVersion() async throws {
        try await withTestDatabase(migrations: FeatureVersionedSchema.migrations) { db in
            let document = try await db.documents.create(NewDocument(title: "Draft"))
            #expect(document.version == 1)
            let renamed = try await db.documents.update(id: document.id, DocumentPatch(title: "Final"))
            #expect(renamed.version == 2 && renamed.title == "Final")
            let locked = try await db.documents.update(id: document.id, expectedVersion: 2, DocumentPatch(body: "b"))
            #expect(locked.version == 3 && locked.body == "b" && locked.title == "Final")
        }
    }

    @Test func aStaleVersionThrowsAConflictWithTheCurrentVersion() async throws {
        try await withTestDatabase(migrations: FeatureVersionedSchema.migrations) { db in
            let document = try await db.documents.create(NewDocument(title: "Draft"))
            _ = try await db.documents.update(id: document.id, DocumentPatch(title: "Moved on"))
            do {
                _ = try await db.documents.update(id: document.id, expectedVersion: 1, DocumentPatch(title: "Lost"))
                Issue.record("a stale update succeeded")
            } catch let error as RepogenError {
                #expect(error.kind == .versionConflict && error.isVersionConflict)
                #expect(error.currentVersion == 2)
            }
            #expect(try await db.documents.find(id: document.id)?.title == "Moved on")
            await #expect(throws: RepogenError.notFound("Document")) {
                _ = try await db.documents.update(id: UUID(), expectedVersion: 1, DocumentPatch(title: "x"))
            }
        }
    }

    @Test func ofTwoConcurrentUpdatesOfOneVersionExactlyOneWins() async throws {
        try await withTestDatabase(migrations: FeatureVersionedSchema.migrations) { db in
            let document = try await db.documents.create(NewDocument(title: "Draft"))
            let outcomes = try await withThrowingTaskGroup(of: Bool.self) { group in
                for index in 0..<8 {
                    group.addTask {
                        do {
                            _ = try await db.documents.update(
                                id: document.id, expectedVersion: 1, DocumentPatch(title: "Writer \(index)"))
                            return true
                        } catch let error as RepogenError where error.kind == .versionConflict {
                            return false
                        }
                    }
                }
                return try await group.reduce(into: [Bool]()) { $0.append($1) }
            }
            #expect(outcomes.filter { $0 }.count == 1)
            #expect(try await db.documents.find(id: document.id)?.version == 2)
        }
    }
}
