import Foundation
import QuoteMaster
import RepogenRuntime
import Testing

/// `aggregate` on both backends: every aggregate and its Swift type, NULLs, empty inputs, soft-deleted rows, the
/// numeric scale of `avg`, groups with NULL keys, `having:`, ordering (also on unselected aggregates) and paging.
@Suite struct ConformanceAggregateTests {
    /// Ada's quotes "Zeta" (1, sent), "alpha" (2, accepted, content), "Émile" (2, draft, valid until June) and a
    /// soft-deleted "gone" (100); Bob's "bob" (10.5, accepted, valid until June, openai).
    static func seed(_ repos: some QuoteMasterRepositoriesProtocol) async throws -> (ada: User, bob: User) {
        let ada = try await Seed.user(repos, "ada")
        let bob = try await Seed.user(repos, "bob")
        let june = CalendarDate(year: 2026, month: 6, day: 1)
        _ = try await Seed.quote(repos, ada, "Zeta", status: .sent, total: 1)
        let alpha = try await Seed.quote(repos, ada, "alpha", status: .accepted, total: 2)
        _ = try await repos.quotes.update(id: alpha.id, QuotePatch(content: "text"))
        _ = try await Seed.quote(repos, ada, "\u{c9}mile", total: 2, validUntil: june)
        let gone = try await Seed.quote(repos, ada, "gone", status: .rejected, total: 100)
        #expect(try await repos.quotes.delete(id: gone.id))
        let bobs = try await Seed.quote(repos, bob, "bob", status: .accepted, total: 10.5, validUntil: june)
        _ = try await repos.quotes.update(id: bobs.id, QuotePatch(aiProvider: .openai))
        return (ada, bob)
    }

    @Test(arguments: Backend.allCases)
    func everyAggregateHasItsTypedValue(_ backend: Backend) async throws {
        try await backend.run { repos in
            let (ada, _) = try await Self.seed(repos)
            let quotes = repos.quotes
            #expect(try await quotes.aggregate(Quote.totalAmount.sum) == Decimal(string: "15.5"))
            #expect(try await quotes.aggregate(Quote.totalAmount.sum, includeDeleted: true) == Decimal(string: "115.5"))
            #expect(try await quotes.aggregate(Quote.totalAmount.sum, onlyDeleted: true) == 100)
            let mean = try await quotes.aggregate(Quote.totalAmount.avg, where: Quote.ownerID == ada.id)
            #expect(mean == Decimal(string: "1.6666666666666667"))
            #expect(try await quotes.aggregate(Quote.totalAmount.min) == 1)
            #expect(try await quotes.aggregate(Quote.totalAmount.max) == Decimal(string: "10.5"))
            #expect(try await quotes.aggregate(Quote.title.min) == "Zeta")          // byte order: Z < a < É
            #expect(try await quotes.aggregate(Quote.title.max) == "\u{c9}mile")
            #expect(try await quotes.aggregate(Quote.status.min) == .draft)        // enum declaration order
            #expect(try await quotes.aggregate(Quote.status.max, includeDeleted: true) == .rejected)
            #expect(try await quotes.aggregate(Quote.content.count) == 1)
            #expect(try await quotes.aggregate(Quote.validUntil.count) == 2)
            #expect(try await quotes.aggregate(Quote.validUntil.countDistinct) == 1)
            #expect(try await quotes.aggregate(Quote.ownerID.countDistinct) == 2)
            #expect(try await quotes.aggregate(Quote.aiProvider.max) == .openai)
            #expect(try await quotes.aggregate(Quote.validUntil.max) == CalendarDate(year: 2026, month: 6, day: 1))
            #expect(try await quotes.aggregate(Quote.rowCount) == 4)
            #expect(try await quotes.aggregate(Quote.rowCount, includeDeleted: true) == 5)
            let versions: Decimal = try await quotes.aggregate(Quote.version.sum)   // sum(bigint) is numeric
            #expect(versions == 6)
            let versionMean: Decimal? = try await quotes.aggregate(Quote.version.avg)
            #expect(versionMean == Decimal(string: "1.5"))
            let all = try await quotes.find(where: .all, includeDeleted: true)
            let latest = try await quotes.aggregate(Quote.createdAt.max, includeDeleted: true)
            #expect(latest == all.map(\.createdAt).max())
        }
    }

    @Test(arguments: Backend.allCases)
    func emptyInputsGiveOneRowUngroupedAndNoneGrouped(_ backend: Backend) async throws {
        try await backend.run { repos in
            _ = try await Self.seed(repos)
            let ungrouped = try await repos.quotes.aggregate(where: .none) {
                Quote.rowCount
                Quote.totalAmount.sum
                Quote.totalAmount.avg
                Quote.title.min
                Quote.createdAt.max
                Quote.id.count
            }
            #expect(ungrouped.count == 1)
            #expect(ungrouped.first.map { $0.0 == 0 && $0.1 == 0 && $0.2 == nil && $0.3 == nil && $0.4 == nil } == true)
            #expect(ungrouped.first?.5 == 0)
            let grouped = try await repos.quotes.aggregate(where: .none) {
                Quote.ownerID
                Quote.rowCount
            }
            #expect(grouped.isEmpty)
            let filtered = try await repos.quotes.aggregate(where: .none, having: Quote.rowCount > 0) { Quote.rowCount }
            #expect(filtered.isEmpty)
            #expect(try await repos.quotes.aggregate(Quote.totalAmount.avg, where: .none) == nil)
            #expect(try await repos.quotes.aggregate(Quote.rowCount, where: .none, onlyDeleted: true) == 0)
            let keyError = await repogenError { _ = try await repos.quotes.aggregate(Quote.status.selection) }
            #expect(keyError?.kind == .invalidArgument)
        }
    }

