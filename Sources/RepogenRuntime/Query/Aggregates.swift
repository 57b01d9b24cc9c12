import Foundation

/// A column type PostgreSQL sums and averages, with the Swift types of what it returns: `sum` of an `integer` is
/// a `bigint`, of a `bigint` or `numeric` a `numeric`, of a `double precision` a `double precision`; `avg` of any
/// integer or `numeric` is a `numeric`.
public protocol PostgresSummable: PostgresDecodable {
    /// The Swift type of `sum(column)`.
    associatedtype Sum: PostgresDecodable & PostgresEncodable
    /// The Swift type of `avg(column)`.
    associatedtype Average: PostgresDecodable & PostgresEncodable
    /// The SQL type of `sum(column)`, which a value compared with it in `having:` is cast to.
    static var sumSQLType: String { get }
    /// The SQL type of `avg(column)`.
    static var averageSQLType: String { get }
}

extension Int32: PostgresSummable {
    /// The Swift type of the sum.
    public typealias Sum = Int64
    /// The Swift type of the mean.
    public typealias Average = Decimal
    /// `sum(integer)` is a `bigint`.
    public static var sumSQLType: String { "bigint" }
    /// `avg(integer)` is a `numeric`.
    public static var averageSQLType: String { "numeric" }
}

extension Int64: PostgresSummable {
    /// The Swift type of the sum.
    public typealias Sum = Decimal
    /// The Swift type of the mean.
    public typealias Average = Decimal
    /// `sum(bigint)` is a `numeric`: it can exceed a `bigint`.
    public static var sumSQLType: String { "numeric" }
    /// `avg(bigint)` is a `numeric`.
    public static var averageSQLType: String { "numeric" }
}

extension Int: PostgresSummable {
    /// The Swift type of the sum.
    public typealias Sum = Decimal
    /// The Swift type of the mean.
    public typealias Average = Decimal
    /// `sum(bigint)` is a `numeric`: it can exceed a `bigint`.
    public static var sumSQLType: String { "numeric" }
    /// `avg(bigint)` is a `numeric`.
    public static var averageSQLType: String { "numeric" }
}

extension Decimal: PostgresSummable {
    /// The Swift type of the sum.
    public typealias Sum = Decimal
    /// The Swift type of the mean.
    public typealias Average = Decimal
    /// `sum(numeric)` is a `numeric`.
    public static var sumSQLType: String { "numeric" }
    /// `avg(numeric)` is a `numeric`.
    public static var averageSQLType: String { "numeric" }
}

extension Double: PostgresSummable {
    /// The Swift type of the sum.
    public typealias Sum = Double
    /// The Swift type of the mean.
    public typealias Average = Double
    /// `sum(double precision)` is a `double precision`.
    public static var sumSQLType: String { "double precision" }
    /// `avg(double precision)` is a `double precision`.
    public static var averageSQLType: String { "double precision" }
}

/// Aggregates over a column, to select in `aggregate(...)` and compare in `having:`.
///
/// ```swift
/// try await db.quotes.aggregate(Quote.ownerID, Quote.totalAmount.sum, Quote.totalAmount.avg, Quote.id.count)
/// ```
extension ColumnRef {
    /// `count(column)`: the rows where the column is not NULL.
    public var count: Selection<Entity, Int> {
        Self.counting("count(" + column + ")")
    }

    /// `count(DISTINCT column)`: the distinct non-NULL values.
    public var countDistinct: Selection<Entity, Int> {
        Self.counting("count(DISTINCT " + column + ")")
    }

    /// An aggregate decoded as a `bigint` count.
    static func counting(_ sql: String) -> Selection<Entity, Int> {
        Selection(SelectExpression(text: sql, sqlType: "bigint", role: .aggregate)) { row, index in
            Int(try row.decode(Int64.self, at: index))
        }
    }
}

extension ColumnRef where Value: PostgresSummable {
    /// `coalesce(sum(column), 0)`: the total of the non-NULL values, 0 when there are none.
    public var sum: Selection<Entity, Value.Sum> {
        let expression = SelectExpression(
            text: "coalesce(sum(" + column + "), 0)", sqlType: Value.sumSQLType, role: .aggregate)
        return Selection(expression) { row, index in try row.decode(Value.Sum.self, at: index) }
    }

    /// `avg(column)`: the mean of the non-NULL values, nil when there are none.
    public var avg: Selection<Entity, Value.Average?> {
        let expression = SelectExpression(
            text: "avg(" + column + ")", sqlType: Value.averageSQLType, role: .aggregate)
        return Selection(expression) { row, index in try row.decodeIfPresent(Value.Average.self, at: index) }
    }
}

extension ColumnRef where Value: PostgresDecodable {
    /// `min(column)`: the smallest non-NULL value, nil when there is none.
    public var min: Selection<Entity, Value?> {
        extreme("min")
    }

    /// `max(column)`: the largest non-NULL value, nil when there is none.
    public var max: Selection<Entity, Value?> {
        extreme("max")
    }

    private func extreme(_ function: String) -> Selection<Entity, Value?> {
        let expression = SelectExpression(text: function + "(" + column + ")", sqlType: sqlType, role: .aggregate)
        return Selection(expression) { row, index in try row.decodeIfPresent(Value.self, at: index) }
    }
}

extension QueryableEntity {
    /// `count(*)`: the rows of a group (`Quote.rowCount`).
    public static var rowCount: Selection<Self, Int> {
        ColumnRef<Self, Int64>.counting("count(*)")
    }
}
