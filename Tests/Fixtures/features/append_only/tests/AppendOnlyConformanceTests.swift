import FeatureAppendOnly
import Foundation
import RepogenRuntime
import RepogenTesting
import Testing

/// The same assertions on PostgreSQL and on the in-memory repositories (issue 20): identity keys drawn in input
/// order, the JSON and time defaults, every read of an append-only table, and a refused batch that keeps nothing.
@Suite struct AppendOnlyConformanceTests {
    @Test(arguments: RepositoryBackend.allCases)
    func rowsAreAppendedInOrderAndRead(_ backend: RepositoryBackend) async throws {
        try await backend.run { repos in
            let given = Date(timeIntervalSince1970: 1_600_000_000.25)
            let first = try await repos.events.create(NewEvent(kind: "signup"))
            let more = try await repos.events.createMany([
                NewEvent(kind: "login", payload: ["ip": "::1"]), NewEvent(kind: "old", occurredAt: given),
                NewEvent(kind: "login", payload: [1, "two", nil]),
            ])
            #expect(more.map(\.id) == [first.id + 1, first.id + 2, first.id + 3])
            #expect(first.payload == [:] && more.map(\.payload) == [["ip": "::1"], [:], [1, "two", nil]])
            #expect(more[1].occurredAt == given && more[0].occurredAt == more[2].occurredAt)
            #expect(more[0].occurredAt >= first.occurredAt)
            let all = [first] + more
            #expect(try await repos.events.findAll() == all)
            #expect(try await repos.events.findAll(limit: 2, offset: 1) == Array(all[1...2]))
            #expect(try await repos.events.find(id: more[2].id) == more[2])
            #expect(try await repos.events.find(id: more[2].id + 1) == nil)
            #expect(try await repos.events.exists(id: first.id))
            #expect(try await !repos.events.exists(id: 0))
            #expect(try await repos.events.count() == 4)
            let logins = try await repos.events.find(where: Event.kind == "login", orderBy: [Event.id.descending])
            #expect(logins == [more[2], more[0]])
            #expect(try await repos.events.count(where: Event.occurredAt < first.occurredAt) == 1)
            #expect(try await repos.events.find(where: Event.payload.hasKey("ip")) == [more[0]])
        }
    }

    @Test(arguments: RepositoryBackend.allCases)
    func aRefusedBatchKeepsNothing(_ backend: RepositoryBackend) async throws {
        try await backend.run { repos in
            let kept = try await repos.events.create(NewEvent(kind: "kept"))
            do {
                _ = try await repos.events.createMany([NewEvent(kind: "ok"), NewEvent(kind: String(repeating: "k", count: 65))])
                Issue.record("a kind longer than its column was accepted")
            } catch let error as RepogenError {
                #expect(error.kind == .validationFailed && error.violation == .tooLong && error.fields == ["kind"])
            }
            #expect(try await repos.events.findAll() == [kept])
            let next = try await repos.events.create(NewEvent(kind: "next"))
            #expect(next.id == kept.id + 1)  // the refused batch never reached the store, so it drew no key
        }
    }
}

private extension RepositoryBackend {
    /// Runs `body` on fresh FeatureAppendOnly repositories of this backend.
    func run(_ body: (any FeatureAppendOnlyRepositoriesProtocol) async throws -> Void) async throws {
        try await run(
            migrations: FeatureAppendOnlySchema.migrations, postgres: { FeatureAppendOnlyRepositories($0) },
            memory: { InMemoryFeatureAppendOnlyRepositories() }, body)
    }
}
