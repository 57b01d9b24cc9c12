/// The kinds of query whose results can be cached, each with its own TTL.
public enum QueryKind: String, Sendable, Hashable, CaseIterable {
    /// Rows: `find(where:)`, `first(where:)`, the items of `page(where:page:)` and projections (`select { }`).
    case find
    /// `count(where:)`, the total of `page(where:page:)` and aggregates (`aggregate { }`).
    case count
    /// `exists(where:)`.
    case exists
}

/// How long each kind of query result of an entity lives in the cache; generated from `cache: { queries: }`.
///
/// ```swift
/// QueryCacheTTLs(find: .seconds(30), count: .seconds(10))   // exists(where:) is not cached
/// ```
public struct QueryCacheTTLs: Sendable, Hashable {
    /// The TTL of row results, nil when they are not cached by default.
    public var find: Duration?
    /// The TTL of counts, nil when they are not cached by default.
    public var count: Duration?
    /// The TTL of existence checks, nil when they are not cached by default.
    public var exists: Duration?

    /// Creates TTLs per kind; a nil kind is cached only when a call asks for it (`cache: .ttl(...)`).
    public init(find: Duration? = nil, count: Duration? = nil, exists: Duration? = nil) {
        self.find = find
        self.count = count
        self.exists = exists
    }

    /// The same TTL for every kind.
    public init(all ttl: Duration) {
        self.init(find: ttl, count: ttl, exists: ttl)
    }

    /// The TTL of `kind`, nil when it is not cached by default.
    public subscript(kind: QueryKind) -> Duration? {
        switch kind {
        case .find: return find
        case .count: return count
        case .exists: return exists
        }
    }
}

/// Whether one typed query (`find`, `first`, `count`, `exists`, `page`) reads through the query cache.
///
/// Only entities with `cache:` in the schema can cache query results (their writes invalidate them); asking
/// for `.ttl` on another entity throws `invalidConfiguration`.
/// ```swift
/// let admins = try await db.users.find(where: User.role == .admin, cache: .ttl(.seconds(30)))
/// let total = try await db.users.count(where: .all, cache: .off)   // past the schema's default
/// ```
public struct QueryCaching: Sendable, Hashable {
    enum Mode: Sendable, Hashable {
        case schema
        case off
        case ttl(Duration)
    }

    let mode: Mode

    /// The entity's default from the schema (`cache: { queries: ... }`); not cached when it has none.
    public static let schema = QueryCaching(mode: .schema)
    /// Not cached, whatever the schema says.
    public static let off = QueryCaching(mode: .off)

    /// Cached for `ttl`, whatever the schema says.
    public static func ttl(_ ttl: Duration) -> QueryCaching {
        QueryCaching(mode: .ttl(ttl))
    }

    /// The TTL this call caches `kind` for under `policy`, nil when it is not cached; throws when `.ttl` is
    /// asked of an entity whose writes do not invalidate cached queries.
    func ttl(_ kind: QueryKind, policy: EntityCachePolicy?, entity: String) throws -> Duration? {
        switch mode {
        case .off:
            return nil
        case .schema:
            guard let policy, policy.tier != nil else { return nil }
            return policy.queries?[kind]
        case .ttl(let ttl):
            guard let policy, policy.tier != nil else {
                throw RepogenError(
                    kind: .invalidConfiguration,
                    message: "\(entity) has no `cache:` in the schema: its writes do not invalidate cached queries")
            }
            return ttl > .zero ? ttl : nil
        }
    }
}
