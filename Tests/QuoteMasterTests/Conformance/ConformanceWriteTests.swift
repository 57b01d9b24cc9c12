import Foundation
import QuoteMaster
import RepogenRuntime
import Testing

/// Writes on both backends: defaults and keys, patches, optimistic locking, soft delete, constraint errors.
@Suite struct ConformanceWriteTests {
    @Test(arguments: Backend.allCases)
    func createFillsDefaultsKeysAndTimestamps(_ backend: Backend) async throws {
        try await backend.run { repos in
            let user = try await Seed.user(repos)
            #expect(user.role == .member && user.createdAt == user.updatedAt)
            let quote = try await Seed.quote(repos, user, "Roof")
            #expect(quote.status == .draft && quote.totalAmount == 0 && quote.currency == "USD")
            #expect(quote.metadata == .object([:]) && quote.version == 1 && quote.deletedAt == nil)
            #expect(quote.createdAt == quote.updatedAt && quote.validUntil == nil && quote.content == nil)
            let given = UUID()
            let keyed = try await repos.quotes.create(NewQuote(ownerID: user.id, title: "K", prompt: "p", id: given))
            #expect(keyed.id == given)
            let first = try await repos.analyticsEvents.create(NewAnalyticsEvent(userID: user.id, kind: "a"))
            let second = try await repos.analyticsEvents.create(NewAnalyticsEvent(userID: user.id, kind: "b"))
            #expect(second.id == first.id + 1 && first.properties == .object([:]))
            #expect(try await repos.quotes.find(id: quote.id) == quote)
            #expect(try await repos.users.findAll(limit: 10, offset: 0) == [user])
        }
    }

