import FeatureTenant
import Foundation
import RepogenRuntime
import RepogenTesting
import Testing

/// Upserts of audited, versioned, soft-deleted, tenant-scoped Project: audited as create or update in the same
/// statement, version maintained, and never overwriting another tenant's row or a soft-deleted one.
@Suite struct TenantUpsertTests {
    static func organisations(_ db: Database) async throws -> (Organisation, Organisation) {
        (try await db.organisations.create(NewOrganisation(name: "A")),
         try await db.organisations.create(NewOrganisation(name: "B")))
    }

    @Test func anUpsertInsertsThenUpdatesAuditingEachPath() async throws {
        try await withApplicationTestDatabase(migrations: FeatureTenantSchema.migrations) { app, _ in
            let (a, b) = try await Self.organisations(app)
            try await app.transaction(tenant: a.id) { tx in
                let first = try await tx.projects.upsertByOrganisationIDAndName(NewProject(name: "roof", notes: "1"))
                #expect(first.version == 1 && first.organisationID == a.id)
                let second = try await tx.projects.upsertByOrganisationIDAndName(NewProject(name: "roof", notes: "2"))
                #expect(second.id == first.id && second.version == 2 && second.notes == "2")
                let audit = try await tx.auditEntries.findAll()
                #expect(audit.map(\.action) == [.create, .update])
                let key = first.id.uuidString.lowercased()
                #expect(audit.allSatisfy { $0.entityID == key && $0.organisationID == a.id })
                #expect(audit[0].before == nil && audit[0].after?["notes"] == "1")
                #expect(audit[0].after?["repogen_inserted"] == nil)
                #expect(audit[1].before?["notes"] == "1" && audit[1].after?["notes"] == "2")
                #expect(audit[1].after?["version"] == 2 && audit[1].after?["name"] == nil)
            }
            let other = try await app.transaction(tenant: b.id) { tx in
                try await tx.projects.upsertByOrganisationIDAndName(NewProject(name: "roof", notes: "b's"))
            }
            #expect(other.organisationID == b.id && other.version == 1)
            let mine = try await app.transaction(tenant: a.id) { tx in try await tx.projects.findByName("roof") }
            #expect(mine.map(\.notes) == ["2"])
        }
    }

    @Test func concurrentUpsertsOfOneKeyLeaveOneRowAndOneCreate() async throws {
        try await withApplicationTestDatabase(migrations: FeatureTenantSchema.migrations) { app, _ in
            let (a, _) = try await Self.organisations(app)
            try await withThrowingTaskGroup(of: Void.self) { group in
                for round in 0..<8 {
                    group.addTask {
                        _ = try await app.transaction(tenant: a.id) { tx in
                            try await tx.projects.upsertByOrganisationIDAndName(
                                NewProject(name: "hot", notes: "\(round)"))
                        }
                    }
                }
                try await group.waitForAll()
            }
            try await TenantContext.withTenant(a.id) { () async throws in
                let rows = try await app.projects.findByName("hot")
                #expect(rows.count == 1 && rows.first?.version == 8)
                let actions = try await app.auditEntries.findAll().map(\.action)
                #expect(actions.filter { $0 == .create }.count == 1 && actions.filter { $0 == .update }.count == 7)
            }
        }
    }

    @Test func aKeyHeldByAnotherTenantIsNeverOverwritten() async throws {
        try await withApplicationTestDatabase(migrations: FeatureTenantSchema.migrations) { app, owner in
            let (a, b) = try await Self.organisations(app)
            let held = try await app.transaction(tenant: b.id) { tx in
                try await tx.projects.upsertByCode(NewProject(name: "b's", notes: "secret", code: "C1"))
            }
            // With row-level security the server refuses; with the generated filter alone (the owner bypasses
            // RLS) the conflicting row is left alone and the upsert throws a unique violation naming the key.
            for (index, db) in [app, owner].enumerated() {
                do {
                    _ = try await db.transaction(tenant: a.id) { tx in
                        try await tx.projects.upsertByCode(NewProject(name: "planted", notes: "'; --", code: "C1"))
                    }
                    Issue.record("an upsert overwrote another tenant's row")
                } catch let error as RepogenError {
                    if index == 1 { #expect(error.violation == .unique && error.fields == ["code"]) }
                }
            }
            try await TenantContext.withTenant(b.id) { () async throws in
                #expect(try await owner.projects.find(id: held.id) == held)
                #expect(try await owner.auditEntries.count() == 1)
            }
            try await TenantContext.withTenant(a.id) { () async throws in
                #expect(try await owner.projects.count(includeDeleted: true) == 0)
                #expect(try await owner.auditEntries.count() == 0)
            }
        }
    }

    @Test func aSoftDeletedRowIsNotRevivedButJoinedByAFreshRow() async throws {
        try await withApplicationTestDatabase(migrations: FeatureTenantSchema.migrations) { app, _ in
            let (a, _) = try await Self.organisations(app)
            try await app.transaction(tenant: a.id) { tx in
                let old = try await tx.projects.upsertByCode(NewProject(name: "old", code: "C2"))
                #expect(try await tx.projects.delete(id: old.id))
                let fresh = try await tx.projects.upsertByCode(NewProject(name: "new", code: "C2"))
                #expect(fresh.id != old.id && fresh.version == 1 && fresh.deletedAt == nil)
                let kept = try await tx.projects.find(id: old.id, includeDeleted: true)
                #expect(kept?.name == "old" && kept?.deletedAt != nil)
                #expect(try await tx.auditEntries.findAll().map(\.action) == [.create, .delete, .create])
            }
        }
    }
}

extension JSONValue {
    /// The member `key` of an object, nil for other values or a missing key.
    fileprivate subscript(key: String) -> JSONValue? {
        guard case .object(let members) = self else { return nil }
        return members[key]
    }
}
