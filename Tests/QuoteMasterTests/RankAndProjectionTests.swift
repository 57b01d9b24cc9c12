import Foundation
import QuoteMaster
import RepogenRuntime
import Testing

/// Window ranks over aggregates and rows, and projections of a few columns, on real PostgreSQL.
@Suite struct RankAndProjectionTests {
    /// Four owners whose accepted totals are 300, 300, 100 and 50.
    func seedLeaderboard(_ db: Database) async throws -> [User] {
        var users: [User] = []
        for (name, amounts) in [("ann", [100, 200]), ("ben", [300]), ("cat", [100]), ("dan", [50])] {
            let user = try await makeUser(db, name)
            _ = try await seedQuotes(db, owner: user, amounts.map { ("q", Decimal($0), .accepted) })
            users.append(user)
        }
        _ = try await seedQuotes(db, owner: users[3], [("not accepted", 1_000, .sent)])
        return users
    }

    @Test func ranksShareTiesAndRowNumbersDoNot() async throws {
        try await withQuoteMasterDatabase { db in
            let users = try await seedLeaderboard(db)
            let points = Quote.totalAmount.sum
            let board = try await db.quotes.aggregate(where: Quote.status == .accepted, orderBy: [points.descending]) {
                Quote.ownerID
                points
                Quote.rank(by: [points.descending])
                Quote.denseRank(by: [points.descending])
                Quote.rowNumber(by: [points.descending, Quote.ownerID.ascending])
            }
            #expect(board.map(\.1) == [300, 300, 100, 50])
            #expect(board.map(\.2) == [1, 1, 3, 4] && board.map(\.3) == [1, 1, 2, 3] && board.map(\.4) == [1, 2, 3, 4])
            #expect(Set(board.prefix(2).map(\.0)) == Set([users[0].id, users[1].id]))
            let cat = try await db.quotes.aggregate(
                where: Quote.status == .accepted, rankedWhere: Quote.ownerID == users[2].id
            ) {
                Quote.ownerID
                Quote.rank(by: [points.descending])
            }
            #expect(cat.count == 1 && cat[0].1 == 3)
        }
    }

    @Test func aRowsRankWithinAFilteredSetAndPerPartition() async throws {
        try await withQuoteMasterDatabase { db in
            let users = try await seedLeaderboard(db)
            let annQuotes = try await db.quotes.find(
                where: Quote.ownerID == users[0].id, orderBy: [Quote.totalAmount.ascending])
            let rank = Quote.rank(by: [Quote.totalAmount.descending])
            let small = try await db.quotes.select(
                where: Quote.ownerID == users[0].id, rankedWhere: Quote.id == annQuotes[0].id
            ) {
                Quote.title
                rank
            }
            #expect(small.count == 1 && small[0].1 == 2)
            let perOwner = try await db.quotes.select(
                where: Quote.status == .accepted, orderBy: [Quote.totalAmount.descending]
            ) {
                Quote.ownerID
                Quote.totalAmount
                Quote.rowNumber(by: [Quote.totalAmount.descending], partitionBy: [Quote.ownerID])
            }
            #expect(perOwner.map(\.1) == [300, 200, 100, 100, 50])
            let seconds = perOwner.filter { $0.2 == 2 }
            #expect(seconds.count == 1 && seconds[0].0 == users[0].id && seconds[0].1 == 100)
            #expect(perOwner.filter { $0.2 == 1 }.count == 4)
        }
    }

    @Test func projectionsReadTheSelectedColumnsLikeFind() async throws {
        try await withQuoteMasterDatabase { db in
            let ada = try await makeUser(db)
            let rows = try await seedQuotes(
                db, owner: ada, [("Roof", 100, .sent), ("Gate", 20, .draft), ("Wall", 60, .sent)])
            _ = try await db.quotes.update(id: rows[0].id, QuotePatch(content: "tiles"))
            #expect(try await db.quotes.delete(id: rows[2].id))
            let list = try await db.quotes.select(where: .all, orderBy: [Quote.totalAmount.descending], limit: 5) {
                Quote.id
                Quote.title
                Quote.status
                Quote.content.nullable
            }
            #expect(list.map(\.0) == [rows[0].id, rows[1].id] && list.map(\.1) == ["Roof", "Gate"])
            #expect(list.map(\.2) == [.sent, .draft] && list.map(\.3) == ["tiles", nil])
            let second = try await db.quotes.select(
                orderBy: [Quote.title.ascending], limit: 1, offset: 1, includeDeleted: true
            ) {
                Quote.title
            }
            #expect(second == ["Roof"])
            await #expect(throws: RepogenError.self) {
                _ = try await db.quotes.select { Quote.content }
            }
            do {
                _ = try await db.quotes.select { Quote.title; Quote.rowCount }
                Issue.record("an aggregate was accepted by select")
            } catch let error as RepogenError {
                #expect(error.kind == .invalidArgument)
            }
        }
    }
}
