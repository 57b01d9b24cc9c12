import FeatureCache
import Foundation
import RepogenRuntime
import RepogenTesting
import Testing

/// The same assertions on PostgreSQL with the cache enabled and on the in-memory repositories, which keep no cache
/// (issue 20): every read after a write, a cascade or a soft delete answers what the store now holds, whatever the
/// cache held before it.
@Suite struct CacheConformanceTests {
    enum Backend: String, CaseIterable, Sendable {
        case postgres, memory

        func run(_ body: (any FeatureCacheRepositoriesProtocol) async throws -> Void) async throws {
            switch self {
            case .postgres:
                try await withTestDatabase(migrations: FeatureCacheSchema.migrations) { db in
                    _ = try await db.enableCache()
                    do {
                        try await body(FeatureCacheRepositories(db))
                    } catch {
                        await db.disableCache()
                        throw error
                    }
                    await db.disableCache()
                }
            case .memory: try await body(InMemoryFeatureCacheRepositories())
            }
        }
    }

    /// Team 1 with members 1...3, every cached read warmed once.
    static func warmed(_ repos: some FeatureCacheRepositoriesProtocol) async throws -> [Member] {
        _ = try await repos.teams.create(NewTeam(id: 1, name: "core"))
        let members = try await repos.members.createMany((1...3).map {
            NewMember(id: Int32($0), email: "m\($0)@example.com", name: "member \($0)", teamID: 1)
        })
        for member in members {
            #expect(try await repos.members.find(id: member.id) == member)
            #expect(try await repos.members.findByEmail(member.email) == member)
        }
        #expect(try await repos.members.count(where: .all) == 3)
        #expect(try await repos.members.find(where: Member.teamID == 1).map(\.id) == [1, 2, 3])
        return members
    }

    @Test(arguments: Backend.allCases)
    func readsAfterWritesSeeTheWrites(_ backend: Backend) async throws {
        try await backend.run { repos in
            let members = try await Self.warmed(repos)
            let renamed = try await repos.members.update(id: 1, expectedVersion: 1, MemberPatch(name: "first"))
            #expect(renamed.version == 2)
            #expect(try await repos.members.find(id: 1) == renamed)
            let moved = try await repos.members.update(id: 2, set: [Member.email.set("n2@example.com")])
            #expect(try await repos.members.findByEmail("m2@example.com") == nil)
            #expect(try await repos.members.findByEmail("n2@example.com") == moved)
            #expect(try await repos.members.delete(id: 3))
            #expect(try await repos.members.find(id: 3) == nil)
            #expect(try await repos.members.findByEmail("m3@example.com") == nil)
            #expect(try await repos.members.find(id: 3, includeDeleted: true)?.deletedAt != nil)
            #expect(try await repos.members.count(where: .all) == 2)
            let reused = try await repos.members.create(NewMember(id: 4, email: members[2].email, name: "four", teamID: 1))
            #expect(try await repos.members.findByEmail(members[2].email) == reused)
            #expect(try await repos.members.findByTeam(1).map(\.id) == [1, 2, 4])
            let upserted = try await repos.members.upsertByEmail(NewMember(id: 9, email: "m1@example.com", name: "one"))
            #expect(upserted.id == 1 && upserted.version == 3 && upserted.teamID == nil)
            #expect(try await repos.members.find(id: 1) == upserted)
            #expect(try await repos.members.find(where: Member.teamID == 1).map(\.id) == [2, 4])
        }
    }

    @Test(arguments: Backend.allCases)
    func aCascadeFromAnUncachedParentReachesCachedChildren(_ backend: Backend) async throws {
        try await backend.run { repos in
            _ = try await Self.warmed(repos)
            #expect(try await repos.members.delete(id: 3))
            #expect(try await repos.teams.delete(id: 1))
            #expect(try await repos.members.find(id: 1) == nil)
            #expect(try await repos.members.findByEmail("m2@example.com") == nil)
            #expect(try await repos.members.find(id: 3, includeDeleted: true) == nil)
            #expect(try await repos.members.count(where: .all) == 0)
            #expect(try await repos.members.find(where: Member.teamID == 1).isEmpty)
            #expect(try await repos.members.count(includeDeleted: true) == 0)
        }
    }
}
