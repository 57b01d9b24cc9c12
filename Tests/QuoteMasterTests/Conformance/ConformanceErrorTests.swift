import Foundation
import QuoteMaster
import RepogenRuntime
import Testing

/// What every by-key write of every entity answers when its row is missing or soft-deleted, when its key is held by
/// a deleted row, or when it is refused before it is sent, on both backends: the same typed error naming the same
/// entity or fields, or the same `false`; nothing written, and a transaction around it still open.
@Suite struct ConformanceErrorTests {
    /// A write that must fail with `notFound` for `entity`.
    typealias Write = (entity: String, run: () async throws -> Void)

    /// Each of `writes` throws `notFound` with its entity's message.
    static func expectNotFound(_ writes: [Write], sourceLocation: SourceLocation = #_sourceLocation) async {
        for (index, write) in writes.enumerated() {
            let error = await repogenError(sourceLocation: sourceLocation) { try await write.run() }
            #expect(ErrorShape(error) == ErrorShape(.notFound), "write \(index)", sourceLocation: sourceLocation)
            #expect(error?.message == "\(write.entity) not found", "write \(index)", sourceLocation: sourceLocation)
        }
    }

    /// One row of each entity with a by-key write: a user, their quote, a label, and the link between the two.
    static func oneOfEach(
        _ repos: some QuoteMasterRepositoriesProtocol
    ) async throws -> (User, Quote, Label, QuoteLabel) {
        let user = try await Seed.user(repos)
        let quote = try await Seed.quote(repos, user, "Roof")
        let label = try await Seed.label(repos, "vip")
        return (user, quote, label, try await Seed.link(repos, quote, label))
    }

    @Test(arguments: Backend.allCases)
    func writesToAMissingKeyAreNotFound(_ backend: Backend) async throws {
        try await backend.run { repos in
            let (user, quote, label, link) = try await Self.oneOfEach(repos)
            let missing = UUID()
            await Self.expectNotFound([
                ("User", { _ = try await repos.users.update(id: missing, UserPatch(displayName: "x")) }),
                ("User", { _ = try await repos.users.update(id: missing, UserPatch()) }),
                ("User", { _ = try await repos.users.update(id: missing, set: [User.displayName.set("x")]) }),
                ("Quote", { _ = try await repos.quotes.update(id: missing, QuotePatch()) }),
                ("Quote", { _ = try await repos.quotes.update(id: missing, set: [Quote.title.set("x")]) }),
                ("Quote", { _ = try await repos.quotes.update(id: missing, expectedVersion: 1, set: [Quote.title.set("x")]) }),
                ("Label", { _ = try await repos.labels.update(id: missing, LabelPatch(name: "x")) }),
                ("Label", { _ = try await repos.labels.update(id: missing, LabelPatch()) }),
                ("Label", { _ = try await repos.labels.update(id: missing, set: [Label.name.set("x")]) }),
                ("QuoteLabel", { _ = try await repos.quoteLabels.update(id: missing, QuoteLabelPatch(labelID: label.id)) }),
                ("QuoteLabel", { _ = try await repos.quoteLabels.update(id: missing, set: [QuoteLabel.labelID.set(label.id)]) }),
            ])
            for deleted in [
                try await repos.users.delete(id: missing), try await repos.labels.delete(id: missing),
                try await repos.quoteLabels.delete(id: missing), try await repos.quotes.delete(id: missing),
                try await repos.quotes.restore(id: missing), try await repos.quotes.hardDelete(id: missing),
            ] {
                #expect(!deleted)
            }
            #expect(try await repos.users.findAll() == [user])
            #expect(try await repos.quotes.findAll() == [quote])
            #expect(try await repos.labels.findAll() == [label])
            #expect(try await repos.quoteLabels.findAll() == [link])
        }
    }

    @Test(arguments: Backend.allCases)
    func writesToASoftDeletedRowAreNotFound(_ backend: Backend) async throws {
        try await backend.run { repos in
            let quote = try await Seed.quote(repos, try await Seed.user(repos), "Roof")
            #expect(try await repos.quotes.delete(id: quote.id))
            let deleted = try #require(try await repos.quotes.find(id: quote.id, includeDeleted: true))
            await Self.expectNotFound([
                ("Quote", { _ = try await repos.quotes.update(id: quote.id, set: [Quote.title.set("x")]) }),
                ("Quote", { _ = try await repos.quotes.update(id: quote.id, expectedVersion: deleted.version, QuotePatch()) }),
                ("Quote", {
                    _ = try await repos.quotes.update(id: quote.id, expectedVersion: deleted.version, set: [Quote.title.set("x")])
                }),
            ])
            #expect(try await repos.quotes.updateMany(where: Quote.id == quote.id, set: [Quote.title.set("x")]) == 0)
            #expect(try await repos.quotes.updateManyReturning(where: .all, set: [Quote.title.set("x")]).isEmpty)
            #expect(try await !repos.quotes.delete(id: quote.id))
            #expect(try await repos.quotes.find(id: quote.id, includeDeleted: true) == deleted)
        }
    }

