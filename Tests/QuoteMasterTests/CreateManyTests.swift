import Foundation
import QuoteMaster
import RepogenRuntime
import Testing

/// `createMany` of the audited `Quote` on real PostgreSQL: the rows and audit rows it writes, and its failures.
@Suite struct CreateManyTests {
    /// Inputs that exercise defaults, NULLs, numeric scale and JSON needing escapes.
    func inputs(_ count: Int, owner: User) -> [NewQuote] {
        (0..<count).map { index in
            NewQuote(
                ownerID: owner.id, title: "Bulk \(index)", prompt: "p \(index)",
                status: index.isMultiple(of: 2) ? .sent : nil, totalAmount: Decimal(index) / 4,
                currency: index.isMultiple(of: 3) ? "EUR" : nil, aiProvider: index.isMultiple(of: 5) ? .openai : nil,
                content: index.isMultiple(of: 4) ? nil : "c\"\\\n\(index) é😀",
                metadata: index.isMultiple(of: 7) ? nil : ["n": .number(Double(index) + 0.25), "tags": ["a", nil, true]],
                validUntil: index.isMultiple(of: 6) ? CalendarDate(year: 2030, month: 1, day: 1 + index % 28) : nil)
        }
    }

    @Test(arguments: [1, 2_500])
    func rowsAndAuditRowsMatchWhatIsStored(count: Int) async throws {
        try await withQuoteMasterDatabase { db in
            let user = try await makeUser(db)
            let created = try await AuditContext.withActor(user.id) {
                try await db.quotes.createMany(inputs(count, owner: user))
            }
            #expect(created.map(\.title) == inputs(count, owner: user).map(\.title))
            let stored = try await db.quotes.find(where: .all, orderBy: [Quote.id.ascending])
            let createdByKey = created.sorted { (left: Quote, right: Quote) in left.id.uuidString < right.id.uuidString }
            #expect(stored == createdByKey)
            let audit = try await db.auditEntries.findAll(limit: count + 1)
            #expect(audit.count == count)
            #expect(audit.map(\.entityID) == created.map { $0.id.uuidString.lowercased() })
            #expect(audit.allSatisfy { $0.action == .create && $0.actorID == user.id && $0.before == nil })
            let images = try await imagesOfStoredQuotes(db)
            #expect(audit.map(\.after) == created.map { images[$0.id] })
        }
    }

    @Test func emptyInputRunsNoStatement() async throws {
        try await withQuoteMasterDatabase { db in
            let before = db.statementsExecuted
            let created = try await db.quotes.createMany([])
            #expect(created.isEmpty && db.statementsExecuted == before)
        }
    }

    @Test func aRollbackLeavesNoRowAndNoAuditRow() async throws {
        try await withQuoteMasterDatabase { db in
            let user = try await makeUser(db)
            struct Abort: Error {}
            await #expect(throws: Abort.self) {
                try await db.transaction { tx in
                    #expect(try await tx.quotes.createMany(inputs(300, owner: user)).count == 300)
                    throw Abort()
                }
            }
            #expect(try await db.quotes.count(includeDeleted: true) == 0)
            #expect(try await db.auditEntries.count() == 0)
        }
    }

    @Test func aDuplicateKeyIsATypedErrorAndWritesNothing() async throws {
        try await withQuoteMasterDatabase { db in
            let user = try await makeUser(db)
            let existing = try await db.quotes.createMany(inputs(1, owner: user))[0]
            var batch = inputs(400, owner: user)
            batch[399].id = existing.id
            let error = await #expect(throws: RepogenError.self) {
                _ = try await db.quotes.createMany(batch)
            }
            #expect(error?.sqlState == "23505" && error?.constraint == "quotes_pkey")
            #expect(error?.violation == .unique && error?.fields == ["id"])
            #expect(try await db.quotes.count(includeDeleted: true) == 1)
            #expect(try await db.auditEntries.count() == 1)
        }
    }

    /// `to_jsonb` of every stored quote, as the audit CTE computes it, keyed by id.
    /// Each stored row as JSON, without the full-text search column, which the audit trail leaves out.
    private func imagesOfStoredQuotes(_ db: Database) async throws -> [UUID: JSONValue] {
        let statement = PostgresStatement(
            name: "test_quote_images", sql: "SELECT q.id, to_jsonb(q) - 'search_vector' FROM quotes AS q",
            parameterTypes: [])
        let rows = try await db.run(statement, PostgresBindings()).decodeRows { row in
            (try row.decode(UUID.self, at: 0), try row.decode(JSONValue.self, at: 1))
        }
        return Dictionary(uniqueKeysWithValues: rows)
    }
}
