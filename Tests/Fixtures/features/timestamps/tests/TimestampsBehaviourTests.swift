import FeatureTimestamps
import Foundation
import RepogenRuntime
import RepogenTesting
import Testing

/// Timestamps on real PostgreSQL: the database sets both on insert; every update moves updated_at only.
@Suite struct TimestampsBehaviourTests {
    @Test func createSetsBothAndUpdateMovesUpdatedAt() async throws {
        try await withTestDatabase(migrations: FeatureTimestampsSchema.migrations) { db in
            let before = Date()
            let page = try await db.pages.create(NewPage(title: "Home"))
            #expect(page.createdAt == page.updatedAt)
            #expect(abs(page.createdAt.timeIntervalSince(before)) < 60)
            try await Task.sleep(for: .milliseconds(20))
            let renamed = try await db.pages.update(id: page.id, PagePatch(title: "Start"))
            #expect(renamed.createdAt == page.createdAt)
            #expect(renamed.updatedAt > page.updatedAt)
            let many = try await db.pages.createMany([NewPage(title: "A"), NewPage(title: "B")])
            #expect(many.allSatisfy { $0.createdAt == $0.updatedAt && $0.createdAt > page.createdAt })
        }
    }
}
