import Foundation

/// One column value as the in-memory repositories store and compare it, normalised the way PostgreSQL stores it
/// (timestamps to whole microseconds, enums with their declaration order).
///
/// ```swift
/// InMemoryValue(Quote.Status.sent)   // .enumLabel("sent", ordinal: 1)
/// ```
public enum InMemoryValue: Sendable, Hashable {
    /// SQL NULL.
    case null
    /// `boolean`.
    case bool(Bool)
    /// `smallint`, `integer`, `bigint`.
    case integer(Int64)
    /// `double precision`.
    case double(Double)
    /// `numeric`.
    case decimal(Decimal)
    /// `text`, `varchar`.
    case text(String)
    /// `uuid`.
    case uuid(UUID)
    /// `timestamptz`, as microseconds since 2000-01-01 UTC (PostgreSQL's precision).
    case timestamp(Int64)
    /// `date`.
    case date(CalendarDate)
    /// `jsonb`.
    case json(JSONValue)
    /// `bytea`.
    case bytes([UInt8])
    /// A PostgreSQL enum label and its position among the type's labels (enums sort by declaration order).
    case enumLabel(String, ordinal: Int)

    /// The stored form of a Swift value; nil for a type the in-memory repositories do not know.
    public init?(_ value: (any Sendable)?) {
        guard let value else {
            self = .null
            return
        }
        switch value {
        case let value as InMemoryValue: self = value
        case let value as Bool: self = .bool(value)
        case let value as Int: self = .integer(Int64(value))
        case let value as Int64: self = .integer(value)
        case let value as Int32: self = .integer(Int64(value))
        case let value as Double: self = .double(value)
        case let value as Decimal: self = .decimal(value)
        case let value as String: self = .text(value)
        case let value as UUID: self = .uuid(value)
        case let value as Date: self = .timestamp(value.postgresMicroseconds)
        case let value as CalendarDate: self = .date(value)
        case let value as JSONValue: self = .json(value)
        case let value as [UInt8]: self = .bytes(value)
        case let value as any PostgresEnum: self = .enumLabel(value.rawValue, ordinal: value.declarationOrdinal)
        default: return nil
        }
    }

    /// Whether this is SQL NULL.
    public var isNull: Bool {
        if case .null = self { return true }
        return false
    }
}

extension PostgresEnum {
    /// The case's position among the type's cases, which is PostgreSQL's sort order for the enum; 0 when the type
    /// does not list its cases.
    public var declarationOrdinal: Int { 0 }
}

extension PostgresEnum where Self: CaseIterable & Equatable {
    /// The case's position in `allCases`: the generated enums list their cases in the schema's order.
    public var declarationOrdinal: Int {
        Self.allCases.firstIndex(of: self).map { Self.allCases.distance(from: Self.allCases.startIndex, to: $0) } ?? 0
    }
}
