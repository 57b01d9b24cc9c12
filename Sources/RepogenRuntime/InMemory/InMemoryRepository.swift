/// A generated in-memory repository: the typed-predicate operations of `QueryOperations` over an
/// `InMemoryContext`, with PostgreSQL's semantics or `unsupportedInMemory`.
///
/// ```swift
/// let quotes = InMemoryQuoteRepository(InMemoryContext(store))
/// let sent = try await quotes.find(where: Quote.status == .sent)
/// ```
public protocol InMemoryRepository: QueryOperations {
    /// Where the repository runs its operations: the store, or an open transaction of it.
    var context: InMemoryContext { get }
    /// The entity's table as the in-memory store keeps it.
    static var inMemoryTable: InMemoryTable { get }
    /// The entity a stored row holds.
    static func inMemoryEntity(from row: InMemoryRow) throws -> Entity
}

extension InMemoryRepository {
    /// The table of the entity.
    var table: InMemoryTable { Self.inMemoryTable }

    /// The predicate's in-memory condition; `unsupportedInMemory` for one built from SQL text, or when the
    /// table itself is not kept in memory.
    func condition(_ predicate: Predicate<Entity>) throws -> InMemoryCondition {
        if let reason = table.unsupported { throw RepogenError.unsupportedInMemory(reason) }
        guard let evaluator = predicate.evaluator else {
            throw RepogenError.unsupportedInMemory("a predicate written as SQL text (Predicate(_:), full-text search)")
        }
        return evaluator
    }

    /// The entities of `rows`.
    func entities(_ rows: [InMemoryRow]) throws -> [Entity] {
        try rows.map(Self.inMemoryEntity(from:))
    }

    /// The rows matching `predicate`, in `orderBy` then primary-key order, cut to `limit` after `offset`.
    func matching(
        _ predicate: Predicate<Entity>, orderBy: [Ordering<Entity>], limit: Int?, offset: Int, _ rows: DeletedRows,
        in state: InMemoryState
    ) throws -> [InMemoryRow] {
        let found = try state.rows(of: table, where: try condition(predicate), rows)
        let sorted = try InMemoryState.sorted(found, by: orderBy, primaryKey: table.primaryKey)
        let start = min(offset, sorted.count)
        let end = limit.map { start + min($0, sorted.count - start) } ?? sorted.count
        return Array(sorted[start..<end])
    }

    /// The positions in `state` of the rows of `predicate`'s `rows`, in table order.
    func positions(
        of predicate: Predicate<Entity>, _ rows: DeletedRows, in state: InMemoryState
    ) throws -> [Int] {
        let condition = try condition(predicate)
        let all = state.rows[table.table] ?? []
        return try all.indices.filter { index in
            guard rows.admits(all[index], table.managed.deletedAt) else { return false }
            return try condition(all[index]) == true
        }
    }

    /// The position of the row whose primary key is `id`, when `rows` lets it through; `unsupportedInMemory` when
    /// the table is not kept in memory, since a missing row there would be an answer PostgreSQL does not give.
    func position(ofKey id: some Sendable, _ rows: DeletedRows, in state: InMemoryState) throws -> Int? {
        if let reason = table.unsupported { throw RepogenError.unsupportedInMemory(reason) }
        guard let key = InMemoryValue(id) else { throw RepogenError.unsupportedInMemory("a key of this type") }
        let all = state.rows[table.table] ?? []
        return try all.indices.first { index in
            guard rows.admits(all[index], table.managed.deletedAt) else { return false }
            return try InMemoryValue.equals(all[index][table.primaryKey], key) == true
        }
    }
}
