/// Per-parent limits: the first rows of each of many keys in one statement, the form behind the generated
/// `loadEvents(for:orderBy:limit:)`.
extension QueryRepository {
    /// At most `limit` rows for each of `keys` in `column`, each key's rows in `orderBy` order then primary key, among
    /// the rows `predicate` matches; keys in the order given (duplicates once), rows grouped by key.
    ///
    /// One statement: `unnest` of the keys as a bind `WITH ORDINALITY`, `CROSS JOIN LATERAL` a subquery that orders
    /// and limits one key's rows (so an index on `column` and the ordering serves each key), `limit` a bind; it is
    /// prepared once per ordering and predicate shape. Throws `invalidArgument` for a negative `limit`; no keys
    /// sends nothing. Soft-deleted rows are left out unless `includeDeleted` or `onlyDeleted`; tenant-scoped
    /// entities see the executor's tenant only.
    ///
    /// ```swift
    /// let latest = try await db.analyticsEvents.find(
    ///     eachOf: AnalyticsEvent.userID, in: users.map(\.id), orderBy: [AnalyticsEvent.occurredAt.descending], limit: 5)
    /// ```
    public func find<Key: PostgresEncodable & Hashable & Sendable>(
        where predicate: Predicate<Entity> = .all, eachOf column: ColumnRef<Entity, Key>, in keys: [Key],
        orderBy: [Ordering<Entity>], limit: Int, includeDeleted: Bool = false, onlyDeleted: Bool = false
    ) async throws -> [Entity] {
        let limit = try SQLBuilder.nonNegative(limit, "limit")
        var seen = Set<Key>()
        let distinct = keys.filter { seen.insert($0).inserted }
        guard !distinct.isEmpty else { return [] }
        let table = Entity.entityTable
        var builder = SQLBuilder()
        builder.append("SELECT " + table.columns.map { "repogen_rows." + $0 }.joined(separator: ", ") + " FROM unnest(")
        builder.append(SQLFragment.bindArray(distinct, cast: column.sqlType))
        builder.append(") WITH ORDINALITY AS repogen_keys (key, position) CROSS JOIN LATERAL (SELECT "
            + "\(table.selectList) FROM \(table.table) WHERE \(column.column) = repogen_keys.key AND ")
        builder.append(try scoped(predicate))
        builder.append(DeletedRows(includeDeleted: includeDeleted, onlyDeleted: onlyDeleted).condition(table.deletedAt))
        builder.append(orderClause(orderBy) + " LIMIT " + SQLFragment.bind(Int64(limit), cast: "bigint"))
        let outer = orderClause(orderBy, qualifier: "repogen_rows.").dropFirst(" ORDER BY ".count)
        builder.append(") AS repogen_rows ORDER BY repogen_keys.position, " + outer)
        return try await run(builder, .find, caching: .off) { try $0.decodeRows(Entity.decode) }
    }
}
