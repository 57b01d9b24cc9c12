/// Per-parent limits: the first rows of each of many keys in one statement, the form behind the generated
/// `loadEvents(for:orderBy:limit:)`; the many-to-many form (`eachOf:linkedBy:`) is in QueryRepository+EachOfLinked.
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
        let table = Entity.entityTable
        let frame = EachOfFrame(keys: keys, cast: column.sqlType, limit: limit, returnsPosition: false)
        guard let builder = try frame.statement(orderBy: orderBy, rows: "", in: self, subquery: { builder in
            builder.append("SELECT \(table.selectList) FROM \(table.table) WHERE \(column.column) = repogen_keys.key AND ")
            builder.append(try scoped(predicate))
            builder.append(DeletedRows(includeDeleted: includeDeleted, onlyDeleted: onlyDeleted).condition(table.deletedAt))
        }) else { return [] }
        return try await run(builder, .find, caching: .off) { try $0.decodeRows(Entity.decode) }
    }
}

/// The statement every per-parent load shares: the distinct keys as one array bind `unnest`ed `WITH ORDINALITY`,
/// `CROSS JOIN LATERAL` one key's rows ordered (then primary key) and limited by a bind, the result in key order then
/// the same ordering. The caller writes the subquery's `SELECT ... WHERE ...` against `repogen_keys.key`.
struct EachOfFrame<Key: PostgresEncodable & Hashable & Sendable> {
    /// The keys in the order given, each once; a row's `repogen_keys.position` is its key's index here plus one.
    let keys: [Key]
    let cast: String
    let limit: Int
    /// Whether `repogen_keys.position` follows the entity's columns, for a caller that groups by key itself.
    let returnsPosition: Bool

    init(keys: [Key], cast: String, limit: Int, returnsPosition: Bool) {
        var seen = Set<Key>()
        self.keys = keys.filter { seen.insert($0).inserted }
        self.cast = cast
        self.limit = limit
        self.returnsPosition = returnsPosition
    }

    /// The whole statement, or nil when there are no keys (nothing to send); throws `invalidArgument` for a negative
    /// limit before anything else. `rows` qualifies the subquery's ordering columns (`repogen_target.`).
    func statement<Repository: QueryRepository>(
        orderBy: [Ordering<Repository.Entity>], rows qualifier: String, in repository: Repository,
        subquery: (inout SQLBuilder) throws -> Void
    ) throws -> SQLBuilder? {
        let limit = try SQLBuilder.nonNegative(limit, "limit")
        guard !keys.isEmpty else { return nil }
        let columns = Repository.Entity.entityTable.columns.map { "repogen_rows." + $0 }
            + (returnsPosition ? ["repogen_keys.position"] : [])
        var builder = SQLBuilder()
        builder.append("SELECT " + columns.joined(separator: ", ") + " FROM unnest(")
        builder.append(SQLFragment.bindArray(keys, cast: cast))
        builder.append(") WITH ORDINALITY AS repogen_keys (key, position) CROSS JOIN LATERAL (")
        try subquery(&builder)
        builder.append(repository.orderClause(orderBy, qualifier: qualifier) + " LIMIT ")
        builder.append(SQLFragment.bind(Int64(limit), cast: "bigint"))
        let outer = repository.orderClause(orderBy, qualifier: "repogen_rows.").dropFirst(" ORDER BY ".count)
        builder.append(") AS repogen_rows ORDER BY repogen_keys.position, " + outer)
        return builder
    }
}
