import FeatureFinders
import Foundation
import RepogenRuntime
import RepogenTesting
import Testing

/// Finders on real PostgreSQL: a unique finder returns one optional row; list finders sort by their order,
/// then the primary key, and page with `PageRequest`.
@Suite struct FinderBehaviourTests {
    func customers(_ db: Database) async throws -> [Customer] {
        try await db.customers.createMany((1...7).map { index in
            NewCustomer(email: "c\(index)@example.com", country: index <= 5 ? "FR" : "DE",
                        city: index.isMultiple(of: 2) ? "Paris" : "Lyon",
                        joined: CalendarDate(year: 2020, month: 1, day: index % 4 + 1))
        })
    }

    @Test func uniqueFinderReturnsTheRowOrNil() async throws {
        try await withTestDatabase(migrations: FeatureFindersSchema.migrations) { db in
            let all = try await customers(db)
            #expect(try await db.customers.findByEmail("c3@example.com") == all[2])
            #expect(try await db.customers.findByEmail("nobody@example.com") == nil)
        }
    }

    @Test func listFindersOrderAndPage() async throws {
        try await withTestDatabase(migrations: FeatureFindersSchema.migrations) { db in
            let all = try await customers(db)
            let expected = all.filter { $0.country == "FR" }.sorted { left, right in
                left.joined != right.joined ? left.joined > right.joined : left.id.uuidString < right.id.uuidString
            }
            let first = try await db.customers.findByCountry("FR", page: .first(2))
            let second = try await db.customers.findByCountry("FR", page: .first(2).next)
            let rest = try await db.customers.findByCountry("FR", page: PageRequest(limit: 10, offset: 4))
            #expect(first + second + rest == expected)
            #expect(try await db.customers.findByCountry("FR") == expected)
            #expect(try await db.customers.findByCountry("XX").isEmpty)
            let parisians = try await db.customers.findByCountryAndCity("FR", city: "Paris")
            #expect(Set(parisians.map(\.email)) == ["c2@example.com", "c4@example.com"])
            #expect(parisians.map(\.id.uuidString) == parisians.map(\.id.uuidString).sorted())
        }
    }
}
