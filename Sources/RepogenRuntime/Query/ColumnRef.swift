/// A typed reference to one column of `Entity`, generated per field (`Quote.status`, `Quote.totalAmount`).
///
/// Operators on it build `Predicate<Entity>`; a value of another type than `Value` does not compile.
///
/// ```swift
/// let recent = Quote.createdAt >= cutoff && Quote.status.in([.sent, .accepted])
/// ```
public struct ColumnRef<Entity, Value: PostgresEncodable & Sendable>: Sendable {
    /// The quoted column name, from the schema.
    public let column: String
    /// The SQL type a bound value is cast to (`text`, `numeric`, `quote_status`).
    public let sqlType: String
    /// Whether callers may assign it in `updateMany` (false for the key and columns the repository maintains).
    public let isWritable: Bool

    /// Creates a reference; generated code calls this with identifiers from the schema. Both texts are
    /// `StaticString`, so only literals written in the source become SQL: a name chosen at run time goes through
    /// the generated `column(named:)` lookup instead.
    public init(column: StaticString, sqlType: StaticString, isWritable: Bool) {
        self.column = column.description
        self.sqlType = sqlType.description
        self.isWritable = isWritable
    }

    func compare(_ op: String, _ value: Value) -> Predicate<Entity> {
        Predicate(
            SQLFragment(column + " " + op + " ") + SQLFragment.bind(value, cast: sqlType),
            evaluator: InMemoryLogic.compare(column, op) { InMemoryValue(value) })
    }

    /// The column is NULL.
    public var isNull: Predicate<Entity> {
        Predicate(SQLFragment(column + " IS NULL"), evaluator: { [column] in $0[column].isNull })
    }

    /// The column is not NULL.
    public var isNotNull: Predicate<Entity> {
        Predicate(SQLFragment(column + " IS NOT NULL"), evaluator: { [column] in !$0[column].isNull })
    }

    /// The column equals one of `values` (`= ANY($1)`); false for an empty list.
    public func `in`(_ values: [Value]) -> Predicate<Entity> {
        Predicate(
            SQLFragment(column + " = ANY(") + SQLFragment.bindArray(values, cast: sqlType) + ")",
            evaluator: InMemoryLogic.member(column, of: values, negated: false))
    }

    /// The column is not NULL and equals none of `values` (`<> ALL($1)`); true for an empty list.
    public func notIn(_ values: [Value]) -> Predicate<Entity> {
        Predicate(
            SQLFragment("(" + column + " <> ALL(") + SQLFragment.bindArray(values, cast: sqlType) + "))",
            evaluator: InMemoryLogic.member(column, of: values, negated: true))
    }

    /// `lower <= column <= upper`.
    public func between(_ lower: Value, and upper: Value) -> Predicate<Entity> {
        let bounds = SQLFragment.bind(lower, cast: sqlType) + " AND " + SQLFragment.bind(upper, cast: sqlType)
        return Predicate(
            "(" + SQLFragment(column + " BETWEEN ") + bounds + ")",
            evaluator: InMemoryLogic.and([compare(">=", lower), compare("<=", upper)]))
    }

    /// Ascending order on this column.
    public var ascending: Ordering<Entity> {
        Ordering(quoted: column, sqlType: sqlType, isDescending: false)
    }

    /// Descending order on this column.
    public var descending: Ordering<Entity> {
        Ordering(quoted: column, sqlType: sqlType, isDescending: true)
    }

    /// Ascending order with NULLs placed first or last.
    public func ascending(nulls: NullsOrder) -> Ordering<Entity> {
        Ordering(quoted: column, sqlType: sqlType, isDescending: false, nulls: nulls)
    }

    /// Descending order with NULLs placed first or last.
    public func descending(nulls: NullsOrder) -> Ordering<Entity> {
        Ordering(quoted: column, sqlType: sqlType, isDescending: true, nulls: nulls)
    }

    /// An assignment of `value` to this column for `updateMany(where:set:)`.
    public func set(_ value: Value?) -> Assignment<Entity> {
        var assignment = Assignment<Entity>(
            column: column, isWritable: isWritable, value: SQLFragment.bindOptional(value, cast: sqlType), given: value)
        assignment.compute = { _ in try InMemoryValue.require(value) }
        return assignment
    }

    /// An assignment copying `other`, a column of the same row and type (`SET "a" = "b"`); nothing is bound.
    public func set(_ other: ColumnRef<Entity, Value>) -> Assignment<Entity> {
        var assignment = Assignment<Entity>(
            column: column, isWritable: isWritable, value: SQLFragment(other.column), given: nil)
        assignment.compute = { [source = other.column] row in row[source] }
        return assignment
    }
}

/// `column = value`.
public func == <E, V>(lhs: ColumnRef<E, V>, rhs: V) -> Predicate<E> { lhs.compare("=", rhs) }
/// `column <> value` (a NULL column matches neither `==` nor `!=`).
public func != <E, V>(lhs: ColumnRef<E, V>, rhs: V) -> Predicate<E> { lhs.compare("<>", rhs) }
/// `column > value`.
public func > <E, V>(lhs: ColumnRef<E, V>, rhs: V) -> Predicate<E> { lhs.compare(">", rhs) }
/// `column >= value`.
public func >= <E, V>(lhs: ColumnRef<E, V>, rhs: V) -> Predicate<E> { lhs.compare(">=", rhs) }
/// `column < value`.
public func < <E, V>(lhs: ColumnRef<E, V>, rhs: V) -> Predicate<E> { lhs.compare("<", rhs) }
/// `column <= value`.
public func <= <E, V>(lhs: ColumnRef<E, V>, rhs: V) -> Predicate<E> { lhs.compare("<=", rhs) }

/// One `column = value` of a bulk update; build it with `ColumnRef.set(_:)`.
public struct Assignment<Entity>: Sendable {
    /// The quoted column name.
    public let column: String
    /// Whether the column may be assigned by callers.
    public let isWritable: Bool
    /// The bound value.
    let value: SQLFragment
    /// The value as given, for the length and precision check before sending (`FieldValidation`).
    var given: (any Sendable)?
    /// Whether `given` is an operand applied to the column's current value (`increment`), not the new value, so
    /// only its fractional digits can be checked before sending.
    var isRelative = false
    /// The new value computed from the stored row, for the in-memory repositories (before the column's range and
    /// scale are applied); nil when it cannot be computed there.
    var compute: InMemoryAssignment?
}
