import Foundation
import QuoteMaster
import RepogenRuntime
import Testing

/// The audit trail, which the in-memory store does not keep (audited writes add no rows to it there): every
/// operation of `AuditEntry` answers as PostgreSQL does there, and refuses in memory rather than answer otherwise.
@Suite struct ConformanceAuditTests {
    @Test(arguments: Backend.allCases)
    func auditEntriesAreReadOnPostgresAndRefusedInMemory(_ backend: Backend) async throws {
        try await backend.run { repos in
            let actor = try await Seed.user(repos)
            let quote = try await Seed.quote(repos, actor, "Roof")
            let manual = NewAuditEntry(action: .delete, entity: "Label", entityID: "7", actorID: actor.id,
                                       before: ["name": "vip"])
            let operations: [(String, () async throws -> Void)] = [
                ("findAll", { () async throws in Self.expectTrail(of: quote, try await repos.auditEntries.findAll()) }),
                ("find", { () async throws in
                    let entry = try await repos.auditEntries.find(id: 1)
                    #expect(entry?.entityID == quote.id.uuidString.lowercased())
                }),
                ("exists", { () async throws in
                    let exists = try await repos.auditEntries.exists(id: 1)
                    #expect(exists)
                }),
                ("count", { () async throws in
                    let count = try await repos.auditEntries.count()
                    #expect(count == 1)
                }),
                ("create", { try await Self.expectStored(try await repos.auditEntries.create(manual), manual, repos) }),
                ("createMany", { () async throws in
                    let made = try await repos.auditEntries.createMany([manual, manual])
                    #expect(made.count == 2 && made[1].id == made[0].id + 1)
                    for entry in made { try await Self.expectStored(entry, manual, repos) }
                }),
            ]
            for (name, operation) in operations {
                switch backend {
                case .postgres: try await operation()
                case .memory:
                    let error = await repogenError { try await operation() }
                    #expect(error?.kind == .unsupportedInMemory, "\(name)")
                }
            }
        }
    }

    /// `trail` is what PostgreSQL wrote for `quote`'s creation and nothing else.
    static func expectTrail(of quote: Quote, _ trail: [AuditEntry]) {
        #expect(trail.map(\.action) == [.create] && trail.map(\.entity) == ["Quote"])
        #expect(trail.first?.entityID == quote.id.uuidString.lowercased() && trail.first?.before == nil)
        guard case .object(let after) = trail.first?.after else {
            Issue.record("the creation's after image is not an object")
            return
        }
        #expect(after["title"] == "Roof" && after["version"] == 1)
    }

    /// `entry` holds what `input` gave and reads back the same by key.
    static func expectStored(
        _ entry: AuditEntry, _ input: NewAuditEntry, _ repos: some QuoteMasterRepositoriesProtocol
    ) async throws {
        #expect(entry.action == input.action && entry.entity == input.entity && entry.entityID == input.entityID)
        #expect(entry.actorID == input.actorID && entry.before == input.before && entry.after == nil)
        #expect(try await repos.auditEntries.find(id: entry.id) == entry)
    }
}
