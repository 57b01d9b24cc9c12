/// The defaults of `QueryOperations`' requirements, which a protocol cannot declare itself. Each forwards to the
/// requirement with every argument, so the concrete repository's own implementation runs.
extension QueryOperations {
    /// The first row matching `predicate` in `orderBy` order (then primary key), or nil.
    public func first(
        where predicate: Predicate<Entity>, orderBy: [Ordering<Entity>] = [],
        includeDeleted: Bool = false, onlyDeleted: Bool = false, cache: QueryCaching = .schema
    ) async throws -> Entity? {
        try await find(
            where: predicate, orderBy: orderBy, limit: 1, includeDeleted: includeDeleted, onlyDeleted: onlyDeleted,
            cache: cache
        ).first
    }

    /// The rows matching `predicate` in `orderBy` then primary-key order, at most `limit` after `offset`.
    public func find(
        where predicate: Predicate<Entity>, orderBy: [Ordering<Entity>] = [], limit: Int? = nil, offset: Int = 0,
        includeDeleted: Bool = false, onlyDeleted: Bool = false, lock: RowLock? = nil, cache: QueryCaching = .schema
    ) async throws -> [Entity] {
        try await find(
            where: predicate, orderBy: orderBy, limit: limit, offset: offset, includeDeleted: includeDeleted,
            onlyDeleted: onlyDeleted, lock: lock, cache: cache)
    }

    /// The number of rows matching `predicate`.
    public func count(
        where predicate: Predicate<Entity>, includeDeleted: Bool = false, onlyDeleted: Bool = false,
        cache: QueryCaching = .schema
    ) async throws -> Int {
        try await count(where: predicate, includeDeleted: includeDeleted, onlyDeleted: onlyDeleted, cache: cache)
    }

    /// Whether any row matches `predicate`.
    public func exists(
        where predicate: Predicate<Entity>, includeDeleted: Bool = false, onlyDeleted: Bool = false,
        cache: QueryCaching = .schema
    ) async throws -> Bool {
        try await exists(where: predicate, includeDeleted: includeDeleted, onlyDeleted: onlyDeleted, cache: cache)
    }

    /// Up to `limit` rows after `cursor` (from the start when nil), in `orderBy` then primary-key order.
    public func page(
        where predicate: Predicate<Entity>, orderBy: [Ordering<Entity>] = [], after cursor: Cursor?, limit: Int,
        includeDeleted: Bool = false, onlyDeleted: Bool = false, cache: QueryCaching = .schema
    ) async throws -> KeysetPage<Entity> {
        try await page(
            where: predicate, orderBy: orderBy, after: cursor, limit: limit, includeDeleted: includeDeleted,
            onlyDeleted: onlyDeleted, cache: cache)
    }

    /// At most `limit` rows for each of `keys` in `column`, keys in the order given, rows grouped by key.
    public func find<Key: PostgresEncodable & Hashable & Sendable>(
        where predicate: Predicate<Entity> = .all, eachOf column: ColumnRef<Entity, Key>, in keys: [Key],
        orderBy: [Ordering<Entity>], limit: Int, includeDeleted: Bool = false, onlyDeleted: Bool = false
    ) async throws -> [Entity] {
        try await find(
            where: predicate, eachOf: column, in: keys, orderBy: orderBy, limit: limit,
            includeDeleted: includeDeleted, onlyDeleted: onlyDeleted)
    }

    /// The selected values of the rows matching `predicate` (a projection; no aggregate).
    public func select<each O>(
        where predicate: Predicate<Entity> = .all, orderBy: [Ordering<Entity>] = [],
        limit: Int? = nil, offset: Int = 0, rankedWhere: Predicate<Entity>? = nil, includeDeleted: Bool = false,
        onlyDeleted: Bool = false, cache: QueryCaching = .schema,
        @SelectionBuilder<Entity> _ selections: () -> SelectionList<Entity, repeat each O>
    ) async throws -> [(repeat each O)] {
        try await select(
            where: predicate, orderBy: orderBy, limit: limit, offset: offset, rankedWhere: rankedWhere,
            includeDeleted: includeDeleted, onlyDeleted: onlyDeleted, cache: cache, selections)
    }

    /// One row per group of the selected keys, each the selected values in order.
    public func aggregate<each O>(
        where predicate: Predicate<Entity> = .all, having: Having<Entity>? = nil,
        orderBy: [any SortKey<Entity>] = [], limit: Int? = nil, offset: Int = 0,
        rankedWhere: Predicate<Entity>? = nil, includeDeleted: Bool = false, onlyDeleted: Bool = false,
        cache: QueryCaching = .schema,
        @SelectionBuilder<Entity> _ selections: () -> SelectionList<Entity, repeat each O>
    ) async throws -> [(repeat each O)] {
        try await aggregate(
            where: predicate, having: having, orderBy: orderBy, limit: limit, offset: offset,
            rankedWhere: rankedWhere, includeDeleted: includeDeleted, onlyDeleted: onlyDeleted, cache: cache,
            selections)
    }
}
