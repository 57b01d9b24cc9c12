/// A predicate's condition on one stored row: true, false, or nil for SQL's unknown (a NULL operand).
typealias InMemoryCondition = @Sendable (InMemoryRow) throws -> Bool?

/// SQL's three-valued logic over conditions; nil (no evaluator) when any operand has none.
enum InMemoryLogic {
    /// `AND`: false when any is false, else unknown when any is unknown, else true.
    static func and<Entity>(_ predicates: [Predicate<Entity>]) -> InMemoryCondition? {
        combined(predicates, decidedBy: false)
    }

    /// `OR`: true when any is true, else unknown when any is unknown, else false.
    static func or<Entity>(_ predicates: [Predicate<Entity>]) -> InMemoryCondition? {
        combined(predicates, decidedBy: true)
    }

    /// The conditions joined by `AND` (`decisive` false) or `OR` (`decisive` true): the decisive value as soon
    /// as one condition has it, else unknown when any is unknown, else the other value.
    static func combined<Entity>(_ predicates: [Predicate<Entity>], decidedBy decisive: Bool) -> InMemoryCondition? {
        let conditions = predicates.compactMap(\.evaluator)
        guard conditions.count == predicates.count else { return nil }
        return { row in try combine(conditions, row, decidedBy: decisive) }
    }

    static func combine(_ conditions: [InMemoryCondition], _ row: InMemoryRow, decidedBy decisive: Bool) throws -> Bool? {
        var result: Bool? = !decisive
        for condition in conditions {
            switch try condition(row) {
            case decisive?: return decisive
            case nil: result = nil
            default: break
            }
        }
        return result
    }

    /// `NOT`: unknown stays unknown.
    static func not<Entity>(_ predicate: Predicate<Entity>) -> InMemoryCondition? {
        guard let condition = predicate.evaluator else { return nil }
        return { row in try condition(row).map { !$0 } }
    }

    /// `column op value` for a comparison operator written as in SQL (`=`, `<>`, `<`, `<=`, `>`, `>=`).
    static func compare(_ column: String, _ op: String, _ value: @escaping @Sendable () -> InMemoryValue?)
        -> InMemoryCondition
    {
        { row in
            guard let operand = value() else { throw RepogenError.unsupportedInMemory("a value of this type") }
            return try compare(row[column], op, operand)
        }
    }

    /// `expression op value` in `having:`: the expression computed over the group `InMemoryGroup.current`.
    static func compareGroup(
        _ expression: SelectExpression, _ op: String, _ value: @escaping @Sendable () -> InMemoryValue?
    ) -> InMemoryCondition {
        { _ in
            guard let group = InMemoryGroup.current else {
                throw RepogenError.unsupportedInMemory("a having: condition outside aggregate { }")
            }
            guard let operand = value() else { throw RepogenError.unsupportedInMemory("a value of this type") }
            return try compare(try expression.value(in: group), op, operand)
        }
    }

    /// `lhs op rhs`: nil (unknown) when either is NULL.
    static func compare(_ lhs: InMemoryValue, _ op: String, _ rhs: InMemoryValue) throws -> Bool? {
        if op == "=" { return try InMemoryValue.equals(lhs, rhs) }
        if op == "<>" { return try InMemoryValue.equals(lhs, rhs).map { !$0 } }
        guard let order = try InMemoryValue.compare(lhs, rhs) else { return nil }
        switch op {
        case "<": return order < 0
        case "<=": return order <= 0
        case ">": return order > 0
        case ">=": return order >= 0
        default: throw RepogenError.unsupportedInMemory("the operator \(op)")
        }
    }
}

extension InMemoryLogic {
    /// `column = ANY(values)` (or `column <> ALL(values)` when `negated`): an empty list is false (true when
    /// negated) even for a NULL column; otherwise a NULL column is unknown.
    static func member<Value: Sendable>(_ column: String, of values: [Value], negated: Bool) -> InMemoryCondition {
        { row in
            guard !values.isEmpty else { return negated }
            let value = row[column]
            guard !value.isNull else { return nil }
            for candidate in values {
                guard let operand = InMemoryValue(candidate) else {
                    throw RepogenError.unsupportedInMemory("a value of type \(Value.self)")
                }
                if try InMemoryValue.equals(value, operand) == true { return !negated }
            }
            return negated
        }
    }
}
