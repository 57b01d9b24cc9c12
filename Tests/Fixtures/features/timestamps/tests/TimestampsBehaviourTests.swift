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
            let article = try await db.articles.create(NewArticle(title: "Home"))
            #expect(article.createdAt == article.updatedAt)
            #expect(abs(article.createdAt.timeIntervalSince(before)) < 60)
            try await Task.sleep(for: .milliseconds(20))
            let renamed = try await db.articles.update(id: article.id, ArticlePatch(title: "Start"))
            #expect(renamed.createdAt == article.createdAt)
            #expect(renamed.updatedAt > article.updatedAt)
            let many = try await db.articles.createMany([NewArticle(title: "A"), NewArticle(title: "B")])
            #expect(many.allSatisfy { $0.createdAt == $0.updatedAt && $0.createdAt > article.createdAt })
        }
    }
}
