import Foundation
import QuoteMaster
import RepogenRuntime
import Testing

/// Generated repositories inside units of work: commit, rollback, savepoints.
@Suite struct UnitOfWorkTests {
    struct Abort: Error {}

    @Test func transactionCommitsEveryWriteWhenTheClosureReturns() async throws {
        try await withQuoteMasterDatabase { db in
            let quote = try await db.transaction { tx in
                let user = try await makeUser(tx)
                let quote = try await tx.quotes.create(NewQuote(ownerID: user.id, title: "t", prompt: "p"))
                let event = NewAnalyticsEvent(userID: user.id, kind: "k", quoteID: quote.id)
                _ = try await tx.analyticsEvents.create(event)
                return quote
            }
            #expect(try await db.quotes.find(id: quote.id) == quote)
            #expect(try await db.analyticsEvents.count() == 1)
        }
    }

    @Test func transactionRollsBackEverythingWhenTheClosureThrows() async throws {
        try await withQuoteMasterDatabase { (db: Database) async throws in
            await #expect(throws: Abort.self) {
                try await db.transaction { tx in
                    let user = try await makeUser(tx)
                    _ = try await tx.quotes.create(NewQuote(ownerID: user.id, title: "t", prompt: "p"))
                    throw Abort()
                }
            }
            #expect(try await db.users.count() == 0)
            #expect(try await db.quotes.count() == 0)
        }
    }

    @Test func aFailedStatementRollsBackTheWholeTransaction() async throws {
        try await withQuoteMasterDatabase { db in
            let existing = try await makeUser(db, "existing")
            let error = await #expect(throws: RepogenError.self) {
                try await db.transaction { tx in
                    _ = try await makeUser(tx, "fresh")
                    _ = try await tx.users.create(NewUser(email: existing.email, displayName: "dup"))
                }
            }
            #expect(error?.sqlState == "23505")
            #expect(try await db.users.count() == 1)
        }
    }

    @Test func nestedTransactionIsASavepoint() async throws {
        try await withQuoteMasterDatabase { db in
            try await db.transaction { tx in
                let user = try await makeUser(tx)
                await #expect(throws: Abort.self) {
                    try await tx.transaction { inner in
                        _ = try await inner.quotes.create(NewQuote(ownerID: user.id, title: "dropped", prompt: "p"))
                        throw Abort()
                    }
                }
                let kept = try await tx.transaction { inner in
                    try await inner.quotes.create(NewQuote(ownerID: user.id, title: "kept", prompt: "p"))
                }
                #expect(kept.title == "kept")
            }
            let titles = try await db.quotes.findAll().map(\.title)
            #expect(titles == ["kept"])
            #expect(try await db.users.count() == 1)
        }
    }

    @Test func aSavepointRecoversFromAFailedStatement() async throws {
        try await withQuoteMasterDatabase { db in
            let user = try await makeUser(db)
            try await db.transaction { tx in
                let failure = await #expect(throws: RepogenError.self) {
                    try await tx.transaction { inner in
                        _ = try await inner.users.create(NewUser(email: user.email, displayName: "dup"))
                    }
                }
                #expect(failure?.sqlState == "23505")
                _ = try await tx.quotes.create(NewQuote(ownerID: user.id, title: "after", prompt: "p"))
            }
            #expect(try await db.quotes.count() == 1)
        }
    }

    @Test func repositoriesStructBindsEveryRepositoryToOneExecutor() async throws {
        try await withQuoteMasterDatabase { db in
            let (user, quote) = try await QuoteMasterRepositories.onboard(
                email: "ada@example.com", displayName: "Ada", firstQuote: "Roof", on: db
            )
            let repos = QuoteMasterRepositories(db)
            #expect(try await repos.users.find(id: user.id) == user)
            #expect(try await repos.quotes.find(id: quote.id)?.summary == "\"Roof\" draft 0 USD")
            #expect(try await repos.analyticsEvents.count() == 1)
        }
    }
}