    @Test(arguments: Backend.allCases)
    func averagesRoundAtPostgresNumericScale(_ backend: Backend) async throws {
        try await backend.run { repos in
            let user = try await Seed.user(repos)
            func mean(_ totals: [Decimal]) async throws -> Decimal? {
                try await repos.quotes.hardDeleteMany(where: .all)
                for total in totals { _ = try await Seed.quote(repos, user, "q", total: total) }
                return try await repos.quotes.aggregate(Quote.totalAmount.avg)
            }
            #expect(try await mean([1, 1, 1, 1, 1, 1, 2]) == Decimal(string: "1.1428571428571429"))
            #expect(try await mean([-1, -2, -2]) == Decimal(string: "-1.6666666666666667"))
            #expect(try await mean([Decimal(string: "0.01")!, Decimal(string: "0.02")!]) == Decimal(string: "0.015"))
            #expect(try await mean([Decimal(string: "0.01")!, 0, 0]) == Decimal(string: "0.00333333333333333333"))
            let big = Decimal(string: "9999999999.99")!
            #expect(try await mean([big, big, Decimal(string: "0.04")!]) == Decimal(string: "6666666666.67333333"))
            #expect(try await mean([big, big, big]) == big)
            #expect(try await mean([0, 0]) == 0)
        }
    }

    @Test(arguments: Backend.allCases)
    func groupsKeepNullKeysTogetherAndFilterWithHaving(_ backend: Backend) async throws {
        try await backend.run { repos in
            let (ada, bob) = try await Self.seed(repos)
            let perDate = try await repos.quotes.aggregate {
                Quote.validUntil.nullable
                Quote.rowCount
                Quote.totalAmount.sum
            }
            #expect(perDate.map(\.0) == [CalendarDate(year: 2026, month: 6, day: 1), nil])
            #expect(perDate.map(\.1) == [2, 2] && perDate.map(\.2) == [Decimal(string: "12.5"), 3])
            let nullsFirst = try await repos.quotes.aggregate(
                orderBy: [Quote.validUntil.ascending(nulls: .first)], includeDeleted: true
            ) {
                Quote.validUntil.nullable
                Quote.rowCount
            }
            #expect(nullsFirst.map(\.0) == [nil, CalendarDate(year: 2026, month: 6, day: 1)])
            #expect(nullsFirst.map(\.1) == [3, 2])
            let busy = try await repos.quotes.aggregate(having: Quote.rowCount >= 2 && Quote.totalAmount.max < 5) {
                Quote.ownerID
                Quote.totalAmount.avg
            }
            #expect(busy.map(\.0) == [ada.id] && busy.map(\.1) == [Decimal(string: "1.6666666666666667")])
            let june = CalendarDate(year: 2026, month: 6, day: 1)
            let notNull = try await repos.quotes.aggregate(having: Quote.validUntil.max == june) {
                Quote.ownerID
                Quote.rowCount
            }
            #expect(Set(notNull.map(\.0)) == Set([ada.id, bob.id]))
            let withoutDate = try await repos.quotes.aggregate(
                where: Quote.validUntil.isNull, having: Quote.validUntil.max != june
            ) { Quote.ownerID }
            #expect(withoutDate.isEmpty)                              // max over only NULLs is NULL: unknown
            let either = try await repos.quotes.aggregate(having: Quote.rowCount == 1 || !(Quote.content.count > 0)) {
                Quote.ownerID
            }
            #expect(either == [bob.id])
            let byContent = try await repos.quotes.aggregate(orderBy: [Quote.content.max.descending]) {
                Quote.ownerID
                Quote.content.max
            }
            #expect(byContent.map(\.0) == [bob.id, ada.id] && byContent.map(\.1) == [nil, "text"])  // NULLs first
            let nullsLast = try await repos.quotes.aggregate(
                orderBy: [Quote.content.max.ordered(descending: true, nulls: .last)]
            ) { Quote.ownerID }
            #expect(nullsLast == [ada.id, bob.id])
        }
    }

    @Test(arguments: Backend.allCases)
    func ordersOnSelectedAndUnselectedExpressionsAndPages(_ backend: Backend) async throws {
        try await backend.run { repos in
            let users = try await (0..<5).asyncMap { try await Seed.user(repos, "u\($0)") }
            for (index, user) in users.enumerated() {
                for step in 0...index { _ = try await Seed.quote(repos, user, "q\(step)", total: Decimal(10 - step)) }
            }
            let sums = try await repos.quotes.aggregate(
                orderBy: [Quote.totalAmount.sum.descending], limit: 2, offset: 1
            ) {
                Quote.ownerID
                Quote.totalAmount.sum
            }
            #expect(sums.map(\.0) == [users[3].id, users[2].id] && sums.map(\.1) == [34, 27])
            let bySmallest = try await repos.quotes.aggregate(orderBy: [Quote.totalAmount.min.ascending], limit: 3) {
                Quote.ownerID
                Quote.rowCount
            }
            #expect(bySmallest.map(\.1) == [5, 4, 3])
            let counts = try await repos.quotes.aggregate(orderBy: [Quote.rowCount.descending]) { Quote.rowCount }
            #expect(counts.count == 1 && counts[0] == 15)
            let perCount = try await repos.quotes.aggregate(
                orderBy: [Quote.rowCount.ordered(descending: true, nulls: .last)], offset: 4
            ) {
                Quote.ownerID
                Quote.rowCount
            }
            #expect(perCount.map(\.0) == [users[0].id])
            let none = try await repos.quotes.aggregate(limit: 0) { Quote.ownerID }
            #expect(none.isEmpty)
            let negative = await repogenError { _ = try await repos.quotes.aggregate(limit: -1) { Quote.ownerID } }
            #expect(negative?.kind == .invalidArgument)
        }
    }
}
