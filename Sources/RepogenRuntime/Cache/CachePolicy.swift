/// Which tiers cache an entity: the in-process L1, the shared L2 (Redis), or both.
public enum CacheTier: String, Sendable, Hashable, CaseIterable {
    /// In-process memory only.
    case l1
    /// The shared store only (read through on every call, no local copy).
    case l2
    /// L1 first, then L2, then PostgreSQL.
    case both

    /// Whether the in-process tier is used.
    public var usesL1: Bool { self != .l2 }
    /// Whether the shared tier is used.
    public var usesL2: Bool { self != .l1 }
}

/// How one entity is cached; generated from its `cache:` key (`Self.cachePolicy` on the repository).
public struct EntityCachePolicy: Sendable, Hashable {
    /// The table, used as the key prefix and as the tag that invalidates every cached row of the entity.
    public let table: String
    /// How long an entry lives.
    public let ttl: Duration
    /// The tiers the entity uses; nil for an uncached entity whose deletes still invalidate `cascades`.
    public let tier: CacheTier?
    /// Tables whose rows a delete of this entity changes (`on_delete: cascade` or `set_null` children).
    public let cascades: [String]
    /// How long query results (`find(where:)`, `count(where:)`...) are cached by default, nil for not at all.
    public let queries: QueryCacheTTLs?

    /// Creates a policy; generated code calls this.
    public init(
        table: String, ttl: Duration, tier: CacheTier?, cascades: [String] = [], queries: QueryCacheTTLs? = nil
    ) {
        self.table = table
        self.ttl = ttl
        self.tier = tier
        self.cascades = cascades
        self.queries = queries
    }

    /// The tag of one row (`users#42`), carried by every entry that holds it.
    public func rowTag<ID>(_ id: ID) -> String {
        table + "#" + String(describing: id)
    }

    /// The tag of every cached query result of the table (`users#*`); a write to any row of it drops them.
    public var queryTag: String {
        Self.queryTag(table)
    }

    /// The query tag of `table`: what a write to a row (`users#42`) or the table (`users`) invalidates.
    public static func queryTag(_ table: String) -> String {
        table + "#*"
    }

    /// The key of a cached read: the table, the read's name and its arguments (`users:byEmail:"a@b"`).
    public func key(_ read: String, _ arguments: [Any]) -> String {
        CacheKey.make(table, read, arguments)
    }
}
