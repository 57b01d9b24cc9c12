import Foundation
import QuoteMaster
import RepogenRuntime

/// The steps of the demo, each printing a line of the summary.
struct DemoSession {
    let db: Database
    /// The database's URL, for `pg_dump`.
    let url: String
    let runID: String
    /// Whether the operations step prints the whole Prometheus page (`--metrics`) or a summary of it.
    let printsMetricsPage: Bool

    /// An error thrown on purpose inside a transaction to show that nothing it wrote survives.
    struct DemoAbort: Error {}

    func run() async throws {
        let (ada, quotes) = try await writeInOneTransaction()
        try await readBack(ada, quotes)
        try await showRollback(ada)
        try await showSavepoint(ada)
        try await showTypedError(ada)
        try await showBehaviours(ada)
        try await showQueries(ada)
        try await showDashboard(ada)
        print("summary: users \(try await db.users.count()), quotes \(try await db.quotes.count()), "
            + "events \(try await db.analyticsEvents.count())")
        try await showOperations()
        try await showMaintenance()
    }

    func writeInOneTransaction() async throws -> (User, [Quote]) {
        try await db.transaction { tx in
            let ada = try await tx.users.create(
                NewUser(email: "ada+\(runID)@example.com", displayName: "Ada Lovelace", role: .admin)
            )
            let quotes = try await tx.quotes.createMany([
                NewQuote(ownerID: ada.id, title: "Roof repair", prompt: "Quote a roof repair", totalAmount: 1250),
                NewQuote(ownerID: ada.id, title: "Garden", prompt: "Quote a garden redesign", totalAmount: 980.5,
                         aiProvider: .anthropic, validUntil: CalendarDate(year: 2027, month: 1, day: 31)),
            ])
            for quote in quotes {
                _ = try await tx.analyticsEvents.create(
                    NewAnalyticsEvent(userID: ada.id, kind: "quote.created", quoteID: quote.id,
                                      properties: ["title": .string(quote.title)])
                )
            }
            print("transaction: committed 1 user, \(quotes.count) quotes, \(quotes.count) events")
            return (ada, quotes)
        }
    }

    func readBack(_ user: User, _ quotes: [Quote]) async throws {
        guard let first = quotes.first, let stored = try await db.quotes.find(id: first.id) else {
            throw RepogenError.notFound("Quote")
        }
        let sent = try await db.quotes.update(id: stored.id, QuotePatch(status: .sent))
        print("read back: \(user.displayName) <\(user.email)> owns \(sent.summary)")
        print("page: \(try await db.quotes.findAll(limit: 5).map(\.title).joined(separator: ", "))")
    }

    func showRollback(_ user: User) async throws {
        let before = try await db.quotes.count()
        do {
            try await db.transaction { tx in
                _ = try await tx.quotes.create(NewQuote(ownerID: user.id, title: "Never stored", prompt: "x"))
                throw DemoAbort()
            }
        } catch is DemoAbort {
            let after = try await db.quotes.count()
            print("rollback: a failing transaction wrote nothing (quotes before \(before), after \(after))")
        }
    }

    func showSavepoint(_ user: User) async throws {
        let kept = try await db.transaction { tx in
            let outer = try await tx.quotes.create(NewQuote(ownerID: user.id, title: "Kept", prompt: "outer"))
            _ = try? await tx.transaction { savepoint in
                _ = try await savepoint.quotes.create(NewQuote(ownerID: user.id, title: "Dropped", prompt: "inner"))
                throw DemoAbort()
            }
            return outer
        }
        print("savepoint: inner work rolled back, outer quote '\(kept.title)' committed")
    }

    func showTypedError(_ user: User) async throws {
        do {
            _ = try await db.users.create(NewUser(email: user.email, displayName: "Duplicate"))
        } catch let error as RepogenError {
            print("typed error: SQLSTATE \(error.sqlState ?? "-"), constraint \(error.constraint ?? "-")")
        }
    }
}
