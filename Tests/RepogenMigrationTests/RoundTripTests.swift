import RepogenCore
import RepogenRuntime
import RepogenTesting
import Testing

@Suite("Migration round trips on PostgreSQL")
struct RoundTripTests {
    @Test("generate, apply, compare with schema.sql, revert, compare, apply again", arguments: RoundTripCase.all)
    func roundTrip(_ change: RoundTripCase) async throws {
        let old = try Schemas.read(change.old)
        let new = try Schemas.read(change.new)
        let plan = SchemaDiff.plan(from: old, to: new)
        #expect(!plan.steps.isEmpty)
        #expect(plan.unsupported.isEmpty)
        let migrations = Schemas.migrations(from: old, to: new)
        let expectedOld = try await Catalog.lines(creating: old)
        let expectedNew = try await Catalog.lines(creating: new)
        try await withTestDatabase { db in
            try await db.migrate(Array(migrations.prefix(1)))
            try await db.runScript(change.seed)
            try await db.migrate(migrations)
            expectSameCatalog(try await Catalog.lines(of: db), expectedNew, "after up")
            #expect(try await db.revertMigrations(migrations, count: 1) == [migrations[1]])
            expectSameCatalog(try await Catalog.lines(of: db), expectedOld, "after down")
            #expect(try await db.migrate(migrations) == [migrations[1]])
            expectSameCatalog(try await Catalog.lines(of: db), expectedNew, "after up again")
        }
    }

    @Test("every migration reverts to an empty database")
    func downToEmpty() async throws {
        let old = try Schemas.read(Schemas.base)
        let new = try Schemas.read(Schemas.base + RoundTripCase.tagEntity)
        let migrations = Schemas.migrations(from: old, to: new)
        try await withTestDatabase { db in
            try await db.migrate(migrations)
            #expect(try await db.revertMigrations(migrations, count: 5).map(\.version) == [2, 1])
            #expect(try await Catalog.lines(of: db) == [])
        }
    }
}
