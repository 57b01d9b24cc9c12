/// A day in the proleptic Gregorian calendar without time or zone, PostgreSQL's `date`.
///
/// ```swift
/// let due = CalendarDate(year: 2025, month: 3, day: 31)   // "2025-03-31"
/// let parsed = CalendarDate("1999-12-31")
/// ```
public struct CalendarDate: Hashable, Sendable, Codable, Comparable, CustomStringConvertible {
    /// Days since 2000-01-01, PostgreSQL's own storage of a `date`.
    public var daysSince2000: Int32

    /// Creates a date from days since 2000-01-01.
    public init(daysSince2000: Int32) {
        self.daysSince2000 = daysSince2000
    }

    /// Creates a date from its parts; out-of-range days roll over, e.g. February 30 becomes March 1 or 2.
    public init(year: Int, month: Int, day: Int) {
        let days = Self.daysFromCivil(year: year, month: month, day: 1) + day - 1 - Self.daysFrom1970To2000
        daysSince2000 = Int32(clamping: days)
    }

    /// Parses `YYYY-MM-DD`, returning nil for malformed text or an impossible day.
    public init?(_ string: String) {
        guard let match = string.wholeMatch(of: /(\d{4,})-(\d{2})-(\d{2})/),
              let year = Int(match.output.1), let month = Int(match.output.2), let day = Int(match.output.3)
        else {
            return nil
        }
        let date = CalendarDate(year: year, month: month, day: day)
        guard (1...12).contains(month), date.year == year, date.month == month, date.day == day else {
            return nil
        }
        self = date
    }

    /// The year, e.g. 2025.
    public var year: Int { civil.year }
    /// The month, 1 to 12.
    public var month: Int { civil.month }
    /// The day of the month, 1 to 31.
    public var day: Int { civil.day }

    /// `YYYY-MM-DD`.
    public var description: String {
        let parts = civil
        func pad(_ value: Int, _ width: Int) -> String {
            let text = String(value)
            return String(repeating: "0", count: max(0, width - text.count)) + text
        }
        return "\(pad(parts.year, 4))-\(pad(parts.month, 2))-\(pad(parts.day, 2))"
    }

    /// Earlier days sort first.
    public static func < (lhs: CalendarDate, rhs: CalendarDate) -> Bool {
        lhs.daysSince2000 < rhs.daysSince2000
    }

    /// Decodes from a `YYYY-MM-DD` string.
    public init(from decoder: any Decoder) throws {
        let text = try decoder.singleValueContainer().decode(String.self)
        guard let date = CalendarDate(text) else {
            throw DecodingError.dataCorrupted(.init(codingPath: decoder.codingPath, debugDescription: "not a date"))
        }
        self = date
    }

    /// Encodes as a `YYYY-MM-DD` string.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(description)
    }

    private static let daysFrom1970To2000 = 10_957

    private var civil: (year: Int, month: Int, day: Int) {
        Self.civilFromDays(Int(daysSince2000) + Self.daysFrom1970To2000)
    }

    /// Days since 1970-01-01 (Howard Hinnant's `days_from_civil`).
    private static func daysFromCivil(year: Int, month: Int, day: Int) -> Int {
        let (carry, monthIndex) = (month - 1).quotientAndRemainder(dividingBy: 12)
        let normalizedMonth = monthIndex < 0 ? monthIndex + 13 : monthIndex + 1
        let normalizedYear = year + carry + (monthIndex < 0 ? -1 : 0)
        let shiftedYear = normalizedMonth <= 2 ? normalizedYear - 1 : normalizedYear
        let era = (shiftedYear >= 0 ? shiftedYear : shiftedYear - 399) / 400
        let yearOfEra = shiftedYear - era * 400
        let dayOfYear = (153 * ((normalizedMonth + 9) % 12) + 2) / 5 + day - 1
        let dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear
        return era * 146_097 + dayOfEra - 719_468
    }

    /// The civil date of a count of days since 1970-01-01 (Howard Hinnant's `civil_from_days`).
    private static func civilFromDays(_ days: Int) -> (year: Int, month: Int, day: Int) {
        let shifted = days + 719_468
        let era = (shifted >= 0 ? shifted : shifted - 146_096) / 146_097
        let dayOfEra = shifted - era * 146_097
        let yearOfEra = (dayOfEra - dayOfEra / 1460 + dayOfEra / 36524 - dayOfEra / 146_096) / 365
        let dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100)
        let monthPrime = (5 * dayOfYear + 2) / 153
        let day = dayOfYear - (153 * monthPrime + 2) / 5 + 1
        let month = monthPrime < 10 ? monthPrime + 3 : monthPrime - 9
        let year = yearOfEra + era * 400 + (month <= 2 ? 1 : 0)
        return (year, month, day)
    }
}

extension CalendarDate: PostgresEncodable, PostgresDecodable {
    /// `date`.
    public static var postgresType: PostgresType { .date }

    /// Four bytes: days since 2000-01-01, big-endian.
    public func encode(into buffer: inout [UInt8]) {
        buffer.appendBigEndian(daysSince2000)
    }

    /// Decodes a finite `date`; `infinity` and `-infinity` throw.
    public static func decode(from bytes: UnsafeRawBufferPointer, type: PostgresType) throws -> CalendarDate {
        guard type == .date else {
            throw RepogenError.decoding("cannot decode a CalendarDate from type OID \(type.oid)")
        }
        try expectSize(bytes, 4, for: "date")
        var reader = BinaryReader(bytes)
        let days = try reader.read(Int32.self)
        guard days != .max, days != .min else {
            throw RepogenError.decoding("an infinite date has no CalendarDate")
        }
        return CalendarDate(daysSince2000: days)
    }
}
