/// A unit of work's link to its database's cache: invalidations wait for COMMIT, reads bypass after a write.
struct TransactionCacheLink: Sendable {
    let cache: DatabaseCache
    let state: TransactionCacheState
}

extension Transaction {
    /// The database's cache seen through this unit of work: reads use L1 until it writes, invalidations queue.
    public var cacheContext: CacheContext {
        guard let link = cacheLink.current else { return .none }
        return CacheContext(cache: link.cache, transaction: link.state)
    }

    /// Queues tags to invalidate once this unit of work commits (after raw SQL writes the repositories miss).
    public func invalidateCache(tags: [String]) {
        cacheLink.current?.state.queue(tags)
    }

    /// Connects a new outer unit of work to the cache (a no-op without one).
    func attachCache(_ cache: DatabaseCache?) {
        guard let cache else { return }
        cacheLink.withLock { $0 = TransactionCacheLink(cache: cache, state: TransactionCacheState()) }
    }

    /// Marks the unit of work as written unless the statement is declared read-only, so later cached reads go to
    /// PostgreSQL (SQL text is never classified: a script or an undeclared statement counts as a write).
    func noteCacheEffect(readOnly: Bool) {
        guard let link = cacheLink.current, !readOnly else { return }
        link.state.markWritten()
    }

    /// Sends the queued invalidations with NOTIFY in COMMIT's batch (delivered only if it commits), then applies
    /// them locally and to L2; nothing is applied after a rollback, everything after an unknown outcome.
    func commitApplyingCache() async throws -> String {
        guard let link = cacheLink.current else { return try await commit() }
        let tags = link.state.pendingTags
        let notifications = CacheNotifier.executions(
            tags, channel: link.cache.configuration.channel, origin: link.cache.origin)
        notifications.forEach { _ in connection.countStatement() }
        let status: String
        do {
            status = try await commit(after: notifications)
        } catch let error as RepogenError where error.kind == .commitOutcomeUnknown {
            await link.cache.applyCommitted(tags)
            throw error
        }
        if status == "COMMIT" { await link.cache.applyCommitted(tags) }
        return status
    }
}

extension DatabaseCache {
    /// Applies a committed unit of work's invalidations to L1 and L2 (other processes hear its NOTIFY).
    func applyCommitted(_ tags: [String]) async {
        guard !tags.isEmpty else { return }
        applyLocally(tags)
        await invalidateL2(tags)
    }
}
