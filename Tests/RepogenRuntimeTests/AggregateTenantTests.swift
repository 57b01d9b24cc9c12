import Foundation
import RepogenRuntime
import RepogenTesting
import Testing

/// Aggregates and projections of a tenant-scoped entity see the current tenant's rows only, cached per tenant.
@Suite struct AggregateTenantTests {
    @Test func aggregatesAndProjectionsAreScopedToTheTenant() async throws {
        try await withTestDatabase(pool: .init(minimum: 1, maximum: 2)) { db in
            try await db.runScript(NoteRepository.setup)
            let cache = try await db.enableCache()
            let notes = NoteRepository(db)
            let cached = QueryCaching.ttl(.seconds(60))
            func perBody() async throws -> [(String, Int)] {
                try await notes.aggregate(cache: cached) {
                    Note.body
                    Note.rowCount
                }
            }
            for _ in 0..<2 {
                let a = try await TenantContext.withTenant("a") { try await perBody() }
                let b = try await TenantContext.withTenant("b") { try await perBody() }
                #expect(a.map(\.0) == ["alpha", "beta"] && a.map(\.1) == [1, 1])
                #expect(b.map(\.0) == ["alpha"] && b.map(\.1) == [1])
            }
            #expect(cache.statistics.hits == 2)
            let bodies = try await TenantContext.withTenant("b") { try await notes.select { Note.body } }
            #expect(bodies == ["alpha"])
            let id = ColumnRef<Note, Int32>(column: "id", sqlType: "int4", isWritable: false)
            let (total, mean): (Int64, Decimal?) = try await TenantContext.withTenant("a") {
                (try await notes.aggregate(id.sum), try await notes.aggregate(id.avg))
            }
            #expect(total == 3 && mean == Decimal(string: "1.5"))
            for read in [{ _ = try await perBody() }, { _ = try await notes.aggregate(Note.body.countDistinct) }] {
                do {
                    try await read()
                    Issue.record("a tenant-scoped aggregate ran without a tenant")
                } catch let error as RepogenError {
                    #expect(error.kind == .tenantRequired)
                }
            }
            await db.disableCache()
        }
    }
}
