/// Enabling the cache on a database, and reading past it.
extension Database {
    /// The cache enabled on this database, nil when caching is off (the default).
    public var cache: DatabaseCache? {
        cacheSlot.current
    }

    /// The cache generated repositories read through and invalidate (`.none` while caching is off).
    public var cacheContext: CacheContext {
        CacheContext(cache: cacheSlot.current, transaction: nil)
    }

    /// An executor on this database that never reads from the cache (writes through it still invalidate).
    ///
    /// ```swift
    /// let fresh = try await db.uncached.users.find(id: id)
    /// ```
    public var uncached: any DatabaseExecutor {
        UncachedExecutor(database: self)
    }

    /// Turns caching on for entities with `cache:` in the schema and returns the cache; replaces an earlier one.
    ///
    /// With `listensForOtherProcesses` (the default) this opens a LISTEN connection first, so L1 starts empty
    /// and coherent. The simplest call enables an L1 of 10 000 entries:
    /// ```swift
    /// try await db.enableCache()
    /// ```
    @discardableResult
    public func enableCache(_ configuration: CacheConfiguration = .init()) async throws -> DatabaseCache {
        let listenTo = configuration.listenerConfiguration ?? self.configuration
        if configuration.listensForOtherProcesses, listenTo.statements == .unnamed {
            throw RepogenError(
                kind: .invalidConfiguration,
                message: "the cache's LISTEN needs a session of its own, which a transaction pooler does not keep: "
                    + "set CacheConfiguration.listenerConfiguration to the server's direct URL (docs/scaling.md)")
        }
        let notifier = CacheNotifier { [weak self] statement, binds in
            guard let self else { return }
            _ = try await self.run(statement, binds)
        }
        let cache = DatabaseCache(
            configuration: configuration, metrics: metrics, tracing: observer.tracing, notifier: notifier)
        if configuration.listensForOtherProcesses {
            let listener = CacheListener(configuration: listenTo, cache: cache)
            cache.listener.withLock { $0 = listener }
            try await listener.start()
        }
        let previous = cacheSlot.withLock { slot in
            defer { slot = cache }
            return slot
        }
        await previous?.stop()
        return cache
    }

    /// Turns caching off and stops the listener; repositories read PostgreSQL again.
    public func disableCache() async {
        let previous = cacheSlot.withLock { slot in
            defer { slot = nil }
            return slot
        }
        await previous?.stop()
    }
}

/// A database seen without its cache for reads; writes still queue or apply invalidations.
struct UncachedExecutor: DatabaseExecutor {
    let database: Database

    func run(_ statement: PostgresStatement, _ binds: PostgresBindings) async throws -> PostgresQueryResult {
        try await database.run(statement, binds)
    }

    func runScript(_ sql: String) async throws {
        try await database.runScript(sql)
    }

    var cacheContext: CacheContext {
        CacheContext(cache: database.cacheSlot.current, transaction: nil, bypassReads: true)
    }
}
