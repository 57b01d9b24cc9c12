import Foundation
import QuoteMaster
import RepogenRuntime
import Testing

/// Columns a client names at run time (`Quote.column(named:)`), and the read-only flag of generated statements.
@Suite struct DynamicColumnTests {
    @Test func hostileAndUnknownNamesGetATypedErrorNamingTheField() throws {
        for name in ["createdAt; DROP TABLE quotes", "\"x\"", "unknown", "", "CreatedAt", "created_at --"] {
            let refused = #expect(throws: RepogenError.self) { try Quote.column(named: name) }
            #expect(refused?.kind == .invalidArgument)
            #expect(refused?.message.contains(name.debugDescription) == true)
        }
        #expect(try Quote.column(named: "createdAt").schemaName == "created_at")
        #expect(try Quote.column(named: "total_amount").field == "totalAmount")
        #expect(Quote.namedColumns.count == Quote.entityTable.columns.count)
    }

    @Test func dynamicSortAndTextFilterRunOnPostgreSQL() async throws {
        try await withQuoteMasterDatabase { db in
            let owner = try await makeUser(db)
            let amounts: [Decimal] = [5, 12, 7, 30, 10, 1]
            _ = try await seedQuotes(db, owner: owner, amounts.map { ("Q\($0)", $0, QuoteStatus.sent) })
            let sort = try Quote.column(named: "totalAmount")
            let atLeast = try Quote.column(named: "total_amount").compare(.greaterOrEqual, text: "10")
            let sent = try Quote.column(named: "status").compare(.equal, text: "sent")
            let found = try await db.quotes.find(where: atLeast && sent, orderBy: [sort.descending], limit: 10)
            #expect(found.map(\.totalAmount) == [30, 12, 10])
            let ascending = try await db.quotes.find(where: .all, orderBy: [sort.ordered(descending: false)])
            #expect(ascending.map(\.totalAmount) == amounts.sorted())
            let noDate = try Quote.column(named: "validUntil").isNull
            #expect(try await db.quotes.count(where: noDate) == amounts.count)
            let typed = try Quote.column(named: "totalAmount").compare(.less, Decimal(6))
            #expect(try await db.quotes.count(where: typed) == 2)
            let garbage = try Quote.column(named: "totalAmount").compare(.equal, text: "1; DROP TABLE quotes")
            let cast = await #expect(throws: RepogenError.self) { try await db.quotes.find(where: garbage) }
            #expect(cast?.sqlState == "22P02")
            #expect(try await db.quotes.count(where: .all) == amounts.count)
        }
    }

    @Test func generatedReadsAreDeclaredReadOnlyAndWritesAreNot() {
        #expect(QuoteRepository.findStatement.isReadOnly)
        #expect(QuoteRepository.findAllStatement.isReadOnly)
        #expect(QuoteRepository.countStatement.isReadOnly)
        #expect(!QuoteRepository.createStatement.isReadOnly)
        #expect(!QuoteRepository.updateStatement.isReadOnly)
        #expect(!QuoteRepository.deleteStatement.isReadOnly)
    }
}
