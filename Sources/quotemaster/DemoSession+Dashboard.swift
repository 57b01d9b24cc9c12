import Foundation
import QuoteMaster
import RepogenRuntime

/// The analytics dashboard step: typed aggregates over this run's authors (events per kind per day, top authors by
/// accepted quotes, one author's rank), each one prepared statement whatever the values.
extension DemoSession {
    func showDashboard(_ ada: User) async throws {
        let authors = try await seedDashboard(ada)
        let ids = authors.map(\.id)
        let names = Dictionary(uniqueKeysWithValues: authors.map { ($0.id, $0.displayName) })
        let utc = TimeZone(identifier: "UTC") ?? .current
        let day = AnalyticsEvent.occurredAt.truncated(to: .day, in: utc)
        let perDay = try await db.analyticsEvents.aggregate(
            where: AnalyticsEvent.userID.in(ids), orderBy: [day.ascending, AnalyticsEvent.kind.ascending]
        ) {
            day
            AnalyticsEvent.kind
            AnalyticsEvent.rowCount
        }
        let dayFormat = Date.ISO8601FormatStyle(timeZone: utc).year().month().day()
        let cells = perDay.map { "\($0.0.formatted(dayFormat)) \($0.1) \($0.2)" }
        print("dashboard: events per kind per day (UTC): " + cells.joined(separator: "; "))

        let value = Quote.totalAmount.sum
        let accepted = Quote.status == .accepted && Quote.ownerID.in(ids)
        let top = try await db.quotes.aggregate(where: accepted, orderBy: [value.descending], limit: 3) {
            Quote.ownerID
            Quote.rowCount
            value
        }
        let podium = top.map { "\(names[$0.0] ?? "?") \($0.2) USD in \($0.1) accepted" }
        print("dashboard: top authors by accepted quotes: " + podium.joined(separator: "; "))

        let mine = Quote.ownerID == ada.id
        let ranks: [(UUID, Int)] = try await db.quotes.aggregate(where: accepted, rankedWhere: mine) {
            Quote.ownerID
            Quote.rank(by: [value.descending])
        }
        let place = ranks.first?.1
        print("dashboard: \(ada.displayName) ranks \(place.map(String.init) ?? "unranked") of \(authors.count) "
            + "by accepted value")
    }

    /// Three more authors with accepted quotes, and events of three kinds over the last three days.
    private func seedDashboard(_ ada: User) async throws -> [User] {
        let people = [("Grace Hopper", [4_200, 1_300]), ("Alan Turing", [2_750]), ("Barbara Liskov", [900, 850, 700])]
        var authors = [ada]
        for (name, amounts) in people {
            let handle = name.split(separator: " ").first.map(String.init)?.lowercased() ?? "author"
            let author = try await db.users.create(NewUser(email: "\(handle)+\(runID)@example.com", displayName: name))
            let quotes = try await db.quotes.createMany(amounts.map {
                NewQuote(ownerID: author.id, title: "\(name) #\($0)", prompt: "p", totalAmount: Decimal($0))
            })
            try await db.quotes.updateMany(where: Quote.id.in(quotes.map(\.id)), set: [Quote.status.set(.accepted)])
            authors.append(author)
        }
        try await db.quotes.updateMany(
            where: Quote.ownerID == ada.id && Quote.status == .sent, set: [Quote.status.set(.accepted)])
        let now = Date()
        let events = authors.enumerated().flatMap { index, author in
            ["user.login", "quote.created", "quote.accepted"].enumerated().map { kind, name in
                NewAnalyticsEvent(
                    userID: author.id, kind: name,
                    occurredAt: now.addingTimeInterval(-86_400 * Double((index + kind) % 3)))
            }
        }
        _ = try await db.analyticsEvents.createMany(events)
        return authors
    }
}