    @Test(arguments: Backend.allCases)
    func softDeletedRowsStillHoldTheirKeys(_ backend: Backend) async throws {
        try await backend.run { repos in
            let user = try await Seed.user(repos)
            let quote = try await Seed.quote(repos, user, "Roof")
            #expect(try await repos.quotes.delete(id: quote.id))
            let restricted = await repogenError { _ = try await repos.users.delete(id: user.id) }
            #expect(ErrorShape(restricted) == ErrorShape(
                .constraintViolation, .foreignKey, sqlState: "23503", constraint: "quotes_owner_id_fkey",
                fields: ["Quote.ownerID"]))
            let pkey = ErrorShape(.constraintViolation, .unique, sqlState: "23505", constraint: "quotes_pkey", fields: ["id"])
            let reused = await repogenError {
                _ = try await repos.quotes.create(NewQuote(ownerID: user.id, title: "x", prompt: "p", id: quote.id))
            }
            #expect(ErrorShape(reused) == pkey)
            let twice = UUID()
            let doubled = await repogenError {
                _ = try await repos.quotes.createMany([
                    NewQuote(ownerID: user.id, title: "a", prompt: "p", id: twice),
                    NewQuote(ownerID: user.id, title: "b", prompt: "p", id: twice),
                ])
            }
            #expect(ErrorShape(doubled) == pkey)
            #expect(try await repos.quotes.count(includeDeleted: true) == 1)
            #expect(try await repos.quotes.hardDelete(id: quote.id))
            #expect(try await repos.users.delete(id: user.id))
        }
    }

    @Test(arguments: Backend.allCases)
    func refusalsWithoutAStatementErrorLeaveATransactionOpen(_ backend: Backend) async throws {
        try await backend.run { repos in try await Self.refusalsLeaveATransactionOpen(repos) }
    }

    /// notFound, versionConflict, upsertKeyHeld and validation refusals are not server errors: the transaction
    /// they happen in goes on and commits.
    static func refusalsLeaveATransactionOpen<R: QuoteMasterRepositoriesProtocol>(_ repos: R) async throws {
        let user = try await Seed.user(repos)
        let titles = try await repos.transaction { tx in
            let quote = try await Seed.quote(tx, user, "Roof")
            let gone = try await Seed.quote(tx, user, "Gone")
            _ = try await tx.quotes.delete(id: gone.id)
            let refusals: [(RepogenError.Kind, () async throws -> Void)] = [
                (.notFound, { _ = try await tx.quotes.update(id: UUID(), QuotePatch(title: "x")) }),
                (.versionConflict, { _ = try await tx.quotes.update(id: quote.id, expectedVersion: 7, QuotePatch()) }),
                (.constraintViolation, {
                    _ = try await tx.quotes.upsert(NewQuote(ownerID: user.id, title: "x", prompt: "p", id: gone.id))
                }),
                (.validationFailed, { _ = try await tx.labels.create(NewLabel(name: String(repeating: "x", count: 65))) }),
                (.invalidArgument, { _ = try await tx.quotes.update(id: quote.id, set: []) }),
            ]
            for (kind, refusal) in refusals {
                #expect(await repogenError { try await refusal() }?.kind == kind)
            }
            _ = try await tx.quotes.update(id: quote.id, QuotePatch(title: "Roof 2"))
            return try await tx.quotes.find(where: .all, orderBy: [Quote.title.ascending]).map(\.title)
        }
        #expect(titles == ["Roof 2"])
        #expect(try await repos.quotes.find(where: .all, includeDeleted: true).map(\.title).sorted() == ["Gone", "Roof 2"])
    }

    @Test(arguments: Backend.allCases)
    func anAssignmentByKeyNeedsAnAssignment(_ backend: Backend) async throws {
        try await backend.run { repos in
            let (user, quote, label, link) = try await Self.oneOfEach(repos)
            let writes: [() async throws -> Void] = [
                { _ = try await repos.users.update(id: user.id, set: []) },
                { _ = try await repos.quotes.update(id: quote.id, set: []) },
                { _ = try await repos.quotes.update(id: quote.id, expectedVersion: 1, set: []) },
                { _ = try await repos.labels.update(id: label.id, set: []) },
                { _ = try await repos.quoteLabels.update(id: link.id, set: []) },
                { _ = try await repos.users.update(id: UUID(), set: []) },
            ]
            for (index, write) in writes.enumerated() {
                #expect(ErrorShape(await repogenError { try await write() }) == ErrorShape(.invalidArgument), "\(index)")
            }
            #expect(try await repos.users.find(id: user.id) == user)
            #expect(try await repos.quotes.find(id: quote.id) == quote)
        }
    }

    @Test(arguments: Backend.allCases)
    func rejectedValuesWriteNothing(_ backend: Backend) async throws {
        try await backend.run { repos in
            let user = try await Seed.user(repos)
            let long = { (count: Int) in String(repeating: "x", count: count) }
            let checks: [(ErrorShape, () async throws -> Void)] = [
                (ErrorShape(.validationFailed, .tooLong, fields: ["displayName"]),
                 { _ = try await repos.users.update(id: user.id, UserPatch(displayName: long(121))) }),
                (ErrorShape(.validationFailed, .tooLong, fields: ["email"]),
                 { _ = try await repos.users.createMany([NewUser(email: long(321), displayName: "x")]) }),
                (ErrorShape(.validationFailed, .tooLong, fields: ["name"]),
                 { _ = try await repos.labels.upsert(NewLabel(name: long(65))) }),
                (ErrorShape(.validationFailed, .tooLong, fields: ["kind"]),
                 { _ = try await repos.analyticsEvents.createMany([NewAnalyticsEvent(userID: user.id, kind: long(65))]) }),
                (ErrorShape(.validationFailed, .tooManyFractionalDigits, fields: ["totalAmount"]), {
                    let input = NewQuote(ownerID: user.id, title: "t", prompt: "p", totalAmount: Decimal(string: "0.001"))
                    _ = try await repos.quotes.upsert(input)
                }),
            ]
            for (index, (shape, write)) in checks.enumerated() {
                #expect(ErrorShape(await repogenError { try await write() }) == shape, "check \(index)")
            }
            #expect(try await repos.users.findAll() == [user])
            #expect(try await repos.labels.count() == 0)
            #expect(try await repos.quotes.count(includeDeleted: true) == 0)
        }
    }
}
