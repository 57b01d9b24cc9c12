import Foundation

/// `date_trunc(unit, timestamptz, zone)` in memory, as PostgreSQL's `timestamptz_trunc_zone` computes it: the
/// instant's wall-clock time in the zone is truncated; an hour keeps the instant's own UTC offset, a day, week or
/// month takes the offset of the truncated wall time, the one after the transition when a fall-back makes it
/// ambiguous and the one before when a spring-forward skips it (`DetermineTimeZoneOffset`).
enum InMemoryTimeBucket {
    /// Seconds from 1970 to 2000-01-01 UTC, PostgreSQL's epoch.
    private static let postgresEpoch: Int64 = 946_684_800

    /// The bucket containing a stored timestamp; NULL stays NULL.
    static func truncate(_ value: InMemoryValue, to unit: TimeBucket, in zone: TimeZone) throws -> InMemoryValue {
        if value.isNull { return .null }
        guard case .timestamp(let micros) = value else {
            throw RepogenError.unsupportedInMemory("a time bucket of a \(value.typeName) value")
        }
        let instant = floorDivide(micros, 1_000_000) + postgresEpoch
        let offset = Self.offset(zone, at: instant)
        let wall = truncated(instant + offset, to: unit)
        let start = unit == .hour ? wall - offset : Self.instant(ofWallTime: wall, in: zone)
        return .timestamp((start - postgresEpoch) * 1_000_000)
    }

    /// Wall-clock seconds (as if UTC) truncated to the start of the unit; weeks start on Monday.
    private static func truncated(_ wall: Int64, to unit: TimeBucket) -> Int64 {
        let day: Int64 = 86_400
        switch unit {
        case .hour: return wall - positiveModulo(wall, 3_600)
        case .day: return wall - positiveModulo(wall, day)
        case .week:
            let days = floorDivide(wall, day)
            return (days - positiveModulo(days + 3, 7)) * day  // 1970-01-01 was a Thursday
        case .month:
            var utc = Calendar(identifier: .gregorian)
            utc.timeZone = TimeZone(secondsFromGMT: 0)!
            let parts = utc.dateComponents([.year, .month], from: Date(timeIntervalSince1970: TimeInterval(wall)))
            let first = utc.date(from: DateComponents(year: parts.year, month: parts.month, day: 1))!
            return Int64(first.timeIntervalSince1970)
        }
    }

    /// The instant showing `wall` on the zone's clock; see the type's comment for skipped and repeated times.
    private static func instant(ofWallTime wall: Int64, in zone: TimeZone) -> Int64 {
        let day: Int64 = 86_400
        let before = offset(zone, at: wall - day)
        let candidates = Set([before, offset(zone, at: wall), offset(zone, at: wall + day)])
            .map { wall - $0 }
            .filter { offset(zone, at: $0) == wall - $0 }
        return candidates.max() ?? wall - before
    }

    private static func offset(_ zone: TimeZone, at seconds: Int64) -> Int64 {
        Int64(zone.secondsFromGMT(for: Date(timeIntervalSince1970: TimeInterval(seconds))))
    }

    private static func floorDivide(_ value: Int64, _ divisor: Int64) -> Int64 {
        let quotient = value / divisor
        return value % divisor < 0 ? quotient - 1 : quotient
    }

    private static func positiveModulo(_ value: Int64, _ divisor: Int64) -> Int64 {
        let rest = value % divisor
        return rest < 0 ? rest + divisor : rest
    }
}
