import Foundation

/// A column type PostgreSQL sums and averages, with the Swift types of what it returns: `sum` of an `integer` is
/// a `bigint` (`Int64`), of a `bigint` or `numeric` a `numeric` (`Decimal`), of a `double precision` a `double
/// precision`; `avg` of any integer or `numeric` is a `numeric`.
public protocol PostgresSummable: PostgresDecodable {
    /// The Swift type of `sum(column)`.
    associatedtype Sum: AggregateResult = Decimal
    /// The Swift type of `avg(column)`.
    associatedtype Average: AggregateResult = Decimal
}

/// A type `sum` or `avg` returns, with its SQL type, which a value compared with it in `having:` is cast to.
public protocol AggregateResult: PostgresDecodable, PostgresEncodable {
    /// The SQL type (`bigint`, `numeric`, `double precision`).
    static var aggregateSQLType: String { get }
}

extension Int64: AggregateResult {
    /// `bigint`.
    public static var aggregateSQLType: String { "bigint" }
}

extension Decimal: AggregateResult {
    /// `numeric`.
    public static var aggregateSQLType: String { "numeric" }
}

extension Double: AggregateResult {
    /// `double precision`.
    public static var aggregateSQLType: String { "double precision" }
}

extension Int32: PostgresSummable {
    /// `sum(integer)` is a `bigint`.
    public typealias Sum = Int64
}

/// `sum(bigint)` is a `numeric`: it can exceed a `bigint`.
extension Int64: PostgresSummable {}

/// `sum(bigint)` is a `numeric`: it can exceed a `bigint`.
extension Int: PostgresSummable {}

/// `sum(numeric)` is a `numeric`.
extension Decimal: PostgresSummable {}

extension Double: PostgresSummable {
    /// `sum(double precision)` is a `double precision`.
    public typealias Sum = Double
    /// `avg(double precision)` is a `double precision`.
    public typealias Average = Double
}

/// Aggregates over a column, to select in `aggregate(...)` and compare in `having:`.
///
/// ```swift
/// try await db.quotes.aggregate { Quote.ownerID; Quote.totalAmount.sum; Quote.totalAmount.avg; Quote.id.count }
/// ```
extension ColumnRef {
    /// `count(column)`: the rows where the column is not NULL.
    public var count: Selection<Entity, Int> {
        Self.counting("count(" + column + ")", InMemoryAggregate.count(column))
    }

    /// `count(DISTINCT column)`: the distinct non-NULL values.
    public var countDistinct: Selection<Entity, Int> {
        Self.counting("count(DISTINCT " + column + ")", InMemoryAggregate.countDistinct(column))
    }

    /// An aggregate decoded as a `bigint` count, `fold` its in-memory form.
    static func counting(_ sql: String, _ fold: @escaping InMemoryFold) -> Selection<Entity, Int> {
        Selection(
            SelectExpression(text: sql, sqlType: "bigint", role: .aggregate, memory: .group(fold)),
            decode: { row, index in Int(try row.decode(Int64.self, at: index)) },
            memory: { value in try value.decodedCount() })
    }
}

extension ColumnRef where Value: PostgresSummable {
    /// `coalesce(sum(column), 0)`: the total of the non-NULL values, 0 when there are none.
    public var sum: Selection<Entity, Value.Sum> {
        let expression = SelectExpression(
            text: "coalesce(sum(" + column + "), 0)", sqlType: Value.Sum.aggregateSQLType, role: .aggregate,
            memory: .group(InMemoryAggregate.sum(column, as: Value.Sum.self)))
        return Selection(
            expression, decode: { row, index in try row.decode(Value.Sum.self, at: index) },
            memory: { [column] value in try value.decoded(as: Value.Sum.self, naming: "sum(\(column))") })
    }

    /// `avg(column)`: the mean of the non-NULL values, nil when there are none.
    public var avg: Selection<Entity, Value.Average?> {
        let expression = SelectExpression(
            text: "avg(" + column + ")", sqlType: Value.Average.aggregateSQLType, role: .aggregate,
            memory: .group(InMemoryAggregate.avg(column, as: Value.Average.self)))
        return Selection(
            expression, decode: { row, index in try row.decodeIfPresent(Value.Average.self, at: index) },
            memory: { [column] value in try value.decodedIfPresent(as: Value.Average.self, naming: "avg(\(column))") })
    }
}

extension ColumnRef where Value: PostgresDecodable {
    /// `min(column)`: the smallest non-NULL value, nil when there is none.
    public var min: Selection<Entity, Value?> {
        extreme("min", keeping: -1)
    }

    /// `max(column)`: the largest non-NULL value, nil when there is none.
    public var max: Selection<Entity, Value?> {
        extreme("max", keeping: 1)
    }

    /// `function(column)`; in memory the value whose comparison with the others gives `keeping`.
    private func extreme(_ function: String, keeping order: Int) -> Selection<Entity, Value?> {
        let expression = SelectExpression(
            text: function + "(" + column + ")", sqlType: sqlType, role: .aggregate,
            memory: .group(InMemoryAggregate.extreme(column, function, keeping: order)))
        return Selection(
            expression, decode: { row, index in try row.decodeIfPresent(Value.self, at: index) },
            memory: { [column] value in try value.decodedIfPresent(as: Value.self, naming: column) })
    }
}

extension QueryableEntity {
    /// `count(*)`: the rows of a group (`Quote.rowCount`).
    public static var rowCount: Selection<Self, Int> {
        ColumnRef<Self, Int64>.counting("count(*)") { group in .integer(Int64(group.rows.count)) }
    }
}
