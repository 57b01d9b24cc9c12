import FeatureTenant
import Foundation
import RepogenRuntime
import RepogenTesting
import Testing

/// Two organisations side by side: as tenant A, nothing reaches tenant B's rows, with both layers on (the
/// application role), with the generated filter alone (the owning superuser bypasses row-level security) and with
/// row-level security alone (hand-written SQL through the runtime, which carries no generated filter).
@Suite struct TenantIsolationTests {
    /// Two tenants, each with one project (and one milestone under it) named alike.
    struct World {
        let a: Organisation, b: Organisation
        let projectA: Project, projectB: Project
        let milestoneB: Milestone
    }

    static func seed(_ db: Database) async throws -> World {
        let a = try await db.organisations.create(NewOrganisation(name: "A"))
        let b = try await db.organisations.create(NewOrganisation(name: "B"))
        let projectA = try await db.transaction(tenant: a.id) { tx in
            try await tx.projects.create(NewProject(name: "shared"))
        }
        let (projectB, milestoneB) = try await db.transaction(tenant: b.id) { tx in
            let project = try await tx.projects.create(NewProject(name: "shared", notes: "b's"))
            return (project, try await tx.milestones.create(NewMilestone(projectID: project.id, title: "b's")))
        }
        return World(a: a, b: b, projectA: projectA, projectB: projectB, milestoneB: milestoneB)
    }

    @Test func bothLayersKeepTenantsApart() async throws {
        try await withApplicationTestDatabase(migrations: FeatureTenantSchema.migrations) { app, owner in
            let world = try await Self.seed(app)
            try await Self.tenantANeverReachesB(app, world)
            try await Self.bIsUntouched(owner, world)
        }
    }

    @Test func theGeneratedFilterAloneKeepsTenantsApart() async throws {
        try await withApplicationTestDatabase(migrations: FeatureTenantSchema.migrations) { _, owner in
            let world = try await Self.seed(owner)
            let everything = try await owner.query("SELECT count(*) FROM projects")
            #expect(try everything.decodeFirst { try $0.decode(Int64.self, at: 0) } == 2)  // RLS is bypassed here
            try await Self.tenantANeverReachesB(owner, world)
            try await Self.bIsUntouched(owner, world)
        }
    }

