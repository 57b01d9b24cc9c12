/// What `db.health()` reports: reachability with latency, pool figures, breaker state, cache tiers and migrations.
public struct DatabaseHealth: Sendable, CustomStringConvertible {
    /// Whether a `SELECT 1` round trip succeeded.
    public let isReachable: Bool
    /// How long the round trip (lease included) took, when it succeeded.
    public let latency: Duration?
    /// Why the check failed, when it did (never contains bind values or passwords).
    public let error: String?
    /// The pool's connections and waiters.
    public let pool: PoolFigures
    /// The circuit breaker's state.
    public let circuitBreaker: CircuitBreakerState
    /// The migrations' state, when a migration list was given and the server was reachable.
    public let migrations: MigrationHealth?
    /// The cache tiers, when a cache is enabled (`enableCache`); they do not affect `isHealthy`, since reads
    /// fall back to PostgreSQL whenever a tier cannot serve.
    public let cache: CacheHealth?

    /// Reachable, breaker closed, and migrations (if checked) up to date.
    public var isHealthy: Bool {
        isReachable && circuitBreaker == .closed && (migrations?.isUpToDate ?? true)
    }

    /// A one-line summary.
    public var description: String {
        let latencyText = latency.map { "\(QueryObserver.milliseconds($0)) ms" } ?? "-"
        let migrationText = migrations.map { $0.isUpToDate ? "up to date" : "\($0.pending.count) pending" } ?? "-"
        return "reachable \(isReachable) (latency \(latencyText)\(error.map { ", \($0)" } ?? "")), pool \(pool), "
            + "breaker \(circuitBreaker), migrations \(migrationText), cache \(cache.map { "\($0)" } ?? "off")"
    }
}

/// The cache tiers as `db.health()` sees them.
public struct CacheHealth: Sendable, Hashable, CustomStringConvertible {
    /// Entries held in the in-process tier (L1).
    public let l1Entries: Int
    /// Approximate bytes held in L1.
    public let l1Bytes: Int
    /// L1 hits over lookups since the cache was enabled (0 when there were none).
    public let l1HitRatio: Double
    /// Whether L1 serves: its LISTEN connection is up, or it does not listen for other processes.
    public let listenerConnected: Bool
    /// Whether a shared tier (L2) is configured.
    public let l2Configured: Bool
    /// L2 operations that failed or were skipped while its breaker was open, since the cache was enabled.
    public let l2Failures: Int

    /// Reads the figures of `cache`.
    init(_ cache: DatabaseCache) {
        let statistics = cache.statistics
        l1Entries = statistics.entries
        l1Bytes = statistics.bytes
        l1HitRatio = statistics.hitRatio
        listenerConnected = cache.isServingL1
        l2Configured = cache.configuration.l2 != nil
        l2Failures = statistics.l2Failures
    }

    /// A one-line summary.
    public var description: String {
        let ratio = Double(Int(l1HitRatio * 1000)) / 10
        return "L1 \(l1Entries) entries, \(l1Bytes) bytes, hit ratio \(ratio)%, listener "
            + (listenerConnected ? "connected" : "down") + ", L2 "
            + (l2Configured ? "\(l2Failures) failures" : "not configured")
    }
}

/// Which migrations are applied, pending or in trouble.
public struct MigrationHealth: Sendable, Hashable {
    /// Versions applied with a matching checksum.
    public let applied: [Int]
    /// Versions not applied yet (or only partly).
    public let pending: [Int]
    /// Versions whose checksum changed, or recorded in the database but unknown to the code.
    public let mismatched: [Int]

    /// Whether nothing is pending or mismatched.
    public var isUpToDate: Bool {
        pending.isEmpty && mismatched.isEmpty
    }
}

extension Database {
    /// Checks the server with a `SELECT 1` and reports it with the pool, the breaker, the cache tiers and, given
    /// `migrations`, whether they are all applied; never throws.
    ///
    /// ```swift
    /// let health = await db.health(migrations: QuoteMasterSchema.migrations)
    /// if !health.isHealthy { print(health) }
    /// ```
    public func health(migrations: [Migration]? = nil) async -> DatabaseHealth {
        let start = ContinuousClock.now
        var latency: Duration?
        var failure: String?
        var migrationHealth: MigrationHealth?
        do {
            try await runScript("SELECT 1")
            latency = .now - start
            if let migrations {
                migrationHealth = Self.migrationHealth(try await migrationStatus(migrations))
            }
        } catch {
            failure = "\(error)"
        }
        return DatabaseHealth(
            isReachable: latency != nil, latency: latency, error: failure, pool: await poolFigures(),
            circuitBreaker: circuitBreakerState, migrations: migrationHealth,
            cache: cacheSlot.current.map(CacheHealth.init))
    }

    static func migrationHealth(_ statuses: [MigrationStatus]) -> MigrationHealth {
        var applied: [Int] = []
        var pending: [Int] = []
        var mismatched: [Int] = []
        for status in statuses {
            switch status.state {
            case .applied: applied.append(status.version)
            case .pending, .partiallyApplied: pending.append(status.version)
            case .checksumChanged, .unknown: mismatched.append(status.version)
            }
        }
        return MigrationHealth(applied: applied, pending: pending, mismatched: mismatched)
    }
}
