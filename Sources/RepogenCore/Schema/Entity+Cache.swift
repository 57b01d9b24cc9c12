/// How an entity's rows are cached (`cache:` in the schema): `find(id:)` and unique finders read through it.
///
/// ```yaml
/// cache: { ttl: 60, tier: both }   # seconds; l1 (in process, the default), l2 (Redis) or both
/// cache: { ttl: 60, queries: { find: 30, count: 10 } }   # and query results, per kind (or `queries: 30`)
/// ```
public struct EntityCache: Hashable, Sendable, Codable {
    /// Which tiers hold the rows.
    public enum Tier: String, Hashable, Sendable, Codable, CaseIterable {
        case l1, l2, both
    }

    /// How long an entry lives, in seconds.
    public var ttl: Int
    /// Which tiers hold the rows.
    public var tier: Tier
    /// How long query results are cached by default, per kind; nil when only calls that ask cache them.
    public var queries: QueryTTLs?

    /// The TTL in seconds of each kind of query result (`find`, `count`, `exists`); nil kinds are not cached.
    public struct QueryTTLs: Hashable, Sendable, Codable {
        /// Rows: `find(where:)`, `first(where:)`, page items.
        public var find: Int?
        /// `count(where:)` and page totals.
        public var count: Int?
        /// `exists(where:)`.
        public var exists: Int?

        /// Creates TTLs per kind.
        public init(find: Int? = nil, count: Int? = nil, exists: Int? = nil) {
            self.find = find
            self.count = count
            self.exists = exists
        }
    }

    /// Creates a cache setting; by default rows live 60 seconds in process and query results are not cached.
    public init(ttl: Int = 60, tier: Tier = .l1, queries: QueryTTLs? = nil) {
        self.ttl = ttl
        self.tier = tier
        self.queries = queries
    }
}

/// One `cache:` mapping as written.
struct CacheDeclaration {
    var location: SourceLocation
    var ttl: Located<Int>?
    var tier: Located<EntityCache.Tier>?
    var queries: EntityCache.QueryTTLs?
}

extension SchemaDecoder {
    static let cacheKeys = ["ttl", "tier", "queries"]
    static let queryCacheKeys = ["find", "count", "exists"]
    /// A week: longer TTLs hide mistakes; invalidation, not expiry, keeps entries correct.
    static let maximumCacheTTL = 604_800

    /// Decodes `cache: { ttl: SECONDS, tier: l1 | l2 | both }`.
    mutating func decodeCache(_ entry: MappingEntry, entity: String) -> CacheDeclaration? {
        let context = " in the cache of entity '\(entity)'"
        let expected = "'cache' must be a mapping (like { ttl: 60, tier: l1 })"
        guard case .mapping = entry.value else {
            error(expected, at: entry.value.location)
            return nil
        }
        var declaration = CacheDeclaration(location: entry.keyLocation)
        let entries = knownEntries(of: entry.value, allowed: Self.cacheKeys, context: context,
                                   duplicate: { "duplicate key '\($0)'\(context)" })
        for item in entries {
            if item.key == "ttl" {
                declaration.ttl = integer(item, in: 1...Self.maximumCacheTTL)
            } else if item.key == "queries" {
                declaration.queries = queryCache(item, context: context)
            } else {
                declaration.tier = cacheTier(item)
            }
        }
        return declaration
    }

    /// Decodes `queries: SECONDS` (every kind) or `queries: { find: SECONDS, count: SECONDS, exists: SECONDS }`.
    private mutating func queryCache(_ entry: MappingEntry, context: String) -> EntityCache.QueryTTLs? {
        let range = 1...Self.maximumCacheTTL
        guard case .mapping = entry.value else {
            guard let all = integer(entry, in: range)?.value else { return nil }
            return EntityCache.QueryTTLs(find: all, count: all, exists: all)
        }
        var ttls = EntityCache.QueryTTLs()
        let entries = knownEntries(of: entry.value, allowed: Self.queryCacheKeys, context: " in 'queries'" + context,
                                   duplicate: { "duplicate key '\($0)' in 'queries'\(context)" })
        for item in entries {
            let seconds = integer(item, in: range)?.value
            switch item.key {
            case "find": ttls.find = seconds
            case "count": ttls.count = seconds
            default: ttls.exists = seconds
            }
        }
        return ttls
    }

    private mutating func cacheTier(_ entry: MappingEntry) -> Located<EntityCache.Tier>? {
        let names = EntityCache.Tier.allCases.map(\.rawValue)
        guard case .scalar(let text, _, _) = entry.value, let tier = EntityCache.Tier(rawValue: text) else {
            let shown = entry.value.scalarText ?? entry.value.kindDescription
            error("unknown cache tier '\(shown)'\(Self.expectation(shown, in: names))", at: entry.value.location)
            return nil
        }
        return entry.located(tier)
    }
}

extension SchemaResolver {
    /// The entity's cache setting; caching a tenant-scoped entity is refused (its keys would cross tenants).
    mutating func resolveCache(of entity: EntityDeclaration) -> EntityCache? {
        guard let cache = entity.cache else { return nil }
        if entity.behaviours.tenant != nil {
            error("entity '\(entity.name.value)' is tenant-scoped; 'cache' is not supported on it yet (cached rows "
                  + "would be shared across tenants)", at: cache.location)
            return nil
        }
        return EntityCache(ttl: cache.ttl?.value ?? 60, tier: cache.tier?.value ?? .l1, queries: cache.queries)
    }
}
