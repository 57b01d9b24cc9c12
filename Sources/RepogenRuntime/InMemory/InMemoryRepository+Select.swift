/// `select { }` and `aggregate { }` in memory, step for step as their SQL runs: filter, group, `having:`, compute
/// the selected values (ranks over every remaining row), `rankedWhere`, order, page.
extension InMemoryRepository {
    /// The selected values of the rows matching `predicate`, as `QueryRepository.select` returns them.
    public func select<each O>(
        where predicate: Predicate<Entity>, orderBy: [Ordering<Entity>], limit: Int?, offset: Int,
        rankedWhere: Predicate<Entity>?, includeDeleted: Bool, onlyDeleted: Bool, cache: QueryCaching,
        @SelectionBuilder<Entity> _ selections: () -> SelectionList<Entity, repeat each O>
    ) async throws -> [(repeat each O)] {
        let list = selections()
        let expressions = list.expressions
        guard !expressions.contains(where: { $0.role == .aggregate }) else {
            throw RepogenError(
                kind: .invalidArgument, message: "select(...) reads rows; select aggregates with aggregate(...)")
        }
        try Self.checkPaging(limit, offset)
        let deleted = DeletedRows(includeDeleted: includeDeleted, onlyDeleted: onlyDeleted)
        let ranked = try rankedWhere.map(condition)
        var keys = orderBy.map { ($0.column, $0.isDescending, $0.nulls) }
        if !orderBy.contains(where: { $0.column == table.primaryKey }) {
            keys.append((table.primaryKey, orderBy.last?.isDescending ?? false, nil))
        }
        let sortKeys = keys.map { column, descending, nulls in
            InMemoryResultRows.SortKey(value: { $0.group.rows[0][column] }, descending: descending, nulls: nulls)
        }
        return try await context.statement { state, _ in
            let rows = try state.rows(of: table, where: try condition(predicate), deleted)
            var result = try InMemoryResultRows(rows.map { InMemoryGroup(rows: [$0], table: table) }, expressions)
            if let ranked { try result.filter { try ranked($0.group.rows[0]) == true } }
            try result.sort(by: sortKeys)
            result.page(limit: limit, offset: offset)
            return try result.entries.map { try list.decode(memory: $0.values) }
        }
    }

    /// One row per group of the selected keys, as `QueryRepository.aggregate` returns them.
    public func aggregate<each O>(
        where predicate: Predicate<Entity>, having: Having<Entity>?, orderBy: [any SortKey<Entity>], limit: Int?,
        offset: Int, rankedWhere: Predicate<Entity>?, includeDeleted: Bool, onlyDeleted: Bool, cache: QueryCaching,
        @SelectionBuilder<Entity> _ selections: () -> SelectionList<Entity, repeat each O>
    ) async throws -> [(repeat each O)] {
        let list = selections()
        let plan = try InMemoryAggregatePlan(
            selected: list.expressions, orderBy: orderBy.map { $0.resultOrdering }, having: having,
            rankedWhere: rankedWhere, table: table)
        try Self.checkPaging(limit, offset)
        let deleted = DeletedRows(includeDeleted: includeDeleted, onlyDeleted: onlyDeleted)
        let ranked = try rankedWhere.map(condition)
        return try await context.statement { state, _ in
            let rows = try state.rows(of: table, where: try condition(predicate), deleted)
            var result = try InMemoryResultRows(try plan.groups(of: rows), plan.expressions)
            if let ranked { try result.filter { try ranked(plan.outputRow($0)) == true } }
            try result.sort(by: plan.sortKeys)
            result.page(limit: limit, offset: offset)
            return try result.entries.map { try list.decode(memory: $0.values) }
        }
    }

    private static func checkPaging(_ limit: Int?, _ offset: Int) throws {
        if let limit { _ = try SQLBuilder.nonNegative(limit, "limit") }
        _ = try SQLBuilder.nonNegative(offset, "offset")
    }
}
