/// The reads of `QueryOperations` in memory; `cache` is ignored (the store is always current).
extension InMemoryRepository {
    /// The rows matching `predicate` in `orderBy` then primary-key order; a row lock throws
    /// `unsupportedInMemory` (the in-memory store has no concurrent writers to lock out).
    public func find(
        where predicate: Predicate<Entity>, orderBy: [Ordering<Entity>], limit: Int?, offset: Int,
        includeDeleted: Bool, onlyDeleted: Bool, lock: RowLock?, cache: QueryCaching
    ) async throws -> [Entity] {
        if let lock { throw RepogenError.unsupportedInMemory("row locks (\(lock.rawValue))") }
        if let limit { _ = try SQLBuilder.nonNegative(limit, "limit") }
        _ = try SQLBuilder.nonNegative(offset, "offset")
        let rows = DeletedRows(includeDeleted: includeDeleted, onlyDeleted: onlyDeleted)
        return try await context.statement { state, _ in
            try entities(matching(predicate, orderBy: orderBy, limit: limit, offset: offset, rows, in: state))
        }
    }

    /// The number of rows matching `predicate`.
    public func count(
        where predicate: Predicate<Entity>, includeDeleted: Bool, onlyDeleted: Bool, cache: QueryCaching
    ) async throws -> Int {
        let rows = DeletedRows(includeDeleted: includeDeleted, onlyDeleted: onlyDeleted)
        return try await context.statement { state, _ in try positions(of: predicate, rows, in: state).count }
    }

    /// Whether any row matches `predicate`.
    public func exists(
        where predicate: Predicate<Entity>, includeDeleted: Bool, onlyDeleted: Bool, cache: QueryCaching
    ) async throws -> Bool {
        try await count(where: predicate, includeDeleted: includeDeleted, onlyDeleted: onlyDeleted, cache: cache) > 0
    }

    /// At most `limit` rows for each of `keys` in `column`, keys in the order given (each once).
    public func find<Key: PostgresEncodable & Hashable & Sendable>(
        where predicate: Predicate<Entity>, eachOf column: ColumnRef<Entity, Key>, in keys: [Key],
        orderBy: [Ordering<Entity>], limit: Int, includeDeleted: Bool, onlyDeleted: Bool
    ) async throws -> [Entity] {
        let limit = try SQLBuilder.nonNegative(limit, "limit")
        var seen = Set<Key>()
        var result: [Entity] = []
        for key in keys where seen.insert(key).inserted {
            result += try await find(
                where: column == key && predicate, orderBy: orderBy, limit: limit, offset: 0,
                includeDeleted: includeDeleted, onlyDeleted: onlyDeleted, lock: nil, cache: .off)
        }
        return result
    }
}

extension SearchOperations where Self: InMemoryRepository {
    /// Full-text search needs PostgreSQL's text search configuration: throws `unsupportedInMemory`.
    public func search(
        _ query: String, where predicate: Predicate<Entity> = .all, limit: Int = 20, offset: Int = 0
    ) async throws -> [Entity] {
        throw RepogenError.unsupportedInMemory("full-text search")
    }
}
