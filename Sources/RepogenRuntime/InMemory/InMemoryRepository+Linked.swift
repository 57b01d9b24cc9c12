/// Many-to-many loads in memory: the rows a link table joins to each of many parent keys, as the generated
/// `loadLabels(for:)` statement and the runtime's `find(where:eachOf:linkedBy:in:orderBy:limit:)` return them.
extension InMemoryRepository {
    /// At most `limit` rows (every row when nil) for each of `keys`, the rows a link row joins to a key: `parent` is
    /// the link's column holding the key, `linkedBy` its column holding this entity's primary key. Each key's rows
    /// come in `orderBy` order then primary key, among the rows `predicate` matches; keys in the order given
    /// (duplicates once), each row with its key, once per link row that joins it, as the SQL join gives it.
    /// Soft-deleted rows of this entity are left out unless `includeDeleted` or `onlyDeleted`; soft-deleted link rows
    /// always are. Throws `invalidArgument` for a negative `limit`, and `unsupportedInMemory` for a tenant-scoped
    /// entity or link table.
    public func find<Link: QueryableEntity, Key: PostgresEncodable & Hashable & Sendable, Target>(
        where predicate: Predicate<Entity> = .all, eachOf parent: ColumnRef<Link, Key>,
        linkedBy target: ColumnRef<Link, Target>, in keys: [Key], orderBy: [Ordering<Entity>], limit: Int?,
        includeDeleted: Bool = false, onlyDeleted: Bool = false
    ) async throws -> [(key: Key, row: Entity)] {
        if let limit { _ = try SQLBuilder.nonNegative(limit, "limit") }
        var seen = Set<Key>()
        let distinct = keys.filter { seen.insert($0).inserted }
        guard !distinct.isEmpty else { return [] }
        let condition = try condition(predicate)
        let link = try context.store.table(Link.entityTable.table)
        if let reason = link.unsupported { throw RepogenError.unsupportedInMemory(reason) }
        let rows = DeletedRows(includeDeleted: includeDeleted, onlyDeleted: onlyDeleted)
        return try await context.statement { state, _ in
            let targets = InMemoryRowIndex(try state.rows(of: table, where: condition, rows), by: table.primaryKey)
            let links = try state.rows(of: link, where: { _ in true }, .live)
            var result: [(key: Key, row: Entity)] = []
            for key in distinct {
                let value = try InMemoryValue.require(key)
                let joined = try links.filter { try InMemoryValue.equals($0[parent.column], value) == true }
                    .flatMap { try targets.rows(equalTo: $0[target.column]) }
                let sorted = try InMemoryState.sorted(joined, by: orderBy, primaryKey: table.primaryKey)
                for row in sorted.prefix(limit ?? sorted.count) {
                    result.append((key: key, row: try Self.inMemoryEntity(from: row)))
                }
            }
            return result
        }
    }
}

/// Rows found by the value of one column, as a join's `=` finds them: hashed first, then compared as SQL compares
/// (so NULL finds nothing).
struct InMemoryRowIndex {
    private let rows: [InMemoryValue: [InMemoryRow]]
    private let column: String

    init(_ rows: [InMemoryRow], by column: String) {
        self.rows = Dictionary(grouping: rows) { $0[column] }
        self.column = column
    }

    /// The rows whose column equals `value`, in the order given.
    func rows(equalTo value: InMemoryValue) throws -> [InMemoryRow] {
        try (rows[value] ?? []).filter { try InMemoryValue.equals($0[column], value) == true }
    }
}
