/// Counters of one database's cache since it was enabled.
public struct CacheStatistics: Sendable, Hashable {
    /// Reads answered by the in-process tier.
    public var hits = 0
    /// Reads the in-process tier could not answer.
    public var misses = 0
    /// Entries dropped to stay within the entry or byte bound.
    public var evictions = 0
    /// Entries found expired on lookup.
    public var expirations = 0
    /// Tags invalidated (locally, after commit, or from another process).
    public var invalidations = 0
    /// Fills refused because a write to the same rows was applied while the value was being read.
    public var refusedFills = 0
    /// Times the whole in-process tier was flushed (listener lost, `removeAll`).
    public var flushes = 0
    /// Reads answered by the shared tier (L2).
    public var l2Hits = 0
    /// Reads the shared tier could not answer (absent, stale generation, or unavailable).
    public var l2Misses = 0
    /// Shared-tier operations that failed or were skipped while its breaker was open.
    public var l2Failures = 0
    /// Times the LISTEN connection was established (more than 1 means it recovered from a loss).
    public var listenerConnects = 0
    /// Current number of in-process entries.
    public var entries = 0
    /// Current approximate bytes held in process.
    public var bytes = 0

    /// Creates zeroed counters.
    public init() {}

    /// Hits over lookups, 0 when there were none.
    public var hitRatio: Double {
        hits + misses == 0 ? 0 : Double(hits) / Double(hits + misses)
    }
}
