import Foundation
import QuoteMaster
import RepogenRuntime
import RepogenTesting
import Testing

/// Refused writes name the schema fields: violations the server raises, and limits checked before sending.
@Suite struct ErrorFieldTests {
    /// The error `body` throws; the test fails when it throws none.
    func refusal(_ body: () async throws -> Void) async throws -> RepogenError {
        let error = await #expect(throws: RepogenError.self) { try await body() }
        return try #require(error)
    }

    @Test func uniqueAndForeignKeyViolationsNameTheirFields() async throws {
        try await withQuoteMasterDatabase { db in
            let user = try await makeUser(db)
            let duplicate = try await refusal { _ = try await makeUser(db) }
            #expect(duplicate.kind == .constraintViolation && duplicate.violation == .unique)
            #expect(duplicate.fields == ["email"] && duplicate.constraint == "users_email_key")
            #expect(duplicate.description.contains("(field email)") && !duplicate.description.contains("ada@"))
            let orphan = try await refusal {
                _ = try await db.quotes.create(NewQuote(ownerID: UUID(), title: "t", prompt: "p"))
            }
            #expect(orphan.violation == .foreignKey && orphan.fields == ["ownerID"])
            _ = try await db.quotes.create(NewQuote(ownerID: user.id, title: "t", prompt: "p"))
            let restricted = try await refusal { try await db.users.delete(id: user.id) }
            #expect(restricted.violation == .foreignKey && restricted.fields == ["Quote.ownerID"])
            #expect(restricted.constraint == "quotes_owner_id_fkey")
            let label = try await db.labels.create(NewLabel(name: "urgent"))
            let sameID = try await refusal { _ = try await db.labels.create(NewLabel(name: "other", id: label.id)) }
            #expect(sameID.violation == .unique && sameID.fields == ["id"])
        }
    }

    @Test func bulkUpdatesCheckLimitsFirstAndNameTheFieldsTheServerRefuses() async throws {
        try await withQuoteMasterDatabase { db in
            let user = try await makeUser(db)
            _ = try await db.quotes.create(NewQuote(ownerID: user.id, title: "t", prompt: "p"))
            let everything = Quote.ownerID == user.id
            let sent = db.statementsExecuted
            let longTitle = String(repeating: "x", count: 201)
            let long = try await refusal {
                try await db.quotes.updateMany(where: everything, set: [Quote.title.set(longTitle)])
            }
            #expect(long.kind == .validationFailed && long.violation == .tooLong && long.fields == ["title"])
            let tenDigits = try #require(Decimal(string: "1e10"))
            let huge = try await refusal {
                try await db.quotes.updateMany(where: everything, set: [Quote.totalAmount.set(tenDigits)])
            }
            #expect(huge.violation == .outOfRange && huge.fields == ["totalAmount"])
            #expect(db.statementsExecuted == sent)
            let null = try await refusal {
                try await db.quotes.updateMany(where: everything, set: [Quote.title.set(nil)])
            }
            #expect(null.kind == .constraintViolation && null.violation == .notNull && null.fields == ["title"])
            #expect(try await db.quotes.updateMany(where: everything, set: [Quote.currency.set("EUR")]) == 1)
        }
    }

    @Test func rawSQLViolationsAreNamedThroughTheCatalog() async throws {
        try await withQuoteMasterDatabase { db in
            let user = try await makeUser(db)
            let nullTitle = try await refusal {
                _ = try await db.query("""
                    INSERT INTO quotes (owner_id, title, prompt) VALUES (\(user.id), NULL, 'p')
                    """)
            }
            #expect(nullTitle.violation == .notNull && nullTitle.fields.isEmpty)
            #expect(nullTitle.namingFields(from: Quote.fieldCatalog).fields == ["title"])
            let longCurrency = try await refusal {
                _ = try await db.query("""
                    INSERT INTO quotes (owner_id, title, prompt, currency) VALUES (\(user.id), 't', 'p', \("EURO"))
                    """)
            }
            #expect(longCurrency.violation == .tooLong)
            #expect(longCurrency.namingFields(from: Quote.fieldCatalog).fields == ["currency"])
            let quote = try await db.quotes.create(NewQuote(ownerID: user.id, title: "t", prompt: "p"))
            let tenDigits = try #require(Decimal(string: "1e10"))
            let overflow = try await refusal {
                _ = try await db.query("UPDATE quotes SET total_amount = \(tenDigits)::numeric WHERE id = \(quote.id)")
            }
            #expect(overflow.kind == .constraintViolation && overflow.violation == .outOfRange)
            #expect(overflow.namingFields(from: Quote.fieldCatalog).fields == ["totalAmount"])
        }
    }

    @Test func limitsAreCheckedBeforeAnythingIsSent() async throws {
        try await withQuoteMasterDatabase { db in
            let user = try await makeUser(db)
            let quote = try await db.quotes.create(NewQuote(ownerID: user.id, title: "t", prompt: "p"))
            let sent = db.statementsExecuted
            let refusals: [(ConstraintViolation, String, () async throws -> Void)] = [
                (.tooLong, "title", {
                    let title = String(repeating: "é", count: 201)
                    _ = try await db.quotes.create(NewQuote(ownerID: user.id, title: title, prompt: "p"))
                }),
                (.tooLong, "currency", { _ = try await db.quotes.update(id: quote.id, QuotePatch(currency: "EURO")) }),
                (.outOfRange, "totalAmount", {
                    _ = try await db.quotes.update(id: quote.id, QuotePatch(totalAmount: Decimal(string: "1e10")))
                }),
                (.tooManyFractionalDigits, "totalAmount", {
                    let amount = QuotePatch(totalAmount: Decimal(string: "1.005"))
                    _ = try await db.quotes.update(id: quote.id, expectedVersion: quote.version, amount)
                }),
                (.tooLong, "email", {
                    _ = try await db.users.createMany([
                        NewUser(email: "ok@example.com", displayName: "Ok"),
                        NewUser(email: String(repeating: "a", count: 321), displayName: "Long"),
                    ])
                }),
                (.tooLong, "name", {
                    _ = try await db.labels.upsertByName(NewLabel(name: String(repeating: "l", count: 65)))
                }),
            ]
            for (violation, field, write) in refusals {
                let error = try await refusal(write)
                #expect(error.kind == .validationFailed && error.violation == violation && error.fields == [field])
                #expect(error.sqlState == nil && error.description.contains(field))
            }
            #expect(db.statementsExecuted == sent)
            let fits = String(repeating: "é", count: 200)  // 200 characters, 400 UTF-8 bytes
            #expect(try await db.quotes.update(id: quote.id, QuotePatch(title: fits)).title == fits)
        }
    }
}
