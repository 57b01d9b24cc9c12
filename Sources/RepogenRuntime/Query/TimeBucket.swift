import Foundation

/// A calendar unit a timestamp is truncated to for grouping (`date_trunc`).
public enum TimeBucket: String, Sendable, Hashable, CaseIterable {
    /// The start of the hour.
    case hour
    /// Local midnight.
    case day
    /// Local midnight of the Monday starting the ISO week.
    case week
    /// Local midnight of the first day of the month.
    case month
}

extension ColumnRef where Value == Date {
    /// The start of the `unit` containing the column's instant, reckoned on the clock of `zone`:
    /// `date_trunc('day', column, $1::text)`, the zone a bind. It decodes to the instant the bucket starts
    /// (local midnight of that day in `zone`), so a row at 23:30 in Paris lands on its Paris day whatever the
    /// server's `TimeZone` setting.
    ///
    /// ```swift
    /// let paris = TimeZone(identifier: "Europe/Paris")!
    /// try await db.analyticsEvents.aggregate {
    ///     AnalyticsEvent.kind
    ///     AnalyticsEvent.occurredAt.truncated(to: .day, in: paris)
    ///     AnalyticsEvent.rowCount
    /// }
    /// ```
    public func truncated(to unit: TimeBucket, in zone: TimeZone) -> Selection<Entity, Date> {
        let zoneName = Self.postgresZoneName(zone)
        let fragment = SQLFragment("date_trunc('\(unit.rawValue)', " + column + ", ")
            + SQLFragment.bind(zoneName, cast: "text") + ")"
        // The identity only recognises the same bucket in `orderBy:`; it is compared, never sent.
        let identity = "date_trunc(\(unit.rawValue), \(column), \(zoneName.debugDescription))"
        let expression = SelectExpression(
            fragment, identity: identity, sqlType: "timestamptz", role: .key,
            memory: .row { [column] row in try InMemoryTimeBucket.truncate(row[column], to: unit, in: zone) })
        return Selection(
            expression, decode: { row, index in try row.decode(Date.self, at: index) },
            memory: { [column] value in try value.decoded(as: Date.self, naming: column) })
    }

    /// The zone's name as PostgreSQL reads it: an IANA name as it is; a fixed offset, which Foundation names
    /// `GMT+0530` (east of Greenwich), rewritten as the POSIX `UTC-05:30`, whose sign PostgreSQL reads west.
    static func postgresZoneName(_ zone: TimeZone) -> String {
        let name = zone.identifier
        guard name.hasPrefix("GMT+") || name.hasPrefix("GMT-") else { return name }
        let seconds = zone.secondsFromGMT()
        let minutes = abs(seconds) / 60
        let clock = String(minutes / 60) + ":" + (minutes % 60 < 10 ? "0" : "") + String(minutes % 60)
        return "UTC" + (seconds >= 0 ? "-" : "+") + clock
    }
}
