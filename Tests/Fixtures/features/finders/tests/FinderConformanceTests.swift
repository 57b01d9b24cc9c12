import FeatureFinders
import Foundation
import RepogenRuntime
import RepogenTesting
import Testing

/// The same assertions on PostgreSQL and on the in-memory repositories (issue 20): a unique finder matches its
/// value exactly, list finders sort by their order then the key and page alike, and writes move rows between them.
@Suite struct FinderConformanceTests {
    /// Seven customers: five in FR (two joined on the same day), two in DE, in Paris or Lyon.
    static func customers(_ repos: some FeatureFindersRepositoriesProtocol) async throws -> [Customer] {
        try await repos.customers.createMany((1...7).map { index in
            NewCustomer(email: "c\(index)@example.com", country: index <= 5 ? "FR" : "DE",
                        city: index.isMultiple(of: 2) ? "Paris" : "Lyon",
                        joined: CalendarDate(year: 2020, month: 1, day: index % 4 + 1))
        })
    }

    /// `rows` as `findByCountry` sorts them: `joined` descending, then the key's bytes (its lowercase text).
    static func byJoinedThenKey(_ rows: [Customer]) -> [Customer] {
        rows.sorted { ($1.joined, $0.id.uuidString.lowercased()) < ($0.joined, $1.id.uuidString.lowercased()) }
    }

    @Test(arguments: RepositoryBackend.allCases)
    func uniqueFinderMatchesExactly(_ backend: RepositoryBackend) async throws {
        try await backend.run { repos in
            let all = try await Self.customers(repos)
            #expect(try await repos.customers.findByEmail("c3@example.com") == all[2])
            #expect(try await repos.customers.findByEmail("C3@example.com") == nil)
            #expect(try await repos.customers.findByEmail("c3@example.com ") == nil)
            let moved = try await repos.customers.upsertByEmail(
                NewCustomer(email: "c3@example.com", country: "DE", city: "Bonn", joined: all[0].joined, id: UUID()))
            #expect(moved == Customer(id: all[2].id, email: "c3@example.com", country: "DE", city: "Bonn",
                                      joined: all[0].joined))
            #expect(try await repos.customers.findByEmail("c3@example.com") == moved)
            let renamed = try await repos.customers.update(id: all[3].id, CustomerPatch(email: "d4@example.com"))
            #expect(try await repos.customers.findByEmail("c4@example.com") == nil)
            #expect(try await repos.customers.findByEmail("d4@example.com") == renamed)
            do {
                _ = try await repos.customers.update(id: all[4].id, set: [Customer.email.set("d4@example.com")])
                Issue.record("an e-mail address was taken twice")
            } catch let error as RepogenError {
                #expect(error.violation == .unique && error.constraint == "customers_email_key")
                #expect(error.fields == ["email"])
            }
            #expect(try await repos.customers.delete(id: all[4].id))
            #expect(try await repos.customers.findByEmail("c5@example.com") == nil)
        }
    }

    @Test(arguments: RepositoryBackend.allCases)
    func listFindersSortByOrderThenKeyAndPage(_ backend: RepositoryBackend) async throws {
        try await backend.run { repos in
            let all = try await Self.customers(repos)
            let expected = Self.byJoinedThenKey(all.filter { $0.country == "FR" })
            let first = try await repos.customers.findByCountry("FR", page: .first(2))
            let second = try await repos.customers.findByCountry("FR", page: .first(2).next)
            let rest = try await repos.customers.findByCountry("FR", page: PageRequest(limit: 10, offset: 4))
            #expect(first + second + rest == expected && rest.count == 1)
            #expect(try await repos.customers.findByCountry("FR") == expected)
            #expect(try await repos.customers.findByCountry("fr").isEmpty)
            let parisians = try await repos.customers.findByCountryAndCity("FR", city: "Paris")
            #expect(parisians == all.filter { $0.country == "FR" && $0.city == "Paris" }
                .sorted { $0.id.uuidString.lowercased() < $1.id.uuidString.lowercased() })
            #expect(try await repos.customers.findByCountryAndCity("FR", city: "Paris", page: .first(1)) == [parisians[0]])
            #expect(try await repos.customers.findByCountryAndCity("DE", city: "Paris").map(\.email) == ["c6@example.com"])
            let later = CalendarDate(year: 2021, month: 1, day: 1)
            let moved = try await repos.customers.update(id: all[6].id, CustomerPatch(country: "FR", joined: later))
            #expect(try await repos.customers.findByCountry("FR") == [moved] + expected)
            #expect(try await repos.customers.findByCountry("DE").map(\.email) == ["c6@example.com"])
        }
    }

    @Test(arguments: RepositoryBackend.allCases)
    func findersReadWhatUpsertsAndDeletesLeave(_ backend: RepositoryBackend) async throws {
        try await backend.run { repos in
            let all = try await Self.customers(repos)
            let replaced = try await repos.customers.upsert(
                NewCustomer(email: "new@example.com", country: "DE", city: "Lyon", joined: all[0].joined, id: all[0].id))
            #expect(replaced.id == all[0].id && replaced.email == "new@example.com")
            #expect(try await repos.customers.findByEmail("c1@example.com") == nil)
            #expect(try await repos.customers.findByCountryAndCity("DE", city: "Lyon").map(\.id).contains(all[0].id))
            let listed = try await repos.customers.findAll()
            #expect(listed.count == 7 && listed == Self.keyOrder(listed))
            let removed = try await repos.customers.deleteMany(where: Customer.country == "FR")
            #expect(removed == 4)
            #expect(try await repos.customers.findByCountry("FR").isEmpty)
            #expect(try await repos.customers.count() == 3)
        }
    }

    /// `rows` in key order: a `uuid` key's bytes, which is its lowercase text.
    static func keyOrder(_ rows: [Customer]) -> [Customer] {
        rows.sorted { $0.id.uuidString.lowercased() < $1.id.uuidString.lowercased() }
    }
}

private extension RepositoryBackend {
    /// Runs `body` on fresh FeatureFinders repositories of this backend.
    func run(_ body: (any FeatureFindersRepositoriesProtocol) async throws -> Void) async throws {
        try await run(
            migrations: FeatureFindersSchema.migrations, postgres: { FeatureFindersRepositories($0) },
            memory: { InMemoryFeatureFindersRepositories() }, body)
    }
}
