import Foundation
import QuoteMaster
import RepogenRuntime
import Testing

/// Typed aggregates, grouping, `having:`, ordering by an aggregate and limits on real PostgreSQL.
@Suite struct AggregateTests {
    @Test func eachAggregateReturnsItsTypedValueAndSkipsDeletedRows() async throws {
        try await withQuoteMasterDatabase { db in
            let ada = try await makeUser(db, "ada")
            let bob = try await makeUser(db, "bob")
            let rows = try await seedQuotes(db, owner: ada, [("A", 100.25, .sent), ("B", 50, .draft), ("C", 9, .sent)])
            _ = try await seedQuotes(db, owner: bob, [("D", 10.5, .accepted)])
            #expect(try await db.quotes.delete(id: rows[2].id))
            let total: Decimal = try await db.quotes.aggregate(Quote.totalAmount.sum)
            #expect(total == Decimal(string: "160.75"))
            let withDeleted = try await db.quotes.aggregate(Quote.totalAmount.sum, includeDeleted: true)
            #expect(withDeleted == Decimal(string: "169.75"))
            let mean: Decimal? = try await db.quotes.aggregate(Quote.totalAmount.avg, where: Quote.ownerID == ada.id)
            #expect(mean == Decimal(string: "75.125"))
            #expect(try await db.quotes.aggregate(Quote.totalAmount.min) == Decimal(string: "10.5"))
            #expect(try await db.quotes.aggregate(Quote.title.max) == "D")
            #expect(try await db.quotes.aggregate(Quote.ownerID.countDistinct) == 2)
            #expect(try await db.quotes.aggregate(Quote.rowCount, where: Quote.status == .sent) == 1)
            #expect(try await db.quotes.aggregate(Quote.content.count) == 0)
            let versions: Decimal = try await db.quotes.aggregate(Quote.version.sum)     // sum(bigint) is numeric
            #expect(versions == 3)
            #expect(try await db.quotes.aggregate(Quote.totalAmount.sum, where: .none) == 0)
            #expect(try await db.quotes.aggregate(Quote.totalAmount.avg, where: .none) == nil)
            #expect(try await db.quotes.aggregate(Quote.createdAt.max, where: .none) == nil)
        }
    }

    @Test func groupsByColumnsWithHavingOrderAndLimit() async throws {
        try await withQuoteMasterDatabase { db in
            let ada = try await makeUser(db, "ada")
            let bob = try await makeUser(db, "bob")
            let cy = try await makeUser(db, "cy")
            _ = try await seedQuotes(db, owner: ada, [("a1", 100, .accepted), ("a2", 200, .accepted), ("a3", 5, .sent)])
            _ = try await seedQuotes(db, owner: bob, [("b1", 400, .accepted)])
            _ = try await seedQuotes(db, owner: cy, [("c1", 10, .accepted), ("c2", 20, .accepted)])
            let top = try await db.quotes.aggregate(
                where: Quote.status == .accepted, orderBy: [Quote.totalAmount.sum.descending], limit: 2
            ) {
                Quote.ownerID
                Quote.rowCount
                Quote.totalAmount.sum
            }
            #expect(top.map(\.0) == [bob.id, ada.id] && top.map(\.1) == [1, 2] && top.map(\.2) == [400, 300])
            let busy = try await db.quotes.aggregate(having: Quote.rowCount >= 2 && Quote.totalAmount.max < 100) {
                Quote.ownerID
                Quote.totalAmount.avg
            }
            #expect(busy.count == 1 && busy[0].0 == cy.id && busy[0].1 == 15)
            let perStatus = try await db.quotes.aggregate(orderBy: [Quote.status.descending]) {
                Quote.status
                Quote.rowCount
            }
            #expect(perStatus.map(\.0) == [.accepted, .sent] && perStatus.map(\.1) == [5, 1])
        }
    }

    @Test func dayBucketsFollowTheGivenTimeZoneAcrossMidnight() async throws {
        try await withQuoteMasterDatabase { db in
            let ada = try await makeUser(db)
            let paris = try #require(TimeZone(identifier: "Europe/Paris"))
            // 22:30 UTC on 2026-03-10 is 23:30 in Paris, the 10th; 23:30 UTC, still the 10th in UTC, is 00:30 on the
            // 11th in Paris; 00:30 UTC is the 11th in both.
            let lateOn10th = Date(timeIntervalSince1970: 1_773_181_800)
            let events: [(String, Date)] = [
                ("view", lateOn10th), ("view", lateOn10th + 3_600), ("view", lateOn10th + 7_200), ("click", lateOn10th),
            ]
            _ = try await db.analyticsEvents.createMany(
                events.map { NewAnalyticsEvent(userID: ada.id, kind: $0.0, occurredAt: $0.1) })
            let day = AnalyticsEvent.occurredAt.truncated(to: .day, in: paris)
            let perDay = try await db.analyticsEvents.aggregate(orderBy: [day.descending]) {
                AnalyticsEvent.kind
                day
                AnalyticsEvent.rowCount
            }
            var calendar = Calendar(identifier: .gregorian)
            calendar.timeZone = paris
            let tenth = calendar.date(from: DateComponents(year: 2026, month: 3, day: 10))!
            let eleventh = calendar.date(from: DateComponents(year: 2026, month: 3, day: 11))!
            #expect(perDay.map(\.0) == ["view", "click", "view"])
            #expect(perDay.map(\.1) == [eleventh, tenth, tenth] && perDay.map(\.2) == [2, 1, 1])
            let utcDays = try await db.analyticsEvents.aggregate {
                AnalyticsEvent.occurredAt.truncated(to: .day, in: TimeZone(identifier: "UTC")!)
                AnalyticsEvent.rowCount
            }
            #expect(utcDays.map(\.0) == [tenth + 3_600, eleventh + 3_600] && utcDays.map(\.1) == [3, 1])
        }
    }

    @Test func hourWeekAndMonthBucketsAndFixedOffsets() async throws {
        try await withQuoteMasterDatabase { db in
            let ada = try await makeUser(db)
            let instant = Date(timeIntervalSince1970: 1_773_181_800)          // Tuesday 2026-03-10 22:30 UTC
            _ = try await db.analyticsEvents.create(NewAnalyticsEvent(userID: ada.id, kind: "k", occurredAt: instant))
            let kolkata = try #require(TimeZone(identifier: "Asia/Kolkata"))  // 04:00 on Wednesday the 11th
            let fixed = try #require(TimeZone(secondsFromGMT: 19_800))
            func start(_ unit: TimeBucket, _ zone: TimeZone) async throws -> Date? {
                try await db.analyticsEvents.aggregate { AnalyticsEvent.occurredAt.truncated(to: unit, in: zone) }.first
            }
            var calendar = Calendar(identifier: .gregorian)
            calendar.timeZone = kolkata
            func local(_ day: Int, _ month: Int, hour: Int = 0) -> Date {
                calendar.date(from: DateComponents(year: 2026, month: month, day: day, hour: hour))!
            }
            #expect(try await start(.hour, kolkata) == local(11, 3, hour: 4))
            #expect(try await start(.day, kolkata) == local(11, 3))
            #expect(try await start(.week, kolkata) == local(9, 3))
            #expect(try await start(.month, kolkata) == local(1, 3))
            #expect(try await start(.day, fixed) == local(11, 3))
            #expect(try await start(.hour, fixed) == local(11, 3, hour: 4))
        }
    }
}
