import FeatureTenant
import Foundation
import RepogenRuntime
import RepogenTesting
import Testing

/// Hostile values through every write and filter path of a tenant-scoped entity are data, never SQL.
@Suite struct TenantHostileValueTests {
    static let hostile: [String] = [
        "'; DROP TABLE projects; --", "x' OR '1'='1", "a -- comment", "/* c */", "semi;colon", "back\\slash\\",
        "100% _wild_", "quote\"double", "$1::text", "Ünïcødé 日本語 🚀", String(repeating: "long'✓", count: 5_000),
        "",
    ]

    @Test(arguments: hostile)
    func hostileTextIsStoredAndMatchedAsData(_ text: String) async throws {
        try await withApplicationTestDatabase(migrations: FeatureTenantSchema.migrations) { app, _ in
            let organisation = try await app.organisations.create(NewOrganisation(name: String(text.prefix(80))))
            try await TenantContext.withTenant(organisation.id) {
                let stored = try await app.projects.create(NewProject(name: text, notes: text))
                let many = try await app.projects.createMany([NewProject(name: "decoy", notes: text)])
                #expect(stored.name == text && stored.notes == text && many.first?.notes == text)
                #expect(try await app.projects.findByName(text).map(\.id) == [stored.id])
                #expect(try await app.projects.find(where: Project.name == text).map(\.id) == [stored.id])
                #expect(try await app.projects.count(where: Project.notes == text) == 2)
                if !text.isEmpty {
                    let contains = try await app.projects.find(where: Project.name.contains(text))
                    #expect(contains.map(\.id) == [stored.id])
                }
                let patched = try await app.projects.update(id: stored.id, ProjectPatch(notes: .some(text + "!")))
                #expect(patched.notes == text + "!")
                let updated = try await app.projects.updateMany(
                    where: Project.name == text, set: [Project.notes.set(text)])
                #expect(updated == 1)
                let upserted = try await app.projects.upsertByOrganisationIDAndName(
                    NewProject(name: text, notes: text + "?"))
                #expect(upserted.id == stored.id && upserted.notes == text + "?")
                let code = String(text.prefix(32))
                let coded = try await app.projects.upsertByCode(NewProject(name: "coded", notes: text, code: code))
                #expect(coded.code == code && coded.notes == text)
                let assigned = try await app.projects.update(id: stored.id, set: [Project.notes.set(text)])
                #expect(assigned.notes == text)
                let raw = try await app.query("SELECT name FROM projects WHERE name = \(text) AND notes = \(text)")
                #expect(try raw.decodeRows { try $0.decode(String.self, at: 0) } == [text])
                #expect(try await app.projects.count() == 3)
            }
        }
    }

    @Test func aHostileTenantIsRefusedAsAValueNotRunAsSQL() async throws {
        try await withApplicationTestDatabase(migrations: FeatureTenantSchema.migrations) { app, owner in
            await #expect(throws: RepogenError.self) {
                try await TenantContext.withTenant("'; DROP TABLE projects; --") { _ = try await app.projects.count() }
            }
            let tables = try await owner.query("SELECT count(*) FROM pg_tables WHERE tablename = \("projects")")
            #expect(try tables.decodeFirst { try $0.decode(Int64.self, at: 0) } == 1)
        }
    }

    @Test func identifiersGoInOnlyWhenPlain() async throws {
        try await withApplicationTestDatabase(migrations: FeatureTenantSchema.migrations) { _, owner in
            let ok = try await owner.query("SELECT count(*) FROM \(identifier: "projects")")
            #expect(try ok.decodeFirst { try $0.decode(Int64.self, at: 0) } == 0)
            let refused = [
                "projects; DROP TABLE projects", "projects\"--", "1projects", "", String(repeating: "p", count: 64),
            ]
            for name in refused {
                do {
                    _ = try await owner.query("SELECT count(*) FROM \(identifier: name)")
                    Issue.record("identifier \(name) went into SQL")
                } catch let error as RepogenError {
                    #expect(error.kind == .invalidConfiguration)
                }
            }
        }
    }

    @Test func aNulCharacterIsACleanError() async throws {
        try await withApplicationTestDatabase(migrations: FeatureTenantSchema.migrations) { app, _ in
            let organisation = try await app.organisations.create(NewOrganisation(name: "nul"))
            try await TenantContext.withTenant(organisation.id) {
                await #expect(throws: RepogenError.self) {
                    _ = try await app.projects.create(NewProject(name: "a\u{0}b"))
                }
                let count = try await app.projects.count()
                #expect(count == 0)
            }
        }
    }
}
