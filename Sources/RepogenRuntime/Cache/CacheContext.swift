/// What an executor tells the generated repositories about caching: which cache, and the unit of work's state.
///
/// A `Database` with a cache reads through it; a `Transaction` reads from L1 until it writes and queues its
/// invalidations for after COMMIT; anything else (a bare connection, `db.uncached`) does not cache.
public struct CacheContext: Sendable {
    let cache: DatabaseCache?
    let transaction: TransactionCacheState?
    /// Whether reads skip the cache (`db.uncached`); writes still invalidate.
    var bypassReads = false

    /// No caching: reads go to PostgreSQL and writes invalidate nothing.
    public static let none = CacheContext(cache: nil, transaction: nil)

    /// Whether this context has a cache at all.
    public var isCaching: Bool { cache != nil }

    /// A row read through the cache: `load` runs a statement returning at most one row, `decode` decodes it.
    ///
    /// `bypass` (e.g. `includeDeleted`) and a transaction that has written read PostgreSQL directly. `load` and
    /// `decode` run in the caller's isolation.
    public func row<Row: CacheableRow>(
        _ policy: EntityCachePolicy, _ read: String, _ arguments: [Any], bypass: Bool = false,
        isolation: isolated (any Actor)? = #isolation,
        decode: (PostgresRow) throws -> Row, load: () async throws -> PostgresQueryResult
    ) async throws -> Row? {
        guard let cache, !bypass, !bypassReads, transaction?.hasWritten != true else {
            return try await load().decodeFirst(decode)
        }
        return try await cache.row(
            policy, key: policy.key(read, arguments), inTransaction: transaction != nil, load: load, decode: decode)
    }

    /// Invalidates the rows written (and, when `cascade`, every row of the tables a delete cascades to).
    ///
    /// Inside a transaction this only queues the tags for after COMMIT; otherwise the write has committed
    /// and the tags are applied at once, sent to other processes and to L2.
    public func invalidate<ID>(_ policy: EntityCachePolicy, ids: [ID], cascade: Bool = false) async {
        guard cache != nil || transaction != nil else { return }
        let tags = ids.map { policy.rowTag($0) } + (cascade ? policy.cascades : [])
        await invalidate(tags: tags)
    }

    /// Invalidates explicit tags: a table name drops every cached row of it; `table#id` one row.
    public func invalidate(tags: [String]) async {
        if let transaction {
            transaction.queue(tags)
        } else if let cache {
            await cache.invalidate(tags: tags)
        }
    }
}

/// A generated repository whose writes invalidate cached rows: its own (`cache:`) or those its deletes cascade to.
public protocol CacheInvalidating: QueryRepository {
    /// How the entity is cached, from its `cache:` key (`tier` nil when only its cascades are cached).
    static var cachePolicy: EntityCachePolicy { get }
}

/// A generated repository whose entity has `cache:` in the schema.
public protocol CachedRepository: CacheInvalidating where Entity: CacheableRow {}

extension CachedRepository {
    /// Loads up to `limit` rows matching `predicate` into the cache (`find(id:)` entries), returning how many.
    ///
    /// ```swift
    /// try await db.users.warmCache(where: User.role == .admin, limit: 1_000)
    /// ```
    @discardableResult
    public func warmCache(where predicate: Predicate<Entity>, limit: Int) async throws -> Int {
        guard let cache = executor.cacheContext.cache, executor.cacheContext.transaction == nil,
            Self.cachePolicy.tier?.usesL1 == true, cache.isServingL1
        else { return 0 }
        let token = cache.l1.withLock { $0.epoch }
        let rows = try await find(where: predicate, limit: max(0, limit), cache: .off)
        for row in rows {
            cache.fill(Self.cachePolicy, key: Self.cachePolicy.key("id", [row.id]), row: row, bytes: 256, token: token)
        }
        return rows.count
    }
}
