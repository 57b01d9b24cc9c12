import FeatureTenant
import Foundation
import RepogenRuntime
import RepogenTesting
import Testing

/// `createMany` of a tenant-scoped, audited, soft-deletable entity as the application role, under row-level security.
@Suite struct TenantCreateManyTests {
    @Test func rowsAndAuditRowsBelongToTheUnitOfWorksTenantOnly() async throws {
        try await withApplicationTestDatabase(migrations: FeatureTenantSchema.migrations) { app, _ in
            let a = try await app.organisations.create(NewOrganisation(name: "A"))
            let b = try await app.organisations.create(NewOrganisation(name: "B"))
            let inputs = (0..<300).map { NewProject(name: "p\($0)", notes: $0.isMultiple(of: 2) ? nil : "n\($0)") }
            let created = try await app.transaction(tenant: a.id) { tx in
                try await tx.projects.createMany(inputs)
            }
            #expect(created.map(\.name) == inputs.map(\.name) && created.map(\.notes) == inputs.map(\.notes))
            #expect(created.allSatisfy { $0.organisationID == a.id && $0.deletedAt == nil && $0.version == 1 })
            try await app.transaction(tenant: a.id) { tx in
                let stored = try await tx.projects.findAll(limit: 1000)
                #expect(Set(stored) == Set(created))
                let audit = try await tx.auditEntries.findAll(limit: 1000)
                #expect(audit.map(\.entityID) == created.map { $0.id.uuidString.lowercased() })
                #expect(audit.allSatisfy { $0.organisationID == a.id && $0.action == .create })
                #expect(try await tx.projects.createMany([]).isEmpty)
            }
            let seenByB = try await app.transaction(tenant: b.id) { tx in
                (try await tx.projects.count(includeDeleted: true), try await tx.auditEntries.count())
            }
            #expect(seenByB == (0, 0))
        }
    }
}
