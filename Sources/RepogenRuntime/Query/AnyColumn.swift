/// A column of `Entity` picked by a name chosen at run time ("sort by the field the client names", dynamic
/// filters), found through the generated `Entity.column(named:)`; its SQL always comes from the schema.
///
/// ```swift
/// let sort = try Quote.column(named: request.sortField)         // "createdAt" or "created_at"
/// let since = try Quote.column(named: "createdAt").compare(.greaterOrEqual, text: "2024-01-01T00:00:00Z")
/// let quotes = try await db.quotes.find(where: since, orderBy: [sort.ordered(descending: request.descending)])
/// ```
public struct AnyColumn<Entity>: Sendable {
    /// The Swift field name (`createdAt`).
    public let field: String
    /// The schema's column name (`created_at`).
    public let schemaName: String
    /// The quoted column, from the schema.
    let column: String
    /// The SQL type values are cast to.
    let sqlType: String

    /// Wraps a generated typed column under its two names; generated code calls this.
    public init<Value>(field: String, schemaName: String, _ reference: ColumnRef<Entity, Value>) {
        self.field = field
        self.schemaName = schemaName
        column = reference.column
        sqlType = reference.sqlType
    }

    /// Ascending order on this column.
    public var ascending: Ordering<Entity> {
        Ordering(quoted: column, sqlType: sqlType, isDescending: false)
    }

    /// Descending order on this column.
    public var descending: Ordering<Entity> {
        Ordering(quoted: column, sqlType: sqlType, isDescending: true)
    }

    /// Ascending or descending order with NULLs placed first or last.
    public func ordered(descending: Bool, nulls: NullsOrder? = nil) -> Ordering<Entity> {
        Ordering(quoted: column, sqlType: sqlType, isDescending: descending, nulls: nulls)
    }

    /// The column is NULL.
    public var isNull: Predicate<Entity> {
        Predicate(SQLFragment(column + " IS NULL"), evaluator: { [column] in $0[column].isNull })
    }

    /// The column is not NULL.
    public var isNotNull: Predicate<Entity> {
        Predicate(SQLFragment(column + " IS NOT NULL"), evaluator: { [column] in !$0[column].isNull })
    }

    /// Compares the column with a value given as text (`column >= $1::text::timestamptz`): the text travels as a
    /// bind and the server converts it to the column's type, failing with SQLSTATE class 22 when it cannot.
    public func compare(_ op: ComparisonOperator, text: String) -> Predicate<Entity> {
        Predicate(SQLFragment(column + " " + op.rawValue + " ") + SQLFragment.bind(text, cast: "text") + "::" + sqlType)
    }

    /// Compares the column with a typed value, bound in its own type and cast to the column's.
    public func compare<Value: PostgresEncodable & Sendable>(_ op: ComparisonOperator, _ value: Value)
        -> Predicate<Entity>
    {
        Predicate(
            SQLFragment(column + " " + op.rawValue + " ") + SQLFragment.bind(value, cast: sqlType),
            evaluator: InMemoryLogic.compare(column, op.rawValue) { InMemoryValue(value) })
    }

    /// The column among `columns` whose Swift field name or schema name is exactly `name`; throws
    /// `invalidArgument` naming the field otherwise (anything else, such as `createdAt; DROP TABLE`, is unknown).
    public static func named(_ name: String, in columns: [AnyColumn], entity: String) throws -> AnyColumn {
        guard let found = columns.first(where: { $0.field == name || $0.schemaName == name }) else {
            let shown = name.count > 64 ? String(name.prefix(64)) + "…" : name
            throw RepogenError(
                kind: .invalidArgument, message: "\(entity) has no field named \(shown.debugDescription)")
        }
        return found
    }
}

/// A comparison for `AnyColumn.compare`.
public enum ComparisonOperator: String, Sendable, Hashable, CaseIterable {
    /// `=`.
    case equal = "="
    /// `<>`.
    case notEqual = "<>"
    /// `<`.
    case less = "<"
    /// `<=`.
    case lessOrEqual = "<="
    /// `>`.
    case greater = ">"
    /// `>=`.
    case greaterOrEqual = ">="
}

extension QueryableEntity {
    /// No columns by name: generated entities list every field instead.
    public static var namedColumns: [AnyColumn<Self>] {
        []
    }

    /// The column a caller names at run time, by Swift field name (`createdAt`) or schema name (`created_at`),
    /// exactly as written; throws `invalidArgument` naming the field when the entity has no such column.
    ///
    /// ```swift
    /// let sort = try Quote.column(named: "createdAt")
    /// let page = try await db.quotes.find(where: sort.isNotNull, orderBy: [sort.descending], limit: 20)
    /// ```
    public static func column(named name: String) throws -> AnyColumn<Self> {
        try AnyColumn.named(name, in: namedColumns, entity: entityTable.entity)
    }
}
