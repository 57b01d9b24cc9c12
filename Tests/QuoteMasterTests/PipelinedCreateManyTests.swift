import Foundation
import QuoteMaster
import RepogenRuntime
import Testing

/// `createMany` of inputs large enough to go as several executions in one pipeline (7,500 quotes: three chunks).
///
/// The chunks must be as atomic as the one statement they replace: a failure in the last chunk leaves no row and no
/// audit row of the earlier ones, outside a transaction and inside one.
@Suite struct PipelinedCreateManyTests {
    static let count = 7_500
    /// An index in the last of the three chunks.
    static let lastChunkIndex = 7_000

    func inputs(owner: User) -> [NewQuote] {
        (0..<Self.count).map { index in
            NewQuote(
                ownerID: owner.id, title: "Piped \(index)", prompt: "p \(index)", totalAmount: Decimal(index) / 4,
                metadata: index.isMultiple(of: 3) ? nil : ["n": .number(Double(index))])
        }
    }

    @Test func rowsComeBackInInputOrderWithAnAuditRowEach() async throws {
        try await withQuoteMasterDatabase { db in
            let user = try await makeUser(db)
            let batch = inputs(owner: user)
            let created = try await AuditContext.withActor(user.id) { try await db.quotes.createMany(batch) }
            #expect(created.map(\.title) == batch.map(\.title))
            #expect(try await db.quotes.count() == Self.count)
            let audit = try await db.auditEntries.findAll(limit: Self.count + 1)
            #expect(Set(audit.map(\.entityID)) == Set(created.map { $0.id.uuidString.lowercased() }))
            #expect(audit.count == Self.count && audit.allSatisfy { $0.actorID == user.id && $0.action == .create })
        }
    }

    @Test func aDuplicateInTheLastChunkWritesNothingAndLeavesTheConnectionUsable() async throws {
        try await withQuoteMasterDatabase { db in
            let user = try await makeUser(db)
            let existing = try await db.quotes.create(NewQuote(ownerID: user.id, title: "kept", prompt: "p"))
            var batch = inputs(owner: user)
            batch[Self.lastChunkIndex].id = existing.id
            let error = await #expect(throws: RepogenError.self) { _ = try await db.quotes.createMany(batch) }
            #expect(error?.sqlState == "23505" && error?.constraint == "quotes_pkey")
            #expect(try await db.quotes.count() == 1)
            #expect(try await db.auditEntries.count() == 1)
            batch[Self.lastChunkIndex].id = UUID()
            #expect(try await db.quotes.createMany(batch).count == Self.count)
        }
    }

    @Test func aMissingOwnerInTheLastChunkWritesNothing() async throws {
        try await withQuoteMasterDatabase { db in
            let user = try await makeUser(db)
            var batch = inputs(owner: user)
            batch[Self.count - 1].ownerID = UUID()
            let error = await #expect(throws: RepogenError.self) { _ = try await db.quotes.createMany(batch) }
            #expect(error?.sqlState == "23503")
            #expect(try await db.quotes.count() == 0)
            #expect(try await db.auditEntries.count() == 0)
        }
    }

    @Test func insideATransactionAFailureAbortsItLikeAnyFailedStatement() async throws {
        try await withQuoteMasterDatabase { db in
            let user = try await makeUser(db)
            var batch = inputs(owner: user)
            batch[Self.lastChunkIndex].ownerID = UUID()
            let error = await #expect(throws: RepogenError.self) {
                try await db.transaction { tx in
                    _ = try await tx.quotes.create(NewQuote(ownerID: user.id, title: "before", prompt: "p"))
                    do {
                        _ = try await tx.quotes.createMany(batch)
                    } catch let error as RepogenError where error.sqlState == "23503" {
                        _ = try await tx.quotes.count()  // the transaction is aborted: 25P02
                    }
                }
            }
            #expect(error?.sqlState == "25P02")
            #expect(try await db.quotes.count() == 0)
            #expect(try await db.auditEntries.count() == 0)
        }
    }

    @Test func inASavepointAFailureRollsBackOnlyTheSavepoint() async throws {
        try await withQuoteMasterDatabase { db in
            let user = try await makeUser(db)
            var batch = inputs(owner: user)
            batch[Self.lastChunkIndex].ownerID = UUID()
            try await db.transaction { tx in
                _ = try await tx.quotes.create(NewQuote(ownerID: user.id, title: "before", prompt: "p"))
                let error = await #expect(throws: RepogenError.self) {
                    try await tx.transaction { savepoint in _ = try await savepoint.quotes.createMany(batch) }
                }
                #expect(error?.sqlState == "23503" && error?.constraint == "quotes_owner_id_fkey")
                _ = try await tx.quotes.create(NewQuote(ownerID: user.id, title: "after", prompt: "p"))
            }
            let titles = try await db.quotes.find(where: .all, orderBy: [Quote.title.ascending]).map(\.title)
            #expect(titles == ["after", "before"])
            #expect(try await db.auditEntries.count() == 2)
        }
    }
}
