/// The SQL of a projection or an aggregate query over the selected expressions, in the order selected: the
/// select list, `GROUP BY` and `ORDER BY` by position, and the outer query that filters ranked rows.
struct ResultStatement {
    let expressions: [SelectExpression]

    /// The select list; an expression that is not a plain column is named `rN` (its 1-based position), so an
    /// outer query can name every output.
    var selectList: SQLFragment {
        SQLFragment.joined(expressions.enumerated().map { index, expression in
            expression.column == nil ? expression.fragment + " AS r\(index + 1)" : expression.fragment
        }, separator: ", ")
    }

    /// The outputs' names, for the outer query of a ranked filter.
    var outputNames: String {
        expressions.enumerated().map { index, expression in expression.column ?? "r\(index + 1)" }
            .joined(separator: ", ")
    }

    /// The non-column expressions named `rN`, appended to `*` in the inner query of a ranked projection.
    var computedList: SQLFragment? {
        let computed = expressions.enumerated().filter { $0.element.column == nil }
        guard !computed.isEmpty else { return nil }
        return SQLFragment.joined(computed.map { $0.element.fragment + " AS r\($0.offset + 1)" }, separator: ", ")
    }

    /// The 1-based positions of the group keys (columns and time buckets).
    var keyPositions: [Int] {
        expressions.enumerated().filter { $0.element.role == .key }.map { $0.offset + 1 }
    }

    /// Whether any expression is an aggregate (`select(...)` refuses them).
    var hasAggregate: Bool {
        expressions.contains { $0.role == .aggregate }
    }

    /// ` GROUP BY 1, 2` over the keys, by position: a time bucket's zone is a bind, and the same expression
    /// written twice would carry two binds PostgreSQL cannot tell are equal.
    var groupByClause: String {
        keyPositions.isEmpty ? "" : " GROUP BY " + keyPositions.map(String.init).joined(separator: ", ")
    }

    /// ` ORDER BY` the given keys, each by position when it is selected and written out otherwise, then the group
    /// keys not already ordered on, so equal aggregates come back in a fixed order.
    func orderClause<Entity>(_ order: [any SortKey<Entity>]) -> SQLFragment {
        var used: Set<Int> = []
        var keys: [SQLFragment] = order.map { key in
            let ordering = key.resultOrdering
            guard let index = expressions.firstIndex(where: { $0.identity == ordering.expression.identity }) else {
                return ordering.expression.fragment + ordering.suffix
            }
            used.insert(index + 1)
            return SQLFragment("\(index + 1)" + ordering.suffix)
        }
        keys += keyPositions.filter { !used.contains($0) }.map { SQLFragment(String($0)) }
        return keys.isEmpty ? SQLFragment("") : " ORDER BY " + SQLFragment.joined(keys, separator: ", ")
    }
}
