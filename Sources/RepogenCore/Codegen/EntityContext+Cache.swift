/// The cache text of a repository: the policy, read-through returns and invalidation after writes.
///
/// An entity with `cache:` reads `find(id:)` and unique finders through `executor.cacheContext` and invalidates
/// the rows it writes; an uncached entity whose deletes change cached rows (`on_delete: cascade` or `set_null`
/// children) gets a policy without a tier so its deletes invalidate those tables. Every other entity generates
/// exactly as if caching did not exist.
struct CacheText {
    /// The `cachePolicy` extension of the repository.
    struct Policy {
        let conformance: String
        let doc: String
        let declaration: [EntityContext.Bind]
    }

    /// The policy extension, one element or none.
    let policy: [Policy]
    /// Whether `find(id:)` and unique finders read through the cache.
    let readsThrough: Bool
    /// The invalidation after a write of the row `id` (update, soft delete, restore), or nil.
    let rowInvalidation: String?
    /// The invalidation after a delete that removes the row `id` for good (and what it cascades to), or nil.
    let removalInvalidation: String?

    init(entity: Entity, schema: Schema) {
        let cascades = Self.cascades(from: entity.table, schema: schema)
        readsThrough = entity.cache != nil
        let cascade = cascades.isEmpty ? "" : ", cascade: true"
        rowInvalidation = readsThrough ? "await executor.cacheContext.invalidate(Self.cachePolicy, ids: [id])" : nil
        removalInvalidation = readsThrough || !cascades.isEmpty
            ? "await executor.cacheContext.invalidate(Self.cachePolicy, ids: [id]\(cascade))" : nil
        guard readsThrough || !cascades.isEmpty else {
            policy = []
            return
        }
        policy = [Self.policy(entity, cascades: cascades)]
    }

    /// The read name in the cache key of `find(id:)` (`table:id:KEY`), which the runtime also fills after writes.
    static let findByIDKey = "id"

    /// The read name in the cache key of a unique finder: its method name (`findByEmail`). Every method name starts
    /// with `find` and no two finders share one, so no finder's key equals `find(id:)`'s or another finder's, even
    /// for a finder named `id`.
    static func readKey(of finder: Finder) -> String {
        EntityContext.finderName(finder)
    }

    static func policy(_ entity: Entity, cascades: [String]) -> CacheText.Policy {
        let table = SwiftLiteral.string(entity.table)
        let cascadeArgument = cascades.isEmpty
            ? "" : ", cascades: [" + cascades.map(SwiftLiteral.string).joined(separator: ", ") + "]"
        let arguments: String
        let doc: String
        var queries: String?
        if let cache = entity.cache {
            arguments = "table: \(table), ttl: .seconds(\(cache.ttl)), tier: .\(cache.tier.rawValue)" + cascadeArgument
            queries = cache.queries.map(queriesArgument)
            let spelledQueries = cache.queries.map { ", queries: { " + queryKinds($0).joined(separator: ", ") + " }" }
            doc = "How `\(entity.table)` rows are cached: "
                + "`cache: { ttl: \(cache.ttl), tier: \(cache.tier.rawValue)\(spelledQueries ?? "") }`."
        } else {
            arguments = "table: \(table), ttl: .zero, tier: nil" + cascadeArgument
            doc = "Not cached; its deletes invalidate the cached tables they cascade to."
        }
        let all = arguments + (queries.map { ", " + $0 } ?? "")
        let oneLine = "public static let cachePolicy = EntityCachePolicy(\(all))"
        let opening = "public static let cachePolicy = EntityCachePolicy("
        let lines = oneLine.count + 4 <= 120
            ? [oneLine]
            : all.count + 8 <= 120 || queries == nil
                ? [opening, "    " + all, ")"]
                : [opening, "    " + arguments + ",", "    " + (queries ?? ""), ")"]
        return Policy(
            conformance: entity.cache == nil ? "CacheInvalidating" : "CachedRepository", doc: doc,
            declaration: lines.map { EntityContext.Bind(line: $0) })
    }

    /// `queries: QueryCacheTTLs(find: .seconds(30), ...)` for `cache: { queries: }`.
    static func queriesArgument(_ queries: EntityCache.QueryTTLs) -> String {
        let ttls = queryKinds(queries).map { $0.replacingOccurrences(of: ": ", with: ": .seconds(") + ")" }
        return "queries: QueryCacheTTLs(" + ttls.joined(separator: ", ") + ")"
    }

    /// `find: 30`, `count: 10`...: the kinds with a TTL, in declaration order.
    static func queryKinds(_ queries: EntityCache.QueryTTLs) -> [String] {
        let kinds = [("find", queries.find), ("count", queries.count), ("exists", queries.exists)]
        return kinds.compactMap { name, seconds in seconds.map { "\(name): \($0)" } }
    }

    /// The cached tables whose rows a delete from `table` changes: children with `on_delete: cascade` (and theirs,
    /// transitively) or `set_null`, sorted.
    static func cascades(from table: String, schema: Schema) -> [String] {
        var changed: Set<String> = []
        var deleted: Set<String> = [table]
        var pending = [table]
        while let parent = pending.popLast() {
            for child in schema.entities {
                for field in child.fields where field.reference?.table == parent {
                    switch field.reference?.onDelete {
                    case .cascade?:
                        changed.insert(child.table)
                        if deleted.insert(child.table).inserted { pending.append(child.table) }
                    case .setNull?: changed.insert(child.table)
                    default: break
                    }
                }
            }
        }
        let cached = Set(schema.entities.filter { $0.cache != nil }.map(\.table))
        return changed.intersection(cached).sorted()
    }

    /// `return EXPRESSION`, or the value kept, `invalidation` run, then the value returned.
    static func returning(_ expression: String, as name: String, invalidation: String?) -> [EntityContext.Bind] {
        guard let invalidation else { return [.init(line: "return " + expression)] }
        return [.init(line: "let \(name) = " + expression), .init(line: invalidation), .init(line: "return " + name)]
    }

    /// The lines that build `binds` and return one row: through the cache under `read` and `arguments`, or straight
    /// from `statement`. Through the cache the binds are built inside the load closure, so a hit allocates none.
    func readReturn(
        _ read: String, arguments: [String], statement: String, entity: String, bypass: String? = nil,
        binds: [EntityContext.Bind]
    ) -> [EntityContext.Bind] {
        let direct = "executor.run(\(statement), binds)"
        guard readsThrough else {
            return binds + [.init(line: "return try await \(direct).decodeFirst(\(entity).decode)")]
        }
        let bypassArgument = bypass.map { ", bypass: \($0)" } ?? ""
        let parameters = "Self.cachePolicy, \(SwiftLiteral.string(read)), [\(arguments.joined(separator: ", "))]"
            + bypassArgument + ", decode: \(entity).decode"
        let call = "return try await executor.cacheContext.row("
        let opening: [EntityContext.Bind] = (call + parameters + ") {").count + 8 <= 120
            ? [.init(line: call + parameters + ") {")]
            : [.init(line: call), .init(line: "    " + parameters), .init(line: ") {")]
        let load = binds + [.init(line: "return try await " + direct)]
        return opening + load.map { .init(line: "    " + $0.line) } + [.init(line: "}")]
    }
}
