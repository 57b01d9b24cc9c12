import Foundation

/// Which backups `prune` keeps: the newest `last`, plus the newest of each of the latest `daily` days and
/// `weekly` ISO weeks that have a backup (a backup may count for all three).
///
/// ```swift
/// let policy = BackupRetention(last: 3, daily: 7, weekly: 4)
/// let kept = policy.kept(manifests.map(\.createdAt))  // indices into the array
/// ```
public struct BackupRetention: Sendable, Equatable {
    /// How many of the newest backups to keep whatever their age.
    public var last: Int
    /// How many days to keep one backup (the day's newest) for, newest days first.
    public var daily: Int
    /// How many ISO weeks to keep one backup (the week's newest) for, newest weeks first.
    public var weekly: Int

    /// Creates a policy; negative counts keep nothing for that rule.
    public init(last: Int, daily: Int = 0, weekly: Int = 0) {
        self.last = last
        self.daily = daily
        self.weekly = weekly
    }

    /// The indices of `times` to keep; days and weeks are read in `timeZone` (UTC unless given).
    public func kept(_ times: [Date], timeZone: TimeZone = TimeZone(identifier: "UTC")!) -> Set<Int> {
        var calendar = Calendar(identifier: .iso8601)
        calendar.timeZone = timeZone
        let newestFirst = times.indices.sorted { times[$0] > times[$1] || (times[$0] == times[$1] && $0 < $1) }
        var kept = Set(newestFirst.prefix(max(0, last)))
        kept.formUnion(newestPerPeriod(newestFirst, times, limit: daily) {
            calendar.dateComponents([.year, .month, .day], from: $0)
        })
        kept.formUnion(newestPerPeriod(newestFirst, times, limit: weekly) {
            calendar.dateComponents([.yearForWeekOfYear, .weekOfYear], from: $0)
        })
        return kept
    }

    /// The first (newest) index of each distinct period, for the `limit` newest periods.
    private func newestPerPeriod(
        _ newestFirst: [Int], _ times: [Date], limit: Int, period: (Date) -> DateComponents
    ) -> [Int] {
        var seen = Set<DateComponents>()
        var chosen: [Int] = []
        for index in newestFirst where seen.count < limit {
            if seen.insert(period(times[index])).inserted {
                chosen.append(index)
            }
        }
        return chosen
    }
}
