/// Projections: some columns of an entity, decoded to their Swift types without decoding whole rows.
///
/// ```swift
/// let list = try await db.quotes.select(where: .open, orderBy: [Quote.createdAt.descending], limit: 20) {
///     Quote.id
///     Quote.title
///     Quote.totalAmount
/// }
/// for (id, title, total) in list { ... }                              // (UUID, String, Decimal)
/// ```
extension QueryRepository {
    /// The selected values of the rows matching `predicate`, sorted by `orderBy` then the primary key, at most
    /// `limit` after `offset`: `SELECT columns FROM table WHERE ... ORDER BY ... LIMIT $n OFFSET $m`.
    ///
    /// Columns, time buckets and ranks (`Quote.rank(by:)`) can be selected; an aggregate throws `invalidArgument`
    /// (use `aggregate(...)`). With `rankedWhere`, ranks are computed over every matching row and the rows are
    /// then filtered (the rank of one quote among its owner's):
    /// `SELECT outputs FROM (SELECT *, ranks AS rN FROM table WHERE ...) AS ranked WHERE rankedWhere ORDER BY ...`.
    ///
    /// Soft-deleted rows are left out unless `includeDeleted` or `onlyDeleted`; cached like `find`.
    public func select<each O>(
        where predicate: Predicate<Entity> = .all, orderBy: [Ordering<Entity>] = [],
        limit: Int? = nil, offset: Int = 0, rankedWhere: Predicate<Entity>? = nil, includeDeleted: Bool = false,
        onlyDeleted: Bool = false, cache: QueryCaching = .schema,
        @SelectionBuilder<Entity> _ selections: () -> SelectionList<Entity, repeat each O>
    ) async throws -> [(repeat each O)] {
        let list = selections()
        let statement = ResultStatement(expressions: list.expressions)
        guard !statement.hasAggregate else {
            throw RepogenError(
                kind: .invalidArgument, message: "select(...) reads rows; select aggregates with aggregate(...)")
        }
        let computed = statement.computedList.map { ", " + $0 } ?? SQLFragment("")
        let columns = rankedWhere == nil ? statement.selectList : "*" + computed
        var inner = "SELECT " + columns + " FROM \(Entity.entityTable.table) WHERE " + (try scoped(predicate)).fragment
        inner = inner + DeletedRows(includeDeleted: includeDeleted, onlyDeleted: onlyDeleted)
            .condition(Entity.entityTable.deletedAt)
        var builder = SQLBuilder()
        builder.append(Self.filtered(inner, outputs: statement.outputNames, rankedWhere))
        builder.append(orderClause(orderBy))
        try builder.appendPaging(limit: limit, offset: offset)
        return try await run(builder, .find, caching: cache) { result in
            try result.decodeRows(list.decode)
        }
    }
}