    @Test func rowLevelSecurityAloneKeepsTenantsApart() async throws {
        try await withApplicationTestDatabase(migrations: FeatureTenantSchema.migrations) { app, owner in
            let world = try await Self.seed(app)
            let count = { (sql: RawSQL) in
                try await app.query(sql).decodeFirst { try $0.decode(Int64.self, at: 0) }
            }
            #expect(try await count("SELECT count(*) FROM projects") == 0)   // no tenant: no row at all
            try await TenantContext.withTenant(world.a.id) {
                #expect(try await count("SELECT count(*) FROM projects") == 1)
                #expect(try await count("SELECT count(*) FROM milestones") == 0)
                let bID = world.projectB.id.uuidString
                #expect(try await count("SELECT count(*) FROM audit_entries WHERE entity_id = \(bID)") == 0)
                #expect(try await app.execute("UPDATE projects SET name = 'taken'") == 1)
                #expect(try await app.execute("DELETE FROM milestones WHERE id = \(world.milestoneB.id)") == 0)
                #expect(try await app.execute("DELETE FROM projects WHERE id = \(world.projectB.id)") == 0)
                await #expect(throws: RepogenError.self) {
                    try await app.execute(
                        "INSERT INTO projects (organisation_id, name) VALUES (\(world.b.id), 'planted')")
                }
                try await app.transaction { tx in
                    let ids = try await tx.query("SELECT id FROM projects")
                        .decodeRows { try $0.decode(UUID.self, at: 0) }
                    #expect(ids == [world.projectA.id])
                }
            }
            try await Self.bIsUntouched(owner, world)
        }
    }

    @Test func withoutATenantEveryScopedCallIsATypedError() async throws {
        try await withApplicationTestDatabase(migrations: FeatureTenantSchema.migrations) { app, _ in
            let world = try await Self.seed(app)
            let calls: [@Sendable () async throws -> Void] = [
                { _ = try await app.projects.find(id: world.projectA.id) },
                { _ = try await app.projects.findAll() },
                { _ = try await app.projects.create(NewProject(name: "x")) },
                { _ = try await app.projects.createMany([NewProject(name: "x")]) },
                { _ = try await app.projects.update(id: world.projectA.id, ProjectPatch(name: "x")) },
                { _ = try await app.projects.delete(id: world.projectA.id) },
                { _ = try await app.projects.count() },
                { _ = try await app.projects.exists(id: world.projectA.id) },
                { _ = try await app.projects.findByName("shared") },
                { _ = try await app.projects.find(where: .all) },
                { _ = try await app.projects.count(where: .all) },
                { _ = try await app.projects.updateMany(where: .all, set: [Project.name.set("x")]) },
                { _ = try await app.projects.deleteMany(where: .all) },
                { _ = try await app.projects.loadMilestones(for: [world.projectA]) },
                { _ = try await app.organisations.loadProjects(for: [world.a]) },
                { _ = try await app.organisations.loadProjects(for: [world.a], orderBy: [], limit: 1) },
                { _ = try await app.milestones.loadProject(for: [world.milestoneB]) },
                { _ = try await app.milestones.descendants(of: world.milestoneB.id) },
                { _ = try await app.milestones.ancestors(of: world.milestoneB.id) },
            ]
            for call in calls {
                do {
                    try await call()
                    Issue.record("a tenant-scoped call ran without a tenant")
                } catch let error as RepogenError {
                    #expect(error.kind == .tenantRequired)
                }
            }
        }
    }

    /// Every repository method, specification, eager load and bulk write as tenant A.
    static func tenantANeverReachesB(_ db: Database, _ world: World) async throws {
        let b = world.projectB.id
        try await TenantContext.withTenant(world.a.id) {
            #expect(try await db.projects.find(id: b) == nil)
            #expect(try await db.projects.find(id: b, includeDeleted: true) == nil)
            #expect(try await !db.projects.exists(id: b))
            #expect(try await db.projects.findAll().map(\.id) == [world.projectA.id])
            #expect(try await db.projects.count() == 1)
            #expect(try await db.projects.findByName("shared").map(\.id) == [world.projectA.id])
            #expect(try await db.projects.find(where: Project.name == "shared").map(\.id) == [world.projectA.id])
            #expect(try await db.projects.count(where: .all, includeDeleted: true) == 1)
            #expect(try await !db.projects.exists(where: Project.id == b))
            #expect(try await db.projects.page(where: .all, page: .first(10)).totalCount == 1)
            #expect(try await db.projects.page(where: .all, after: nil, limit: 10).items.count == 1)
            #expect(try await db.projects.loadMilestones(for: [world.projectB]).isEmpty)
            #expect(try await db.organisations.loadProjects(for: [world.b]).isEmpty)
            #expect(try await db.milestones.find(id: world.milestoneB.id) == nil)
            await #expect(throws: RepogenError.self) {
                _ = try await db.projects.update(id: b, ProjectPatch(name: "x"))
            }
            await #expect(throws: RepogenError.self) {
                _ = try await db.projects.update(id: b, expectedVersion: 1, ProjectPatch(name: "x"))
            }
            #expect(try await !db.projects.delete(id: b))
            #expect(try await !db.projects.restore(id: b))
            #expect(try await !db.projects.hardDelete(id: b))
            #expect(try await !db.milestones.delete(id: world.milestoneB.id))
            #expect(try await db.projects.updateMany(where: .all, set: [Project.notes.set("a's")]) == 1)
            #expect(try await db.projects.deleteMany(where: Project.id == b) == 0)
            #expect(try await db.projects.hardDeleteMany(where: Project.id == b) == 0)
            #expect(try await db.auditEntries.findAll().allSatisfy { $0.organisationID == world.a.id })
            let created = try await db.projects.create(NewProject(name: "second"))
            #expect(created.organisationID == world.a.id)
        }
    }

    /// B's rows are as B left them, and B's audit trail holds only B's rows.
    static func bIsUntouched(_ owner: Database, _ world: World) async throws {
        try await TenantContext.withTenant(world.b.id) {
            let project = try await owner.projects.find(id: world.projectB.id)
            #expect(project == world.projectB)
            #expect(try await owner.milestones.find(id: world.milestoneB.id) == world.milestoneB)
            let audit = try await owner.auditEntries.findAll()
            #expect(audit.count == 1 && audit.allSatisfy { $0.organisationID == world.b.id })
        }
    }
}
