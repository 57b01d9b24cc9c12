import Foundation
import QuoteMaster
import RepogenRuntime

/// The schema behaviours in action: finders, one-query eager loading, optimistic locking, soft delete.
extension DemoSession {
    func showBehaviours(_ user: User) async throws {
        let owned = try await db.quotes.findByOwner(user.id, page: .first(10))
        let before = db.statementsExecuted
        let loaded = try await db.users.loadQuotes(for: [user])
        print("finder: findByOwner returned \(owned.count) quotes; loadQuotes for 1 user took "
            + "\(db.statementsExecuted - before) statement, \(loaded[user.id]?.count ?? 0) quotes")
        guard let quote = owned.first else { return }
        try await showOptimisticLocking(quote)
        try await showSoftDelete(quote)
    }

    func showOptimisticLocking(_ quote: Quote) async throws {
        let stale = quote.version
        _ = try await db.quotes.update(id: quote.id, expectedVersion: stale, QuotePatch(status: .accepted))
        do {
            _ = try await db.quotes.update(id: quote.id, expectedVersion: stale, QuotePatch(status: .rejected))
        } catch let error as RepogenError where error.kind == .versionConflict {
            print("optimistic lock: a write based on version \(stale) was refused; the row is at version "
                + "\(error.currentVersion ?? -1)")
        }
    }

    func showSoftDelete(_ quote: Quote) async throws {
        try await db.quotes.delete(id: quote.id)
        let visible = try await db.quotes.count()
        let stored = try await db.quotes.count(includeDeleted: true)
        print("soft delete: '\(quote.title)' hidden from reads (\(visible) visible, \(stored) stored)")
        try await db.quotes.restore(id: quote.id)
    }
}
