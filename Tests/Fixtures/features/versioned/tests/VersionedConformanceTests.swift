import FeatureVersioned
import Foundation
import RepogenRuntime
import RepogenTesting
import Testing

/// The same assertions on PostgreSQL and on the in-memory repositories (issue 20): optimistic locking, and an
/// `int` column's 32-bit range under `increment`.
@Suite struct VersionedConformanceTests {
    @Test(arguments: RepositoryBackend.allCases)
    func versionsMoveAndConflictsReportTheCurrentOne(_ backend: RepositoryBackend) async throws {
        try await backend.run { repos in
            let document = try await repos.documents.create(NewDocument(title: "Draft"))
            #expect(document.version == 1 && document.views == 0 && document.body == nil)
            let edited = try await repos.documents.update(id: document.id, expectedVersion: 1, DocumentPatch(body: "x"))
            #expect(edited.version == 2 && edited.body == "x")
            do {
                _ = try await repos.documents.update(id: document.id, expectedVersion: 1, DocumentPatch(title: "y"))
                Issue.record("a stale version was accepted")
            } catch let error as RepogenError {
                #expect(error.kind == .versionConflict && error.currentVersion == 2)
            }
            let counted = try await repos.documents.update(id: document.id, set: [Document.views.increment(by: 5)])
            #expect(counted.views == 5 && counted.version == 3)
            #expect(try await repos.documents.updateMany(where: Document.views >= 5, set: [Document.title.set("z")]) == 1)
        }
    }

    @Test(arguments: RepositoryBackend.allCases)
    func anIntegerColumnKeepsItsRange(_ backend: RepositoryBackend) async throws {
        try await backend.run { repos in
            let document = try await repos.documents.create(NewDocument(title: "Hot", views: Int32.max - 1))
            #expect(try await repos.documents.update(id: document.id, set: [Document.views.increment(by: 1)]).views == .max)
            do {
                _ = try await repos.documents.update(id: document.id, set: [Document.views.increment(by: 1)])
                Issue.record("an overflow was accepted")
            } catch let error as RepogenError {
                #expect(error.violation == .outOfRange && error.fields == ["views"])
            }
            #expect(try await repos.documents.find(id: document.id)?.views == .max)
        }
    }
}

private extension RepositoryBackend {
    /// Runs `body` on fresh FeatureVersioned repositories of this backend.
    func run(_ body: (any FeatureVersionedRepositoriesProtocol) async throws -> Void) async throws {
        try await run(
            migrations: FeatureVersionedSchema.migrations, postgres: { FeatureVersionedRepositories($0) },
            memory: { InMemoryFeatureVersionedRepositories() }, body)
    }
}
