import Foundation
import QuoteMaster
import RepogenRuntime
import Testing

/// Ranks, `rankedWhere` and `select` projections on both backends: ties, partitions, ranks over aggregates and
/// over rows, ranked filters, nullable columns, ordering, paging and soft-deleted rows.
@Suite struct ConformanceRankTests {
    /// Owners whose accepted totals are 300 (ann: 100 + 200), 300 (ben), 100 (cat) and 50 (dan, who also has a sent
    /// 1000 and a deleted accepted 500).
    static func seedLeaderboard(_ repos: some QuoteMasterRepositoriesProtocol) async throws -> [User] {
        var users: [User] = []
        for (name, amounts) in [("ann", [100, 200]), ("ben", [300]), ("cat", [100]), ("dan", [50])] {
            let user = try await Seed.user(repos, name)
            for (index, amount) in amounts.enumerated() {
                _ = try await Seed.quote(repos, user, "\(name)\(index)", status: .accepted, total: Decimal(amount))
            }
            users.append(user)
        }
        _ = try await Seed.quote(repos, users[3], "dan-sent", status: .sent, total: 1_000)
        let gone = try await Seed.quote(repos, users[3], "dan-gone", status: .accepted, total: 500)
        #expect(try await repos.quotes.delete(id: gone.id))
        return users
    }

    @Test(arguments: Backend.allCases)
    func ranksOverAggregatesShareTies(_ backend: Backend) async throws {
        try await backend.run { repos in
            let users = try await Self.seedLeaderboard(repos)
            let points = Quote.totalAmount.sum
            let board = try await repos.quotes.aggregate(
                where: Quote.status == .accepted, orderBy: [points.descending, Quote.ownerID.ascending]
            ) {
                Quote.ownerID
                points
                Quote.rank(by: [points.descending])
                Quote.denseRank(by: [points.descending])
                Quote.rowNumber(by: [points.descending, Quote.ownerID.ascending])
            }
            let tied = [users[0].id, users[1].id].sorted { $0.uuidString.lowercased() < $1.uuidString.lowercased() }
            #expect(board.map(\.0) == tied + [users[2].id, users[3].id])
            #expect(board.map(\.1) == [300, 300, 100, 50])
            #expect(board.map(\.2) == [1, 1, 3, 4] && board.map(\.3) == [1, 1, 2, 3] && board.map(\.4) == [1, 2, 3, 4])
            let cat = try await repos.quotes.aggregate(
                where: Quote.status == .accepted, rankedWhere: Quote.ownerID == users[2].id
            ) {
                Quote.ownerID
                Quote.rank(by: [points.descending])
            }
            #expect(cat.count == 1 && cat.first?.1 == 3)
            let withDeleted = try await repos.quotes.aggregate(
                where: Quote.status == .accepted, orderBy: [points.descending], limit: 1, includeDeleted: true
            ) {
                Quote.ownerID
                Quote.rank(by: [points.descending])
            }
            #expect(withDeleted.map(\.0) == [users[3].id] && withDeleted.map(\.1) == [1])
            let single = try await repos.quotes.aggregate(where: Quote.status == .accepted) {
                Quote.rowCount
                Quote.rank(by: [Quote.rowCount.descending])
            }
            #expect(single.map(\.0) == [5] && single.map(\.1) == [1])
        }
    }

    @Test(arguments: Backend.allCases)
    func ranksOverRowsPerPartitionAndRankedFilters(_ backend: Backend) async throws {
        try await backend.run { repos in
            let users = try await Self.seedLeaderboard(repos)
            let perOwner = try await repos.quotes.select(
                where: Quote.status == .accepted, orderBy: [Quote.totalAmount.descending, Quote.title.ascending]
            ) {
                Quote.title
                Quote.rank(by: [Quote.totalAmount.descending], partitionBy: [Quote.ownerID])
                Quote.rank(by: [Quote.totalAmount.descending])
                Quote.denseRank(by: [Quote.totalAmount.ascending(nulls: .first)], partitionBy: [Quote.status])
            }
            #expect(perOwner.map(\.0) == ["ben0", "ann1", "ann0", "cat0", "dan0"])
            #expect(perOwner.map(\.1) == [1, 1, 2, 1, 1])
            #expect(perOwner.map(\.2) == [1, 2, 3, 3, 5])
            #expect(perOwner.map(\.3) == [4, 3, 2, 2, 1])
            let annSecond = try await repos.quotes.select(
                where: Quote.ownerID == users[0].id, rankedWhere: Quote.title == "ann0"
            ) {
                Quote.title
                Quote.rank(by: [Quote.totalAmount.descending])
            }
            #expect(annSecond.map(\.0) == ["ann0"] && annSecond.map(\.1) == [2])
            let paged = try await repos.quotes.select(
                orderBy: [Quote.totalAmount.descending], limit: 1, offset: 1, rankedWhere: Quote.status == .accepted
            ) {
                Quote.title
                Quote.rowNumber(by: [Quote.totalAmount.descending])
            }
            // Numbered over every live row (dan's sent 1000 is first), then filtered, ordered and paged.
            #expect(paged.map(\.0) == ["ann1"] && paged.map(\.1) == [3])
        }
    }

    @Test(arguments: Backend.allCases)
    func projectionsReadColumnsLikeFind(_ backend: Backend) async throws {
        try await backend.run { repos in
            let user = try await Seed.user(repos)
            let roof = try await Seed.quote(repos, user, "Roof", status: .sent, total: 100)
            _ = try await Seed.quote(repos, user, "Gate", total: 20)
            let wall = try await Seed.quote(repos, user, "Wall", status: .sent, total: 60)
            _ = try await repos.quotes.update(id: roof.id, QuotePatch(content: "tiles"))
            #expect(try await repos.quotes.delete(id: wall.id))
            let list = try await repos.quotes.select(orderBy: [Quote.totalAmount.descending]) {
                Quote.id
                Quote.title
                Quote.content.nullable
                Quote.status
                Quote.version
            }
            #expect(list.map(\.1) == ["Roof", "Gate"] && list.map(\.2) == ["tiles", nil])
            #expect(list.first?.0 == roof.id && list.map(\.3) == [.sent, .draft] && list.map(\.4) == [2, 1])
            let deleted = try await repos.quotes.select(onlyDeleted: true) { Quote.title }
            #expect(deleted == ["Wall"])
            let everything = try await repos.quotes.select(
                where: Quote.status == .sent, orderBy: [Quote.content.ascending(nulls: .first)], includeDeleted: true
            ) { Quote.title }
            #expect(everything == ["Wall", "Roof"])
            let page = try await repos.quotes.select(orderBy: [Quote.title.ascending], limit: 1, offset: 1) {
                Quote.title
            }
            #expect(page == ["Roof"])
            let nullError = await repogenError {
                _ = try await repos.quotes.select(where: Quote.title == "Gate") { Quote.content }
            }
            #expect(nullError?.kind == .unexpectedNull)
            let aggregateError = await repogenError { _ = try await repos.quotes.select { Quote.rowCount } }
            #expect(aggregateError?.kind == .invalidArgument)
        }
    }
}
