import FeatureEnums
import Foundation
import RepogenRuntime
import RepogenTesting
import Testing

/// The same assertions on PostgreSQL and on the in-memory repositories (issue 20): enums sort in declaration
/// order, not by label, and an optional enum's NULL is unknown to comparisons.
@Suite struct EnumConformanceTests {
    @Test(arguments: RepositoryBackend.allCases)
    func enumsSortByDeclarationAndNullIsUnknown(_ backend: RepositoryBackend) async throws {
        try await backend.run { repos in
            let states: [TicketState] = [.default, .closed, .open, .inReview]
            for (state, priority) in zip(states, [Priority.high, nil, .low, nil]) {
                _ = try await repos.tickets.create(NewTicket(state: state, priority: priority))
            }
            let sorted = try await repos.tickets.find(where: .all, orderBy: [Ticket.state.ascending]).map(\.state)
            #expect(sorted == [.open, .inReview, .closed, .default])
            #expect(try await repos.tickets.count(where: Ticket.state > .inReview) == 2)
            #expect(try await repos.tickets.count(where: Ticket.priority != .low) == 1)
            #expect(try await repos.tickets.count(where: Ticket.priority.isNull) == 2)
            let byPriority = try await repos.tickets.find(where: .all, orderBy: [Ticket.priority.descending])
            #expect(byPriority.map(\.priority) == [nil, nil, .high, .low])
        }
    }
}

private extension RepositoryBackend {
    /// Runs `body` on fresh FeatureEnums repositories of this backend.
    func run(_ body: (any FeatureEnumsRepositoriesProtocol) async throws -> Void) async throws {
        try await run(
            migrations: FeatureEnumsSchema.migrations, postgres: { FeatureEnumsRepositories($0) },
            memory: { InMemoryFeatureEnumsRepositories() }, body)
    }
}
