/// A predicate's condition on one stored row: true, false, or nil for SQL's unknown (a NULL operand).
typealias InMemoryCondition = @Sendable (InMemoryRow) throws -> Bool?

/// SQL's three-valued logic over conditions; nil (no evaluator) when any operand has none.
enum InMemoryLogic {
    /// `AND`: false when any is false, else unknown when any is unknown, else true.
    static func and<Entity>(_ predicates: [Predicate<Entity>]) -> InMemoryCondition? {
        let conditions = predicates.compactMap(\.evaluator)
        guard conditions.count == predicates.count else { return nil }
        return { row in
            var result: Bool? = true
            for condition in conditions {
                switch try condition(row) {
                case false?: return false
                case nil: result = nil
                case true?: break
                }
            }
            return result
        }
    }

    /// `OR`: true when any is true, else unknown when any is unknown, else false.
    static func or<Entity>(_ predicates: [Predicate<Entity>]) -> InMemoryCondition? {
        let conditions = predicates.compactMap(\.evaluator)
        guard conditions.count == predicates.count else { return nil }
        return { row in
            var result: Bool? = false
            for condition in conditions {
                switch try condition(row) {
                case true?: return true
                case nil: result = nil
                case false?: break
                }
            }
            return result
        }
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
            if op == "=" { return try InMemoryValue.equals(row[column], operand) }
            if op == "<>" { return try InMemoryValue.equals(row[column], operand).map { !$0 } }
            guard let order = try InMemoryValue.compare(row[column], operand) else { return nil }
            switch op {
            case "<": return order < 0
            case "<=": return order <= 0
            case ">": return order > 0
            case ">=": return order >= 0
            default: throw RepogenError.unsupportedInMemory("the operator \(op)")
            }
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
