import FeatureSoftDelete
import Foundation
import RepogenRuntime
import RepogenTesting
import Testing

/// The same assertions on PostgreSQL and on the in-memory repositories (issue 20): a unique field is unique among
/// live rows only, a declared unique index among all rows, and a cascading delete removes deleted rows too.
@Suite struct SoftDeleteConformanceTests {
    @Test(arguments: RepositoryBackend.allCases)
    func liveUniquenessAndCascades(_ backend: RepositoryBackend) async throws {
        try await backend.run { repos in
            let owner = try await repos.owners.create(NewOwner(name: "Ada"))
            let note = try await repos.notes.create(NewNote(ownerID: owner.id, slug: "a", body: "1"))
            do {
                _ = try await repos.notes.create(NewNote(ownerID: owner.id, slug: "a", body: "2"))
                Issue.record("a live slug was taken twice")
            } catch let error as RepogenError {
                #expect(error.violation == .unique && error.fields == ["slug"])
            }
            #expect(try await repos.notes.delete(id: note.id))
            #expect(try await repos.notes.findBySlug("a") == nil)
            let again = try await repos.notes.create(NewNote(ownerID: owner.id, slug: "a", body: "3"))
            #expect(try await repos.notes.findBySlug("a") == again)
            do {
                _ = try await repos.notes.restore(id: note.id)
                Issue.record("a restore took a slug a live row holds")
            } catch let error as RepogenError {
                #expect(error.violation == .unique && error.fields == ["slug"])
            }
            let label = try await repos.labels.create(NewLabel(name: "x"))
            _ = try await repos.labels.delete(id: label.id)
            do {
                _ = try await repos.labels.create(NewLabel(name: "x"))
                Issue.record("a declared unique index let a deleted row's name be taken")
            } catch let error as RepogenError {
                #expect(error.violation == .unique && error.fields == ["name"])
            }
            #expect(try await repos.owners.delete(id: owner.id))
            #expect(try await repos.notes.count(includeDeleted: true) == 0)
        }
    }
}

private extension RepositoryBackend {
    /// Runs `body` on fresh FeatureSoftDelete repositories of this backend.
    func run(_ body: (any FeatureSoftDeleteRepositoriesProtocol) async throws -> Void) async throws {
        try await run(
            migrations: FeatureSoftDeleteSchema.migrations, postgres: { FeatureSoftDeleteRepositories($0) },
            memory: { InMemoryFeatureSoftDeleteRepositories() }, body)
    }
}
