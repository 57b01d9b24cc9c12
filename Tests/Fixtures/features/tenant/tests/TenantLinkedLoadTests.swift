import FeatureTenant
import Foundation
import RepogenRuntime
import RepogenTesting
import Testing

/// Many-to-many loads through a tenant-scoped link, run by the owner (row-level security bypassed) so the generated
/// conditions alone decide: a tag is loaded only when both the tag and the link row are the unit of work's tenant's.
@Suite struct TenantLinkedLoadTests {
    @Test func theTagAndTheLinkAreBothComparedWithTheTenant() async throws {
        try await withTestDatabase(migrations: FeatureTenantSchema.migrations) { db in
            let a = try await db.organisations.create(NewOrganisation(name: "A"))
            let b = try await db.organisations.create(NewOrganisation(name: "B"))
            let tagB = try await db.transaction(tenant: b.id) { tx in try await tx.tags.create(NewTag(name: "b's")) }
            let (project, own, linkedByB) = try await db.transaction(tenant: a.id) { tx in
                let project = try await tx.projects.create(NewProject(name: "a's"))
                let tags = try await tx.tags.createMany([NewTag(name: "a1"), NewTag(name: "a2")])
                // A's links: its own tag, and B's tag (left out by the tag's tenant).
                _ = try await tx.projectTags.createMany([
                    NewProjectTag(projectID: project.id, tagID: tags[0].id),
                    NewProjectTag(projectID: project.id, tagID: tagB.id),
                ])
                return (project, tags[0], tags[1])
            }
            // B's link to A's second tag: left out by the link's tenant.
            _ = try await db.transaction(tenant: b.id) { tx in
                try await tx.projectTags.create(NewProjectTag(projectID: project.id, tagID: linkedByB.id))
            }
            try await TenantContext.withTenant(a.id) { () async throws in
                let before = db.statementsExecuted
                let limited = try await db.projects.loadTags(for: [project], orderBy: [Tag.name.ascending], limit: 5)
                #expect(db.statementsExecuted - before == 1)
                #expect(limited == [project.id: [own]])
                #expect(try await db.projects.loadTags(for: [project]) == [project.id: [own]])
            }
            try await TenantContext.withTenant(b.id) { () async throws in
                #expect(try await db.projects.loadTags(for: [project], orderBy: [], limit: 5).isEmpty)
            }
            await #expect(throws: RepogenError.self) {
                try await db.projects.loadTags(for: [project], orderBy: [], limit: 5)   // no tenant
            }
        }
    }
}
