/// Per-parent limits through a link table: the first related rows of each of many parents of a many-to-many relation
/// in one statement, the form behind the generated `loadLabels(for:orderBy:limit:)`.
extension QueryRepository {
    /// At most `limit` rows for each of `keys`, the rows a link row joins to a key: `parent` is the link's column
    /// holding the key, `linkedBy` its column holding this entity's primary key. Each key's rows come in `orderBy`
    /// order then primary key, among the rows `predicate` matches; keys in the order given (duplicates once), each row
    /// with its key.
    ///
    /// One statement, the `eachOf:` form whose LATERAL subquery joins the link table: the rows `predicate` matches
    /// (a derived table, so its unqualified columns are this entity's) `JOIN` the link rows of one key, ordered, and
    /// limited by a bind. Soft-deleted rows of this entity are left out unless `includeDeleted` or `onlyDeleted`;
    /// soft-deleted link rows always are; a tenant-scoped entity or link sees the executor's tenant only. Throws
    /// `invalidArgument` for a negative `limit`; no keys sends nothing.
    ///
    /// ```swift
    /// let firstLabels = try await db.labels.find(
    ///     eachOf: QuoteLabel.quoteID, linkedBy: QuoteLabel.labelID, in: quotes.map(\.id),
    ///     orderBy: [Label.name.ascending], limit: 3)
    /// ```
    public func find<Link: QueryableEntity, Key: PostgresEncodable & Hashable & Sendable, Target>(
        where predicate: Predicate<Entity> = .all, eachOf parent: ColumnRef<Link, Key>,
        linkedBy target: ColumnRef<Link, Target>, in keys: [Key], orderBy: [Ordering<Entity>], limit: Int,
        includeDeleted: Bool = false, onlyDeleted: Bool = false
    ) async throws -> [(key: Key, row: Entity)] {
        let table = Entity.entityTable
        let link = Link.entityTable
        let frame = EachOfFrame(keys: keys, cast: parent.sqlType, limit: limit, returnsPosition: true)
        let selected = table.columns.map { "repogen_target." + $0 }.joined(separator: ", ")
        guard let builder = try frame.statement(
            orderBy: orderBy, rows: "repogen_target.", in: self, subquery: { builder in
                builder.append("SELECT \(selected) FROM (SELECT \(table.selectList) FROM \(table.table) WHERE ")
                builder.append(try scoped(predicate))
                builder.append(DeletedRows(includeDeleted: includeDeleted, onlyDeleted: onlyDeleted)
                    .condition(table.deletedAt))
                builder.append(") AS repogen_target JOIN \(link.table) AS repogen_link ON repogen_link.\(target.column)"
                    + " = repogen_target.\(table.primaryKey) WHERE repogen_link.\(parent.column) = repogen_keys.key")
                if let tenant = try tenantCondition(link, qualifier: "repogen_link.") {
                    builder.append(" AND " + tenant)
                }
                builder.append(DeletedRows.live.condition(link.deletedAt.map { "repogen_link." + $0 }))
            }) else { return [] }
        let position = table.columns.count
        let rows = try await run(builder, .find, caching: .off) { result in
            try result.decodeRows { row in (try row.decode(Int64.self, at: position), try Entity.decode(row)) }
        }
        return rows.map { (key: frame.keys[Int($0.0) - 1], row: $0.1) }
    }
}
