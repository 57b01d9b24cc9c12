/// Aggregate queries: every selected column or time bucket is a group key, every aggregate is computed per group,
/// and ranks number the groups.
///
/// ```swift
/// let paris = TimeZone(identifier: "Europe/Paris")!
/// let perDay = try await db.analyticsEvents.aggregate(where: AnalyticsEvent.occurredAt >= since) {
///     AnalyticsEvent.kind
///     AnalyticsEvent.occurredAt.truncated(to: .day, in: paris)
///     AnalyticsEvent.rowCount
/// }                                                                    // [(String, Date, Int)]
/// ```
extension QueryRepository {
    /// One row per group of the selected keys (no key: one row), each the selected values in order.
    ///
    /// `SELECT keys, aggregates FROM table WHERE [tenant AND] where [AND deleted_at IS NULL] GROUP BY key positions
    /// HAVING having ORDER BY orderBy, keys LIMIT $n`. With `rankedWhere`, the grouped rows are ranked first and
    /// then filtered on a selected column (a user's place on a leaderboard):
    /// `SELECT outputs FROM (...) AS ranked WHERE rankedWhere ORDER BY ... LIMIT $n`.
    ///
    /// Results are cached like `count(where:)` (the `count` kind of `cache: { queries: }`).
    public func aggregate<each O>(
        where predicate: Predicate<Entity> = .all, having: Having<Entity>? = nil,
        orderBy: [any SortKey<Entity>] = [], limit: Int? = nil, offset: Int = 0,
        rankedWhere: Predicate<Entity>? = nil, includeDeleted: Bool = false, onlyDeleted: Bool = false,
        cache: QueryCaching = .schema,
        @SelectionBuilder<Entity> _ selections: () -> SelectionList<Entity, repeat each O>
    ) async throws -> [(repeat each O)] {
        let list = selections()
        let statement = ResultStatement(expressions: list.expressions)
        var inner = "SELECT " + statement.selectList + " FROM \(Entity.entityTable.table) WHERE "
        inner = inner + (try scoped(predicate)).fragment
        inner = inner + DeletedRows(includeDeleted: includeDeleted, onlyDeleted: onlyDeleted)
            .condition(Entity.entityTable.deletedAt) + statement.groupByClause
        if let having { inner = inner + " HAVING " + having.fragment }
        var builder = SQLBuilder()
        builder.append(Self.filtered(inner, outputs: statement.outputNames, rankedWhere))
        builder.append(statement.orderClause(orderBy))
        try builder.appendPaging(limit: limit, offset: offset)
        return try await run(builder, .count, caching: cache) { result in
            try result.decodeRows(list.decode)
        }
    }

    /// `inner`, or with a ranked filter `SELECT outputs FROM (inner) AS ranked WHERE outer`: the inner query's ranks
    /// are computed over all of its rows before the outer condition keeps some of them.
    static func filtered(_ inner: SQLFragment, outputs: String, _ outer: Predicate<Entity>?) -> SQLFragment {
        guard let outer else { return inner }
        return "SELECT " + outputs + " FROM (" + inner + ") AS ranked WHERE " + outer.fragment
    }
}
