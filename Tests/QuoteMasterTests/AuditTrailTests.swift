import Foundation
import QuoteMaster
import RepogenRuntime
import Testing

/// The audit trail of `audited` Quote, and bulk writes, on real PostgreSQL.
@Suite struct AuditTrailTests {
    /// Every audit row, oldest first.
    func trail(_ db: some DatabaseExecutor) async throws -> [AuditEntry] {
        try await db.auditEntries.findAll(limit: 1000)
    }

    @Test func everySingleRowWriteAppendsOneAuditRowWithTheActor() async throws {
        try await withQuoteMasterDatabase { db in
            let user = try await makeUser(db)
            let quote = try await db.transaction(actor: user.id) { tx in
                let quote = try await newQuote(tx, owner: user)
                _ = try await tx.quotes.update(id: quote.id, expectedVersion: 1, QuotePatch(title: "Roof v2"))
                try await tx.quotes.delete(id: quote.id)
                try await tx.quotes.restore(id: quote.id)
                return quote
            }
            try await db.quotes.hardDelete(id: quote.id)
            let rows = try await trail(db)
            #expect(rows.map(\.action) == [.create, .update, .delete, .update, .delete])
            #expect(rows.map(\.actorID) == [user.id, user.id, user.id, user.id, nil])
            #expect(rows.allSatisfy { $0.entity == "Quote" && $0.entityID == quote.id.uuidString.lowercased() })
            #expect(rows[0].before == nil && rows[0].after?["title"] == "Roof")
            #expect(rows[1].before?["title"] == "Roof" && rows[1].after?["title"] == "Roof v2")
            #expect(rows[1].after?["version"] == 2 && rows[1].after?["prompt"] == nil)
            #expect(rows[2].before?["deleted_at"] == .null && rows[2].after?["deleted_at"] != nil)
            #expect(rows[4].before?["id"] != nil && rows[4].after == nil)
        }
    }

    @Test func aRollbackLeavesNoAuditRow() async throws {
        try await withQuoteMasterDatabase { db in
            let user = try await makeUser(db)
            struct Abort: Error {}
            await #expect(throws: Abort.self) {
                try await db.transaction(actor: user.id) { tx in
                    let quote = try await newQuote(tx, owner: user)
                    _ = try await tx.quotes.update(id: quote.id, QuotePatch(status: .sent))
                    #expect(try await trail(tx).count == 2)
                    throw Abort()
                }
            }
            #expect(try await trail(db).isEmpty)
            #expect(try await db.quotes.count(includeDeleted: true) == 0)
        }
    }

    @Test func bulkWritesAreAuditedRowForRow() async throws {
        try await withQuoteMasterDatabase { db in
            let user = try await makeUser(db)
            let rows = try await AuditContext.withActor(user.id) {
                try await seedQuotes(db, owner: user, [("A", 1, .draft), ("B", 2, .draft), ("C", 3, .sent)])
            }
            let changed = try await AuditContext.withActor(user.id) {
                try await db.quotes.updateMany(where: Quote.status == .draft, set: [Quote.status.set(.expired)])
            }
            #expect(changed == 2)
            let deleted = try await db.quotes.deleteMany(where: Quote.totalAmount >= 2)
            #expect(deleted == 2)
            #expect(try await db.quotes.count() == 1)
            let removed = try await db.quotes.hardDeleteMany(where: Quote.title == "A")
            #expect(removed == 1)
            let audit = try await trail(db)
            #expect(audit.map(\.action) == [.create, .create, .create, .update, .update, .delete, .delete, .delete])
            #expect(audit.prefix(5).allSatisfy { $0.actorID == user.id })
            #expect(audit.suffix(3).allSatisfy { $0.actorID == nil })
            let updated = audit[3...4]
            #expect(Set(updated.map(\.entityID)) == Set(rows.prefix(2).map { $0.id.uuidString.lowercased() }))
            #expect(updated.allSatisfy { $0.before?["status"] == "draft" && $0.after?["status"] == "expired" })
            #expect(updated.allSatisfy { $0.after?["title"] == nil })
            let softDeleted = audit[5...6]
            #expect(Set(softDeleted.map(\.entityID)) == Set(rows.suffix(2).map { $0.id.uuidString.lowercased() }))
        }
    }

    @Test func settingAManagedColumnInBulkIsRefused() async throws {
        _ = try await withQuoteMasterDatabase { db in
            await #expect(throws: RepogenError.self) {
                _ = try await db.quotes.updateMany(where: .all, set: [Quote.version.set(99)])
            }
        }
    }

    @Test func twoConcurrentUpdatesOfOneVersionHaveExactlyOneWinner() async throws {
        try await withQuoteMasterDatabase { db in
            let quote = try await newQuote(db, owner: try await makeUser(db))
            let outcomes = try await withThrowingTaskGroup(of: Bool.self) { group in
                for index in 0..<8 {
                    group.addTask {
                        do {
                            _ = try await db.transaction { tx in
                                try await tx.quotes.update(
                                    id: quote.id, expectedVersion: 1, QuotePatch(title: "writer \(index)"))
                            }
                            return true
                        } catch let error as RepogenError where error.kind == .versionConflict {
                            #expect(error.currentVersion == 2)
                            return false
                        }
                    }
                }
                return try await group.reduce(into: [Bool]()) { $0.append($1) }
            }
            #expect(outcomes.filter { $0 }.count == 1)
            #expect(try await db.quotes.find(id: quote.id)?.version == 2)
            #expect(try await trail(db).filter { $0.action == .update }.count == 1)
        }
    }
}

extension JSONValue {
    /// The member `key` of an object, nil for other values or a missing key.
    subscript(key: String) -> JSONValue? {
        guard case .object(let members) = self else { return nil }
        return members[key]
    }
}
