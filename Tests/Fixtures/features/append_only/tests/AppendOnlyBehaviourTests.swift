import FeatureAppendOnly
import Foundation
import RepogenRuntime
import RepogenTesting
import Testing

/// Append-only on real PostgreSQL: rows are created and read; the repository has no update or delete to call.
@Suite struct AppendOnlyBehaviourTests {
    @Test func rowsAreCreatedAndRead() async throws {
        try await withTestDatabase(migrations: FeatureAppendOnlySchema.migrations) { db in
            let first = try await db.events.create(NewEvent(kind: "signup"))
            let more = try await db.events.createMany([NewEvent(kind: "login", payload: ["ip": "::1"])])
            #expect(first.payload == [:] && more.first?.payload == ["ip": "::1"])
            #expect(try await db.events.find(id: first.id) == first)
            #expect(try await db.events.count() == 2)
            #expect(try await db.events.findAll(limit: 1).map(\.kind) == ["signup"])
        }
    }
}
