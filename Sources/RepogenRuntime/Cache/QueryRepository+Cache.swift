/// Typed queries through the query cache: the repository's `cachePolicy` and the call's `QueryCaching` decide.
extension QueryRepository {
    /// Runs `builder`'s statement and decodes it, through the query cache when `caching` (or the schema's
    /// `cache: { queries: }`) gives `kind` a TTL and the executor has a cache. The statement is a declared read
    /// unless `readOnly` is false (a row-locking SELECT).
    func run<Value: Sendable>(
        _ builder: SQLBuilder, _ kind: QueryKind, caching: QueryCaching, readOnly: Bool = true,
        decode: @escaping @Sendable (PostgresQueryResult) throws -> Value
    ) async throws -> Value {
        let statement = builder.statement(readOnly: readOnly)
        let policy = caching == .off ? nil : (Self.self as? any CacheInvalidating.Type)?.cachePolicy
        let ttl = try caching.ttl(kind, policy: policy, entity: Entity.entityTable.entity)
        let context = ttl == nil ? .none : executor.cacheContext
        guard let ttl, let policy, context.isCaching else {
            return try decode(try await executor.run(statement, builder.binds))
        }
        let key = QueryCacheKey(
            kind: kind, table: policy.table, sql: builder.sql, binds: builder.binds, tenant: executor.tenant)
        return try await context.query(policy, ttl: ttl, key: key.text) {
            let result = try await executor.run(statement, builder.binds)
            return (try decode(result), result.approximateBytes())
        }
    }
}

extension PostgresQueryResult {
    /// The L1 size estimate of the whole result: every row's wire size plus fixed overheads.
    func approximateBytes() -> Int {
        var total = 64
        for row in 0..<rowCount { total += approximateBytes(row: row) }
        return total
    }
}
