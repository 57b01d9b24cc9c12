import Foundation

/// A Swift type whose columns can be changed relative to their current value (`increment`, `decrement`,
/// `multiply`): the `Int32`, `Int64`, `Int`, `Double` and `Decimal` types generated for numeric fields.
public protocol ColumnArithmetic: PostgresEncodable, Sendable {}

extension Int32: ColumnArithmetic {}
extension Int64: ColumnArithmetic {}
extension Int: ColumnArithmetic {}
extension Double: ColumnArithmetic {}
extension Decimal: ColumnArithmetic {}

/// Atomic, column-relative assignments for `updateMany(where:set:)` and `update(id:set:)`: the new value is
/// computed by the server from the row's current value in the same `UPDATE`, so concurrent writers never lose an
/// increment. The operand is a bind; a result the column cannot hold (an `integer` past 2147483647, a
/// `numeric(12,2)` past 10^10) fails on the server with `constraintViolation` / `outOfRange` (SQLSTATE 22003) and
/// nothing is written. A NULL column stays NULL (SQL arithmetic on NULL).
///
/// ```swift
/// try await db.quotes.update(id: id, set: [Quote.totalAmount.increment(by: 10)])
/// ```
extension ColumnRef where Value: ColumnArithmetic {
    /// `SET column = column + $n`.
    public func increment(by amount: Value) -> Assignment<Entity> {
        relative("+", amount)
    }

    /// `SET column = column - $n`.
    public func decrement(by amount: Value) -> Assignment<Entity> {
        relative("-", amount)
    }

    /// `SET column = column * $n`.
    public func multiply(by factor: Value) -> Assignment<Entity> {
        relative("*", factor)
    }

    private func relative(_ op: String, _ operand: Value) -> Assignment<Entity> {
        let value = SQLFragment("(" + column + " " + op + " ") + SQLFragment.bind(operand, cast: sqlType) + ")"
        var assignment = Assignment<Entity>(
            column: column, isWritable: isWritable, value: value, given: operand, isRelative: true)
        assignment.compute = InMemoryArithmetic.relative(column, op, operand)
        return assignment
    }
}
