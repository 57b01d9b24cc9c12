import Foundation
import QuoteMaster
import RepogenRuntime
import Testing

/// Column-relative assignments (`increment`, `decrement`, `multiply`, copying a column) on audited, versioned,
/// soft-deleted Quote: computed by the server in one statement, audited and versioned like any update.
@Suite struct AtomicUpdateTests {
    @Test func incrementReturnsTheNewRowAuditedAndVersioned() async throws {
        try await withQuoteMasterDatabase { db in
            let user = try await makeUser(db)
            let quote = try await db.quotes.create(
                NewQuote(ownerID: user.id, title: "Roof", prompt: "p", totalAmount: 100))
            let raised = try await db.transaction(actor: user.id) { tx in
                try await tx.quotes.update(id: quote.id, set: [Quote.totalAmount.increment(by: 10.25)])
            }
            #expect(raised.totalAmount == Decimal(string: "110.25") && raised.version == 2)
            #expect(raised.updatedAt > quote.updatedAt && raised.title == "Roof")
            let lowered = try await db.quotes.update(
                id: quote.id, set: [Quote.totalAmount.decrement(by: 0.25), Quote.title.set("Roof v2")])
            #expect(lowered.totalAmount == 110 && lowered.title == "Roof v2" && lowered.version == 3)
            let audit = try await db.auditEntries.findAll(limit: 10)
            #expect(audit.map(\.action) == [.create, .update, .update])
            #expect(audit[1].actorID == user.id)
            #expect(audit[1].before?["total_amount"] == 100 && audit[1].after?["total_amount"] == 110.25)
            #expect(audit[1].after?["version"] == 2 && audit[1].after?["title"] == nil)
        }
    }

    @Test func concurrentIncrementsAreNeverLost() async throws {
        try await withQuoteMasterDatabase { db in
            let user = try await makeUser(db)
            let quote = try await db.quotes.create(NewQuote(ownerID: user.id, title: "Counter", prompt: "p"))
            try await withThrowingTaskGroup(of: Void.self) { group in
                for _ in 0..<20 {
                    group.addTask {
                        _ = try await db.quotes.update(id: quote.id, set: [Quote.totalAmount.increment(by: 1)])
                    }
                }
                try await group.waitForAll()
            }
            let final = try await db.quotes.find(id: quote.id)
            #expect(final?.totalAmount == 20 && final?.version == 21)
        }
    }

    @Test func updateManyReturningGivesEveryWrittenRow() async throws {
        try await withQuoteMasterDatabase { db in
            let user = try await makeUser(db)
            let rows = try await seedQuotes(db, owner: user, [("A", 10, .draft), ("B", 20, .draft), ("C", 30, .sent)])
            try await db.quotes.delete(id: rows[1].id)
            let repriced = try await db.quotes.updateManyReturning(
                where: Quote.status == .draft, set: [Quote.totalAmount.multiply(by: 1.5)])
            #expect(repriced.map(\.title) == ["A"] && repriced.first?.totalAmount == 15)
            #expect(try await db.quotes.find(id: rows[1].id, includeDeleted: true)?.totalAmount == 20)
            let copied = try await db.quotes.updateManyReturning(where: .all, set: [Quote.content.set(Quote.prompt)])
            #expect(copied.count == 2 && copied.allSatisfy { $0.content == $0.prompt })
            let bumped = try await db.quotes.updateMany(
                where: Quote.title == "C", set: [Quote.totalAmount.increment(by: 5)])
            #expect(bumped == 1)
            #expect(try await db.quotes.first(where: Quote.title == "C")?.totalAmount == 35)
            await #expect(throws: RepogenError.self) {
                _ = try await db.quotes.updateManyReturning(where: .all, set: [])
            }
        }
    }

    @Test func theVersionedVariantRefusesAStaleVersion() async throws {
        try await withQuoteMasterDatabase { db in
            let user = try await makeUser(db)
            let quote = try await db.quotes.create(NewQuote(ownerID: user.id, title: "Roof", prompt: "p"))
            let raised = try await db.quotes.update(
                id: quote.id, expectedVersion: 1, set: [Quote.totalAmount.increment(by: 1)])
            #expect(raised.version == 2 && raised.totalAmount == 1)
            do {
                _ = try await db.quotes.update(
                    id: quote.id, expectedVersion: 1, set: [Quote.totalAmount.increment(by: 1)])
                Issue.record("a stale increment succeeded")
            } catch let error as RepogenError {
                #expect(error.kind == .versionConflict && error.currentVersion == 2)
            }
            #expect(try await db.quotes.find(id: quote.id)?.totalAmount == 1)
            await #expect(throws: RepogenError.notFound("Quote")) {
                _ = try await db.quotes.update(id: UUID(), set: [Quote.totalAmount.increment(by: 1)])
            }
        }
    }

    @Test func anOverflowIsATypedErrorAndWritesNothing() async throws {
        try await withQuoteMasterDatabase { db in
            let user = try await makeUser(db)
            let quote = try await db.quotes.create(
                NewQuote(ownerID: user.id, title: "Big", prompt: "p", totalAmount: Decimal(string: "9999999999.99")))
            do {
                _ = try await db.quotes.update(id: quote.id, set: [Quote.totalAmount.increment(by: 1)])
                Issue.record("an increment past numeric(12,2) succeeded")
            } catch let error as RepogenError {
                #expect(error.kind == .constraintViolation && error.violation == .outOfRange)
                #expect(error.sqlState == "22003" && error.fields == ["totalAmount"])
            }
            do {
                _ = try await db.quotes.update(id: quote.id, set: [Quote.totalAmount.increment(by: 0.001)])
                Issue.record("a third fractional digit was sent to be rounded")
            } catch let error as RepogenError {
                #expect(error.kind == .validationFailed && error.violation == .tooManyFractionalDigits)
            }
            // An operand wider than the column is fine when the result fits: only the server can tell.
            let lowered = try await db.quotes.update(
                id: quote.id, set: [Quote.totalAmount.decrement(by: 10_000_000_000)])
            #expect(lowered.totalAmount == Decimal(string: "-0.01"))
            #expect(try await db.auditEntries.count() == 2)  // the create and the one update that fitted
        }
    }

    @Test func aManagedColumnCannotBeIncremented() async throws {
        try await withQuoteMasterDatabase { db in
            let user = try await makeUser(db)
            let quote = try await db.quotes.create(NewQuote(ownerID: user.id, title: "Roof", prompt: "p"))
            await #expect(throws: RepogenError.self) {
                _ = try await db.quotes.update(id: quote.id, set: [Quote.version.increment(by: 5)])
            }
            #expect(try await db.quotes.find(id: quote.id)?.version == 1)
        }
    }
}
