import Foundation
import QuoteMaster
import RepogenRuntime
import Testing

/// Offset and keyset pagination, streaming and row locks on real PostgreSQL.
@Suite struct PaginationTests {
    /// 25 quotes with amounts 1...25 (so amount order is insertion order), some sharing an amount via `status`.
    func seed(_ db: Database) async throws -> (User, [Quote]) {
        let user = try await makeUser(db)
        let rows = try await seedQuotes(db, owner: user, (1...25).map { ("Q\($0)", Decimal($0 / 2), QuoteStatus.sent) })
        return (user, rows)
    }

    @Test func offsetPagesCarryTotalsAndNeighbours() async throws {
        try await withQuoteMasterDatabase { db in
            _ = try await seed(db)
            let order = [Quote.totalAmount.ascending]
            let first = try await db.quotes.page(where: .all, orderBy: order, page: .first(10))
            #expect(first.items.count == 10 && first.totalCount == 25 && first.hasNext && !first.hasPrevious)
            let last = try await db.quotes.page(where: .all, orderBy: order, page: PageRequest(limit: 10, offset: 20))
            #expect(last.items.count == 5 && last.totalCount == 25 && !last.hasNext && last.hasPrevious)
            let filtered = try await db.quotes.page(where: Quote.totalAmount >= 10, page: .first(100))
            #expect(filtered.totalCount == 6 && !filtered.hasNext)
        }
    }

    @Test func keysetPagesVisitEveryRowOnceDespiteTies() async throws {
        try await withQuoteMasterDatabase { db in
            let (_, rows) = try await seed(db)
            for order in [[Quote.totalAmount.descending], [Quote.totalAmount.ascending], []] {
                var seen: [UUID] = []
                var cursor: Cursor?
                repeat {
                    let page = try await db.quotes.page(where: .all, orderBy: order, after: cursor, limit: 7)
                    seen += page.items.map(\.id)
                    cursor = page.nextCursor
                } while cursor != nil
                #expect(seen.count == 25 && Set(seen) == Set(rows.map(\.id)))
            }
        }
    }

    @Test func aCursorOfAnotherOrderingIsRefused() async throws {
        try await withQuoteMasterDatabase { db in
            _ = try await seed(db)
            let page = try await db.quotes.page(
                where: .all, orderBy: [Quote.totalAmount.ascending], after: nil, limit: 5)
            let cursor = try #require(page.nextCursor)
            await #expect(throws: RepogenError.self) {
                _ = try await db.quotes.page(where: .all, orderBy: [Quote.title.ascending], after: cursor, limit: 5)
            }
            await #expect(throws: RepogenError.self) {
                _ = try await db.quotes.page(where: .all, after: Cursor(token: "garbage'--"), limit: 5)
            }
        }
    }

    @Test func streamingDeliversEveryRowInBatches() async throws {
        try await withQuoteMasterDatabase { db in
            let (_, rows) = try await seed(db)
            let before = db.statementsExecuted
            var streamed: [UUID] = []
            let stream = db.quotes.stream(where: .all, orderBy: [Quote.totalAmount.ascending], batchSize: 10)
            for try await quote in stream {
                streamed.append(quote.id)
            }
            #expect(streamed.count == 25 && Set(streamed) == Set(rows.map(\.id)))
            #expect(db.statementsExecuted - before == 3)
        }
    }

    @Test func rowLocksNeedATransactionAndBlockOtherWriters() async throws {
        try await withQuoteMasterDatabase { db in
            let (_, rows) = try await seed(db)
            await #expect(throws: RepogenError.self) {
                _ = try await db.quotes.find(where: .all, lock: .forUpdate)
            }
            try await db.transaction { tx in
                let locked = try await tx.quotes.find(where: Quote.id == rows[0].id, lock: .forUpdate)
                #expect(locked.count == 1)
                let shared = try await tx.quotes.find(where: Quote.id == rows[1].id, lock: .forShare)
                #expect(shared.count == 1)
                let skipped = try await db.transaction { other in
                    try await other.quotes.find(
                        where: Quote.id.in([rows[0].id, rows[2].id]), lock: .forUpdateSkipLocked)
                }
                #expect(skipped.map(\.id) == [rows[2].id])
            }
        }
    }
}