    @Test(arguments: Backend.allCases)
    func createManyIsAllOrNothing(_ backend: Backend) async throws {
        try await backend.run { repos in
            let inputs = ["a", "b", "a"].map { NewUser(email: "\($0)@example.com", displayName: $0) }
            let error = await repogenError { _ = try await repos.users.createMany(inputs) }
            #expect(ErrorShape(error) == ErrorShape(
                .constraintViolation, .unique, sqlState: "23505", constraint: "users_email_key", fields: ["email"]))
            #expect(try await repos.users.count() == 0)
            let made = try await repos.users.createMany(Array(inputs.prefix(2)))
            #expect(made.map(\.email) == ["a@example.com", "b@example.com"])
            #expect(try await repos.users.createMany([]).isEmpty)
        }
    }

    @Test(arguments: Backend.allCases)
    func patchesWriteOnlyWhatIsSet(_ backend: Backend) async throws {
        try await backend.run { repos in
            let user = try await Seed.user(repos)
            let day = CalendarDate(year: 2026, month: 1, day: 31)
            let quote = try await Seed.quote(repos, user, "Roof", validUntil: day)
            let retitled = try await repos.quotes.update(id: quote.id, QuotePatch(title: "Roof 2"))
            #expect(retitled.title == "Roof 2" && retitled.validUntil == day && retitled.version == 2)
            #expect(retitled.updatedAt >= quote.updatedAt && retitled.createdAt == quote.createdAt)
            let cleared = try await repos.quotes.update(id: quote.id, QuotePatch(validUntil: .some(nil)))
            #expect(cleared.validUntil == nil && cleared.title == "Roof 2" && cleared.version == 3)
            let missing = await repogenError { _ = try await repos.quotes.update(id: UUID(), QuotePatch(title: "x")) }
            #expect(missing?.kind == .notFound)
            let tooLong = await repogenError {
                _ = try await repos.quotes.update(id: quote.id, QuotePatch(title: String(repeating: "x", count: 201)))
            }
            #expect(tooLong?.kind == .validationFailed && tooLong?.fields == ["title"])
        }
    }

    @Test(arguments: Backend.allCases)
    func optimisticLockingReportsTheCurrentVersion(_ backend: Backend) async throws {
        try await backend.run { repos in
            let quote = try await Seed.quote(repos, try await Seed.user(repos), "Roof")
            let moved = try await repos.quotes.update(id: quote.id, expectedVersion: 1, QuotePatch(title: "B"))
            #expect(moved.version == 2)
            let stale = await repogenError {
                _ = try await repos.quotes.update(id: quote.id, expectedVersion: 1, QuotePatch(title: "C"))
            }
            #expect(stale?.kind == .versionConflict && stale?.currentVersion == 2)
            let staleSet = await repogenError {
                _ = try await repos.quotes.update(id: quote.id, expectedVersion: 1, set: [Quote.title.set("D")])
            }
            #expect(staleSet?.kind == .versionConflict && staleSet?.currentVersion == 2)
            let set = try await repos.quotes.update(id: quote.id, expectedVersion: 2, set: [Quote.title.set("E")])
            #expect(set.title == "E" && set.version == 3)
            let gone = await repogenError {
                _ = try await repos.quotes.update(id: UUID(), expectedVersion: 1, QuotePatch(title: "F"))
            }
            #expect(gone?.kind == .notFound)
        }
    }

    @Test(arguments: Backend.allCases)
    func softDeleteHidesAndRestoreBringsBack(_ backend: Backend) async throws {
        try await backend.run { repos in
            let user = try await Seed.user(repos)
            let quote = try await Seed.quote(repos, user, "Roof")
            let other = try await Seed.quote(repos, user, "Wall")
            #expect(try await repos.quotes.delete(id: quote.id))
            #expect(try await !repos.quotes.delete(id: quote.id))
            #expect(try await repos.quotes.find(id: quote.id) == nil)
            let deleted = try #require(try await repos.quotes.find(id: quote.id, includeDeleted: true))
            #expect(deleted.deletedAt != nil && deleted.version == 2)
            #expect(try await repos.quotes.count() == 1)
            #expect(try await repos.quotes.count(includeDeleted: true) == 2)
            #expect(try await repos.quotes.find(where: .all, onlyDeleted: true).map(\.id) == [quote.id])
            #expect(try await !repos.quotes.exists(id: quote.id))
            #expect(try await repos.quotes.exists(id: quote.id, includeDeleted: true))
            let patchDeleted = await repogenError { _ = try await repos.quotes.update(id: quote.id, QuotePatch(title: "x")) }
            #expect(patchDeleted?.kind == .notFound)
            #expect(try await repos.quotes.restore(id: quote.id))
            #expect(try await !repos.quotes.restore(id: quote.id))
            #expect(try await repos.quotes.find(id: quote.id)?.deletedAt == nil)
            #expect(try await repos.quotes.deleteMany(where: Quote.title == "Wall") == 1)
            #expect(try await repos.quotes.hardDelete(id: other.id))
            #expect(try await repos.quotes.count(includeDeleted: true) == 1)
        }
    }

    @Test(arguments: Backend.allCases)
    func constraintErrorsNameTheirFields(_ backend: Backend) async throws {
        try await backend.run { repos in
            let user = try await Seed.user(repos)
            let duplicate = await repogenError { _ = try await Seed.user(repos) }
            #expect(ErrorShape(duplicate) == ErrorShape(
                .constraintViolation, .unique, sqlState: "23505", constraint: "users_email_key", fields: ["email"]))
            let orphan = await repogenError {
                _ = try await repos.quotes.create(NewQuote(ownerID: UUID(), title: "t", prompt: "p"))
            }
            #expect(ErrorShape(orphan) == ErrorShape(
                .constraintViolation, .foreignKey, sqlState: "23503", constraint: "quotes_owner_id_fkey",
                fields: ["ownerID"]))
            let quote = try await Seed.quote(repos, user, "Roof")
            let label = try await repos.labels.create(NewLabel(name: "urgent"))
            _ = try await repos.quoteLabels.create(NewQuoteLabel(quoteID: quote.id, labelID: label.id))
            let twice = await repogenError {
                _ = try await repos.quoteLabels.create(NewQuoteLabel(quoteID: quote.id, labelID: label.id))
            }
            #expect(twice?.violation == .unique && twice?.fields == ["quoteID", "labelID"])
            let restricted = await repogenError { _ = try await repos.users.delete(id: user.id) }
            #expect(ErrorShape(restricted) == ErrorShape(
                .constraintViolation, .foreignKey, sqlState: "23503", constraint: "quotes_owner_id_fkey",
                fields: ["Quote.ownerID"]))
            let reassigned = await repogenError {
                _ = try await repos.quotes.update(id: quote.id, QuotePatch(ownerID: UUID()))
            }
            #expect(reassigned?.violation == .foreignKey && reassigned?.fields == ["ownerID"])
        }
    }

    @Test(arguments: Backend.allCases)
    func deletesCascadeAndSetNull(_ backend: Backend) async throws {
        try await backend.run { repos in
            let user = try await Seed.user(repos)
            let quote = try await Seed.quote(repos, user, "Roof")
            let label = try await repos.labels.create(NewLabel(name: "urgent"))
            _ = try await repos.quoteLabels.create(NewQuoteLabel(quoteID: quote.id, labelID: label.id))
            let event = try await repos.analyticsEvents.create(
                NewAnalyticsEvent(userID: user.id, kind: "viewed", quoteID: quote.id))
            #expect(try await repos.quotes.hardDelete(id: quote.id))
            #expect(try await repos.quoteLabels.count() == 0)
            #expect(try await repos.analyticsEvents.find(id: event.id)?.quoteID == nil)
            #expect(try await repos.users.delete(id: user.id))
            #expect(try await repos.analyticsEvents.count() == 0)
            #expect(try await repos.labels.hardDeleteMany(where: .all) == 1)
        }
    }

    @Test(arguments: Backend.allCases)
    func bulkAssignmentsComputeLikeTheServer(_ backend: Backend) async throws {
        try await backend.run { repos in
            let user = try await Seed.user(repos)
            let quote = try await Seed.quote(repos, user, "Roof", total: Decimal(string: "10.05"))
            _ = try await Seed.quote(repos, user, "Wall", total: 20)
            let raised = try await repos.quotes.update(id: quote.id, set: [Quote.totalAmount.multiply(by: Decimal(string: "1.15")!)])
            #expect(raised.totalAmount == Decimal(string: "11.56") && raised.version == 2)
            #expect(try await repos.quotes.updateMany(where: .all, set: [Quote.totalAmount.increment(by: 1)]) == 2)
            let totals = try await repos.quotes.find(where: .all, orderBy: [Quote.totalAmount.ascending]).map(\.totalAmount)
            #expect(totals == [Decimal(string: "12.56")!, 21])
            let overflow = await repogenError {
                _ = try await repos.quotes.updateMany(where: .all, set: [Quote.totalAmount.multiply(by: 10_000_000_000)])
            }
            #expect(overflow?.violation == .outOfRange && overflow?.fields == ["totalAmount"])
            let copied = try await repos.quotes.updateManyReturning(
                where: Quote.title == "Wall", set: [Quote.content.set(nil), Quote.title.set("Wall 2")])
            #expect(copied.map(\.title) == ["Wall 2"] && copied.first?.content == nil)
            let fixed = await repogenError { _ = try await repos.quotes.updateMany(where: .all, set: [Quote.version.set(9)]) }
            #expect(fixed?.kind == .invalidConfiguration)
            #expect(try await repos.quotes.updateMany(where: .all, set: []) == 0)
        }
    }
}
