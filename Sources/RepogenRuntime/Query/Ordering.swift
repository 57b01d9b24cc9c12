/// Where NULLs go in an ordering.
public enum NullsOrder: String, Sendable, Hashable {
    /// `NULLS FIRST`.
    case first = "NULLS FIRST"
    /// `NULLS LAST`.
    case last = "NULLS LAST"
}

/// One sort key of a query: a column, a direction and optionally where NULLs go.
///
/// ```swift
/// try await db.quotes.find(
///     where: .all, orderBy: [Quote.validUntil.ascending(nulls: .last), Quote.createdAt.descending])
/// ```
public struct Ordering<Entity>: Sendable {
    /// The quoted column name.
    public let column: String
    /// The column's SQL type, for casting a keyset cursor's values back.
    public let sqlType: String
    /// Whether the order is descending.
    public let isDescending: Bool
    /// Where NULLs go, or the PostgreSQL default (last ascending, first descending).
    public let nulls: NullsOrder?

    /// Creates an ordering on a quoted column written as a literal (build one from a `ColumnRef`, or from a
    /// name chosen at run time through the generated `column(named:)`).
    public init(column: StaticString, sqlType: StaticString, isDescending: Bool, nulls: NullsOrder? = nil) {
        self.init(quoted: column.description, sqlType: sqlType.description, isDescending: isDescending, nulls: nulls)
    }

    /// An ordering on a column taken from the schema (a `ColumnRef` or a generated lookup), never a caller's text.
    init(quoted column: String, sqlType: String, isDescending: Bool, nulls: NullsOrder? = nil) {
        self.column = column
        self.sqlType = sqlType
        self.isDescending = isDescending
        self.nulls = nulls
    }

    /// `column [DESC] [NULLS FIRST|LAST]`.
    var sql: String {
        column + (isDescending ? " DESC" : "") + (nulls.map { " " + $0.rawValue } ?? "")
    }
}
