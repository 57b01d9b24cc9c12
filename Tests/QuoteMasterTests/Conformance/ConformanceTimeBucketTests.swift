import Foundation
import QuoteMaster
import RepogenRuntime
import Testing

/// Time buckets on both backends: `date_trunc` on the zone's clock across midnight, daylight-saving changes (a
/// repeated hour, a skipped midnight), ISO weeks, months and fixed offsets, grouped and ordered.
@Suite struct ConformanceTimeBucketTests {
    static func seed(_ repos: some QuoteMasterRepositoriesProtocol, _ events: [(String, Date)]) async throws {
        let user = try await Seed.user(repos)
        for (kind, instant) in events {
            let event = NewAnalyticsEvent(userID: user.id, kind: kind, occurredAt: instant)
            _ = try await repos.analyticsEvents.create(event)
        }
    }

    static func utc(_ text: String) -> Date {
        let formatter = ISO8601DateFormatter()
        if text.contains(".") { formatter.formatOptions = [.withInternetDateTime, .withFractionalSeconds] }
        return formatter.date(from: text)!
    }

    @Test(arguments: Backend.allCases)
    func dayBucketsFollowTheZoneAcrossMidnight(_ backend: Backend) async throws {
        try await backend.run { repos in
            let late = Self.utc("2026-03-10T22:30:00Z")                      // 23:30 in Paris, the 10th
            let events = [("view", late), ("view", late + 3_600), ("view", late + 7_200), ("click", late)]
            try await Self.seed(repos, events)
            let paris = TimeZone(identifier: "Europe/Paris")!
            let day = AnalyticsEvent.occurredAt.truncated(to: .day, in: paris)
            let perDay = try await repos.analyticsEvents.aggregate(orderBy: [day.descending]) {
                AnalyticsEvent.kind
                day
                AnalyticsEvent.rowCount
            }
            let tenth = Self.utc("2026-03-09T23:00:00Z"), eleventh = Self.utc("2026-03-10T23:00:00Z")
            #expect(perDay.map(\.0) == ["view", "click", "view"])
            #expect(perDay.map(\.1) == [eleventh, tenth, tenth] && perDay.map(\.2) == [2, 1, 1])
            let utcDays = try await repos.analyticsEvents.aggregate(having: AnalyticsEvent.rowCount > 0) {
                AnalyticsEvent.occurredAt.truncated(to: .day, in: TimeZone(identifier: "UTC")!)
                AnalyticsEvent.rowCount
            }
            #expect(utcDays.map(\.0) == [Self.utc("2026-03-10T00:00:00Z"), Self.utc("2026-03-11T00:00:00Z")])
            #expect(utcDays.map(\.1) == [3, 1])
            let none = try await repos.analyticsEvents.aggregate(where: .none) { day }
            #expect(none.isEmpty)
        }
    }

    /// The bucket of each instant in each unit and zone, computed by the backend.
    static func buckets(
        _ repos: some QuoteMasterRepositoriesProtocol, _ unit: TimeBucket, _ zone: TimeZone
    ) async throws -> [Date] {
        let bucket = AnalyticsEvent.occurredAt.truncated(to: unit, in: zone)
        return try await repos.analyticsEvents.select(orderBy: [AnalyticsEvent.occurredAt.ascending]) { bucket }
    }

    static let instants = [
        "2026-10-25T00:30:00Z", "2026-10-25T01:30:00Z",  // 02:30 in Paris twice: summer, then winter time
        "2026-03-29T00:30:00Z", "2026-03-29T01:30:00Z",  // 01:30 and 03:30 in Paris: 02:xx is skipped
        "2026-09-06T15:00:00Z",                          // Santiago skips its midnight that day
        "2026-04-05T02:30:00Z", "2026-04-05T03:30:00Z",  // 23:30 in Santiago twice (the 4th)
        "2026-03-10T22:30:00Z", "2026-01-01T00:00:00Z", "2025-12-31T23:59:59Z", "1999-12-31T23:59:59.5Z",
    ]

    @Test(arguments: Backend.allCases)
    func hoursKeepTheirOffsetAndDaysStartAtLocalMidnight(_ backend: Backend) async throws {
        try await backend.run { repos in
            try await Self.seed(repos, Self.instants.prefix(4).map { ("k", Self.utc($0)) })
            let paris = TimeZone(identifier: "Europe/Paris")!
            let hours = try await Self.buckets(repos, .hour, paris)
            #expect(hours == ["2026-03-29T00:00:00Z", "2026-03-29T01:00:00Z", "2026-10-25T00:00:00Z",
                              "2026-10-25T01:00:00Z"].map(Self.utc))
            let days = try await Self.buckets(repos, .day, paris)
            #expect(days == ["2026-03-28T23:00:00Z", "2026-03-28T23:00:00Z", "2026-10-24T22:00:00Z",
                             "2026-10-24T22:00:00Z"].map(Self.utc))
            let weeks = try await Self.buckets(repos, .week, paris)       // Mondays the 23rd of March, 19th of October
            #expect(weeks == ["2026-03-22T23:00:00Z", "2026-03-22T23:00:00Z", "2026-10-18T22:00:00Z",
                              "2026-10-18T22:00:00Z"].map(Self.utc))
            let months = try await Self.buckets(repos, .month, paris)
            #expect(months == ["2026-02-28T23:00:00Z", "2026-02-28T23:00:00Z", "2026-09-30T22:00:00Z",
                               "2026-09-30T22:00:00Z"].map(Self.utc))
        }
    }

    @Test func everyUnitAndZoneMatchesPostgres() async throws {
        let postgres = try await Backend.postgres.run { try await Self.allBuckets($0) }
        let memory = try await Backend.memory.run { try await Self.allBuckets($0) }
        #expect(postgres.count == 24 && postgres.allSatisfy { $0.count == Self.instants.count })
        for (expected, actual) in zip(postgres, memory) { #expect(actual == expected) }
    }

    /// Every instant's bucket in every unit and zone (two with DST, one with a half-hour offset, UTC, two fixed).
    static func allBuckets(_ repos: some QuoteMasterRepositoriesProtocol) async throws -> [[Date]] {
        try await seed(repos, instants.map { ("k", utc($0)) })
        let zones = ["Europe/Paris", "America/Santiago", "Asia/Kolkata", "UTC"].map { TimeZone(identifier: $0)! }
            + [TimeZone(secondsFromGMT: 19_800)!, TimeZone(secondsFromGMT: -16_200)!]
        var all: [[Date]] = []
        for zone in zones {
            for unit in TimeBucket.allCases { all.append(try await buckets(repos, unit, zone)) }
        }
        return all
    }
}
