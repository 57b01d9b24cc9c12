import Foundation
import QuoteMaster
import RepogenRuntime
import Testing

/// Every generated repository method, against a real PostgreSQL database.
@Suite struct RepositoryTests {
    @Test func createFillsDefaultsAndFindReadsItBack() async throws {
        try await withQuoteMasterDatabase { db in
            let user = try await makeUser(db)
            #expect(user.role == .member)
            let quote = try await db.quotes.create(NewQuote(ownerID: user.id, title: "Roof", prompt: "Quote a roof"))
            #expect(quote.status == .draft)
            #expect(quote.totalAmount == 0)
            #expect(quote.currency == "USD")
            #expect(quote.metadata == [:])
            #expect(quote.aiProvider == nil && quote.content == nil && quote.validUntil == nil)
            #expect(try await db.quotes.find(id: quote.id) == quote)
            #expect(try await db.quotes.find(id: UUID()) == nil)
        }
    }

    @Test func everyFieldTypeRoundTrips() async throws {
        try await withQuoteMasterDatabase { db in
            let user = try await makeUser(db)
            let input = NewQuote(
                ownerID: user.id, title: "Ünïcødé ✓ 'quoted' -- ; \\",
                prompt: String(repeating: "p", count: 10_000),
                id: UUID(), status: .accepted, totalAmount: Decimal(string: "9999999999.99")!, currency: "EUR",
                aiProvider: .anthropic, content: "", metadata: ["nested": ["list": [1, 2.5, true, nil, "x"]]],
                validUntil: CalendarDate(year: 1999, month: 12, day: 31)
            )
            let quote = try await db.quotes.create(input)
            #expect(quote.id == input.id)
            #expect(quote.title == input.title && quote.prompt == input.prompt && quote.content == "")
            #expect(quote.totalAmount == input.totalAmount)
            #expect(quote.metadata == input.metadata)
            #expect(quote.validUntil == input.validUntil)
            #expect(quote.createdAt == quote.updatedAt && quote.version == 1 && quote.deletedAt == nil)
            let event = try await db.analyticsEvents.create(NewAnalyticsEvent(
                userID: user.id, kind: "k", occurredAt: Date(timeIntervalSince1970: 1_000_000_000.123456)
            ))
            #expect(abs(event.occurredAt.timeIntervalSince1970 - 1_000_000_000.123456) < 0.000_001)
            #expect(try await db.quotes.find(id: quote.id) == quote)
        }
    }

    @Test func identityKeysAndOptionalReferences() async throws {
        try await withQuoteMasterDatabase { db in
            let user = try await makeUser(db)
            let first = try await db.analyticsEvents.create(NewAnalyticsEvent(userID: user.id, kind: "login"))
            let second = try await db.analyticsEvents.create(NewAnalyticsEvent(userID: user.id, kind: "logout"))
            #expect(second.id == first.id + 1)
            #expect(first.quoteID == nil)
            let entry = try await db.auditEntries.create(
                NewAuditEntry(action: .create, entity: "User", entityID: user.id.uuidString, after: ["email": "x"])
            )
            #expect(entry.actorID == nil && entry.before == nil && entry.after == ["email": "x"])
        }
    }

    @Test func createManyInsertsEveryRowInOneStatement() async throws {
        try await withQuoteMasterDatabase { db in
            let user = try await makeUser(db)
            let inputs = (1...250).map { index in
                NewQuote(ownerID: user.id, title: "Quote \(index)", prompt: "p",
                         status: index.isMultiple(of: 2) ? .sent : nil, totalAmount: Decimal(index) / 4,
                         aiProvider: index.isMultiple(of: 3) ? .openai : nil)
            }
            let before = db.statementsExecuted
            let quotes = try await db.quotes.createMany(inputs)
            #expect(db.statementsExecuted - before == 1)
            #expect(quotes.count == 250)
            #expect(Set(quotes.map(\.title)) == Set(inputs.map(\.title)))
            #expect(quotes.filter { $0.status == .sent }.count == 125)
            #expect(quotes.filter { $0.status == .draft }.count == 125)
            #expect(quotes.first { $0.title == "Quote 3" }?.totalAmount == Decimal(string: "0.75"))
            #expect(quotes.filter { $0.aiProvider == .openai }.count == 83)
            #expect(try await db.quotes.count() == 250)
            #expect(try await db.quotes.createMany([]) == [])
        }
    }

