import FeatureTenant
import Foundation
import RepogenRuntime
import RepogenTesting
import Testing

/// belongs_to loads, per-parent limits, includes and tree walks bind the unit of work's tenant: run by the owner
/// (row-level security bypassed), so the generated filter alone keeps tenant B's rows from tenant A.
@Suite struct TenantRelationTests {
    /// Tenant B's project with a milestone and a child milestone under it; tenant A's project with one milestone.
    struct World {
        let a: Organisation, b: Organisation
        let projectA: Project, projectB: Project
        let milestoneA: Milestone, milestoneB: Milestone, childB: Milestone
    }

    static func seed(_ db: Database) async throws -> World {
        let a = try await db.organisations.create(NewOrganisation(name: "A"))
        let b = try await db.organisations.create(NewOrganisation(name: "B"))
        let (projectA, milestoneA) = try await db.transaction(tenant: a.id) { tx in
            let project = try await tx.projects.create(NewProject(name: "a's"))
            return (project, try await tx.milestones.create(NewMilestone(projectID: project.id, title: "a's")))
        }
        let (projectB, milestoneB, childB) = try await db.transaction(tenant: b.id) { tx in
            let project = try await tx.projects.create(NewProject(name: "b's"))
            let milestone = try await tx.milestones.create(NewMilestone(projectID: project.id, title: "b's"))
            let child = try await tx.milestones.create(
                NewMilestone(projectID: project.id, title: "b's child", parentID: milestone.id))
            return (project, milestone, child)
        }
        return World(a: a, b: b, projectA: projectA, projectB: projectB, milestoneA: milestoneA,
                     milestoneB: milestoneB, childB: childB)
    }

    @Test func everyRelationFormSeesItsOwnTenantOnly() async throws {
        try await withTestDatabase(migrations: FeatureTenantSchema.migrations) { db in
            let world = try await Self.seed(db)
            try await Self.tenantBSeesItsOwn(db, world)
            try await Self.tenantANeverReachesB(db, world)
        }
    }

    static func tenantBSeesItsOwn(_ db: Database, _ world: World) async throws {
        let milestones = [world.milestoneA, world.milestoneB, world.childB]
        try await TenantContext.withTenant(world.b.id) { () async throws in
            #expect(try await db.milestones.loadProject(for: milestones).keys.sorted() == [world.projectB.id])
            #expect(try await db.milestones.descendants(of: world.milestoneB.id).map(\.row.id) == [world.childB.id])
            #expect(try await db.milestones.ancestors(of: world.childB.id).map(\.row.id) == [world.milestoneB.id])
        }
    }

    static func tenantANeverReachesB(_ db: Database, _ world: World) async throws {
        let milestones = [world.milestoneA, world.milestoneB, world.childB]
        try await TenantContext.withTenant(world.a.id) {
            #expect(try await db.milestones.loadProject(for: milestones).keys.sorted() == [world.projectA.id])
            #expect(try await db.milestones.loadParent(for: milestones).isEmpty)
            #expect(try await db.milestones.descendants(of: world.milestoneB.id).isEmpty)
            #expect(try await db.milestones.ancestors(of: world.childB.id).isEmpty)
            let limited = try await db.organisations.loadProjects(
                for: [world.a, world.b], orderBy: [Project.name.descending], limit: 5)
            #expect(limited.mapValues { $0.map(\.id) } == [world.a.id: [world.projectA.id]])
            let include = OrganisationInclude(projects: ProjectInclude(milestones: MilestoneInclude()))
            let nodes = try await db.organisations.include(include, for: [world.a, world.b])
            #expect(nodes.map { $0.projects?.map(\.row.id) } == [[world.projectA.id], []])
            #expect(nodes[0].projects?.first?.milestones?.map(\.row.id) == [world.milestoneA.id])
        }
    }
}
