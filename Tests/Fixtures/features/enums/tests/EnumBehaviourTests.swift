import FeatureEnums
import Foundation
import RepogenRuntime
import RepogenTesting
import Testing

/// Enums on real PostgreSQL: snake_case labels and keyword labels round-trip; an optional enum can be NULL.
@Suite struct EnumBehaviourTests {
    @Test func labelsRoundTrip() async throws {
        try await withTestDatabase(migrations: FeatureEnumsSchema.migrations) { db in
            let ticket = try await db.tickets.create(NewTicket())
            #expect(ticket.state == .open && ticket.priority == nil)
            let moved = try await db.tickets.update(id: ticket.id, TicketPatch(state: .inReview, priority: .high))
            #expect(moved.state == .inReview && moved.priority == .high)
            #expect(TicketState.inReview.rawValue == "in_review" && TicketState.default.rawValue == "default")
            let cleared = try await db.tickets.update(id: ticket.id, TicketPatch(state: .default, priority: .some(nil)))
            #expect(cleared.state == .default && cleared.priority == nil)
        }
    }
}