    @Test func updateWritesOnlyThePatchedColumns() async throws {
        try await withQuoteMasterDatabase { db in
            let user = try await makeUser(db)
            let quote = try await db.quotes.create(
                NewQuote(ownerID: user.id, title: "Before", prompt: "p", content: "keep",
                         validUntil: .init(year: 2030, month: 1, day: 1))
            )
            let renamed = try await db.quotes.update(id: quote.id, QuotePatch(title: "After", status: .sent))
            #expect(renamed.title == "After" && renamed.status == .sent)
            #expect(renamed.content == "keep" && renamed.prompt == "p" && renamed.validUntil == quote.validUntil)
            let cleared = try await db.quotes.update(id: quote.id, QuotePatch(content: .some(nil)))
            #expect(cleared.content == nil && cleared.title == "After")
            let touched = try await db.quotes.update(id: quote.id, QuotePatch())
            #expect(touched.version == cleared.version + 1 && touched.updatedAt >= cleared.updatedAt)
            var sameColumns = touched
            sameColumns.version = cleared.version
            sameColumns.updatedAt = cleared.updatedAt
            #expect(sameColumns == cleared)
            await #expect(throws: RepogenError.self) {
                _ = try await db.quotes.update(id: UUID(), QuotePatch(title: "x"))
            }
        }
    }

    @Test func deleteCountExistsAndFindAllPaging() async throws {
        try await withQuoteMasterDatabase { db in
            let users = try await db.users.createMany(
                (0..<7).map { NewUser(email: "u\($0)@example.com", displayName: "U\($0)") }
            )
            #expect(try await db.users.count() == 7)
            let page1 = try await db.users.findAll(limit: 3)
            let page3 = try await db.users.findAll(limit: 3, offset: 6)
            #expect(page1.count == 3 && page3.count == 1)
            let byKey = users.map(\.id).sorted { $0.uuidString < $1.uuidString }
            #expect(page1.map(\.id) == Array(byKey.prefix(3)))
            #expect(page3.map(\.id) == [byKey[6]])
            let victim = users[0]
            #expect(try await db.users.exists(id: victim.id))
            #expect(try await db.users.delete(id: victim.id))
            #expect(try await !db.users.exists(id: victim.id))
            #expect(try await !db.users.delete(id: victim.id))
            #expect(try await db.users.count() == 6)
        }
    }

    @Test func constraintViolationsAreTypedErrorsWithSQLState() async throws {
        try await withQuoteMasterDatabase { db in
            let user = try await makeUser(db)
            let duplicate = await #expect(throws: RepogenError.self) {
                _ = try await db.users.create(NewUser(email: user.email, displayName: "Twin"))
            }
            #expect(duplicate?.sqlState == "23505")
            #expect(duplicate?.constraint == "users_email_key")
            #expect(duplicate?.description.contains(user.email) == false)
            let orphan = await #expect(throws: RepogenError.self) {
                _ = try await db.quotes.create(NewQuote(ownerID: UUID(), title: "t", prompt: "p"))
            }
            #expect(orphan?.sqlState == "23503")
            let tooLong = await #expect(throws: RepogenError.self) {
                let title = String(repeating: "x", count: 201)
                _ = try await db.quotes.create(NewQuote(ownerID: user.id, title: title, prompt: "p"))
            }
            #expect(tooLong?.kind == .validationFailed && tooLong?.violation == .tooLong)  // refused before sending
            _ = try await db.quotes.create(NewQuote(ownerID: user.id, title: "t", prompt: "p"))
            let restricted = await #expect(throws: RepogenError.self) { _ = try await db.users.delete(id: user.id) }
            #expect(restricted?.sqlState == "23503")
        }
    }
}
