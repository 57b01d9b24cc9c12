import Foundation

/// The groups of an aggregate query over `Entity`: `Predicate<Grouped<Quote>>` (`Having<Quote>`) is a `having:`
/// condition, built by comparing a selected aggregate with a value and composed with `&&`, `||` and `!`.
///
/// ```swift
/// try await db.quotes.aggregate(having: Quote.rowCount >= 3 && Quote.totalAmount.sum > 1000) {
///     Quote.ownerID
///     Quote.rowCount
/// }
/// ```
public enum Grouped<Entity>: Sendable {}

/// A condition on the groups of an aggregate query (SQL `HAVING`).
public typealias Having<Entity> = Predicate<Grouped<Entity>>

/// What an aggregate decodes to, and the type of a value it is compared with in `having:` (`Int` for a count,
/// `Decimal` for `avg` whose result is `Decimal?`); a NULL aggregate matches no comparison.
public protocol AggregateValue: Sendable {
    /// The type of a value compared with the aggregate.
    associatedtype Compared: PostgresEncodable
}

extension Int: AggregateValue {
    /// Compared with an `Int`.
    public typealias Compared = Int
}

extension Int64: AggregateValue {
    /// Compared with an `Int64`.
    public typealias Compared = Int64
}

extension Decimal: AggregateValue {
    /// Compared with a `Decimal`.
    public typealias Compared = Decimal
}

extension Double: AggregateValue {
    /// Compared with a `Double`.
    public typealias Compared = Double
}

extension Optional: AggregateValue where Wrapped: PostgresEncodable {
    /// Compared with the wrapped type.
    public typealias Compared = Wrapped
}

extension Selection where Output: AggregateValue {
    /// `expression op $n::type`, the value a bind cast to the aggregate's SQL type; in memory the expression is
    /// computed over the group being filtered.
    func compare(_ op: String, _ value: Output.Compared) -> Having<Entity> {
        Predicate(
            expression.fragment + " \(op) " + SQLFragment.bind(value, cast: expression.sqlType),
            evaluator: InMemoryLogic.compareGroup(expression, op) { InMemoryValue(value) })
    }
}

/// `aggregate = value`.
public func == <E, O: AggregateValue>(lhs: Selection<E, O>, rhs: O.Compared) -> Having<E> { lhs.compare("=", rhs) }
/// `aggregate <> value`.
public func != <E, O: AggregateValue>(lhs: Selection<E, O>, rhs: O.Compared) -> Having<E> { lhs.compare("<>", rhs) }
/// `aggregate > value`.
public func > <E, O: AggregateValue>(lhs: Selection<E, O>, rhs: O.Compared) -> Having<E> { lhs.compare(">", rhs) }
/// `aggregate >= value`.
public func >= <E, O: AggregateValue>(lhs: Selection<E, O>, rhs: O.Compared) -> Having<E> { lhs.compare(">=", rhs) }
/// `aggregate < value`.
public func < <E, O: AggregateValue>(lhs: Selection<E, O>, rhs: O.Compared) -> Having<E> { lhs.compare("<", rhs) }
/// `aggregate <= value`.
public func <= <E, O: AggregateValue>(lhs: Selection<E, O>, rhs: O.Compared) -> Having<E> { lhs.compare("<=", rhs) }
