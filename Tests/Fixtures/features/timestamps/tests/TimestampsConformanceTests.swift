import FeatureTimestamps
import Foundation
import RepogenRuntime
import RepogenTesting
import Testing

/// The same assertions on PostgreSQL and on the in-memory repositories (issue 20): both timestamps are set by the
/// store on insert, every kind of write moves `updated_at` forward and leaves `created_at`, a transaction sees one
/// time throughout, and neither column can be assigned. Only the order of times is compared, never a duration: the
/// short sleeps make sure the clock has moved past the microsecond a write stored.
@Suite struct TimestampsConformanceTests {
    /// Lets the clock move past the microsecond the last write stored.
    static func tick() async throws {
        try await Task.sleep(for: .milliseconds(2))
    }

    @Test(arguments: RepositoryBackend.allCases)
    func everyWriteMovesUpdatedAtOnly(_ backend: RepositoryBackend) async throws {
        try await backend.run { repos in
            let article = try await repos.articles.create(NewArticle(title: "Home"))
            #expect(article.createdAt == article.updatedAt)
            try await Self.tick()
            let renamed = try await repos.articles.update(id: article.id, ArticlePatch(title: "Start"))
            #expect(renamed.createdAt == article.createdAt && renamed.updatedAt > article.updatedAt)
            try await Self.tick()
            let untouched = try await repos.articles.update(id: article.id, ArticlePatch())
            #expect(untouched.title == "Start" && untouched.updatedAt > renamed.updatedAt)
            try await Self.tick()
            let assigned = try await repos.articles.update(id: article.id, set: [Article.title.set("Begin")])
            #expect(assigned.createdAt == article.createdAt && assigned.updatedAt > untouched.updatedAt)
            try await Self.tick()
            let upserted = try await repos.articles.upsert(NewArticle(title: "Again", id: article.id))
            #expect(upserted.createdAt == article.createdAt && upserted.updatedAt > assigned.updatedAt)
            try await Self.tick()
            #expect(try await repos.articles.updateMany(where: Article.id == article.id, set: [Article.title.set("M")]) == 1)
            let bulk = try #require(try await repos.articles.find(id: article.id))
            #expect(bulk.title == "M" && bulk.createdAt == article.createdAt && bulk.updatedAt > upserted.updatedAt)
            let batch = try await repos.articles.createMany([NewArticle(title: "A"), NewArticle(title: "B")])
            #expect(batch.allSatisfy { $0.createdAt == $0.updatedAt && $0.createdAt == batch[0].createdAt })
            #expect(batch[0].createdAt >= bulk.updatedAt)
            let inserted = try await repos.articles.upsert(NewArticle(title: "C"))
            #expect(inserted.createdAt == inserted.updatedAt && inserted.createdAt >= batch[0].createdAt)
        }
    }

    @Test(arguments: RepositoryBackend.allCases)
    func maintainedColumnsCannotBeAssigned(_ backend: RepositoryBackend) async throws {
        try await backend.run { repos in
            let article = try await repos.articles.create(NewArticle(title: "Home"))
            for assignment in [Article.createdAt.set(Date()), Article.updatedAt.set(Date())] {
                do {
                    _ = try await repos.articles.update(id: article.id, set: [assignment])
                    Issue.record("a maintained timestamp was assigned")
                } catch let error as RepogenError {
                    #expect(error.kind == .invalidConfiguration)
                }
            }
            #expect(try await repos.articles.find(id: article.id) == article)
        }
    }

    @Test(arguments: RepositoryBackend.allCases)
    func aTransactionSeesOneTime(_ backend: RepositoryBackend) async throws {
        try await backend.run { repos in try await Self.aTransactionSeesOneTime(repos) }
    }

    static func aTransactionSeesOneTime<R: FeatureTimestampsRepositoriesProtocol>(_ repos: R) async throws {
        let (made, renamed, batch) = try await repos.transaction { tx in
            let made = try await tx.articles.create(NewArticle(title: "a"))
            try await Self.tick()
            let renamed = try await tx.articles.update(id: made.id, ArticlePatch(title: "b"))
            let batch = try await tx.articles.createMany([NewArticle(title: "c")])
            return (made, renamed, batch)
        }
        #expect(renamed.createdAt == made.createdAt && renamed.updatedAt == made.createdAt)
        #expect(batch.map(\.createdAt) == [made.createdAt] && batch.map(\.updatedAt) == [made.createdAt])
        try await Self.tick()
        let after = try await repos.articles.update(id: made.id, ArticlePatch(title: "d"))
        #expect(after.createdAt == made.createdAt && after.updatedAt > made.updatedAt)
    }
}

private extension RepositoryBackend {
    /// Runs `body` on fresh FeatureTimestamps repositories of this backend.
    func run(_ body: (any FeatureTimestampsRepositoriesProtocol) async throws -> Void) async throws {
        try await run(
            migrations: FeatureTimestampsSchema.migrations, postgres: { FeatureTimestampsRepositories($0) },
            memory: { InMemoryFeatureTimestampsRepositories() }, body)
    }
}
