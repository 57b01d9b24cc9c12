import CoreMetrics
import Metrics

/// The metric names Repogen reports, for dashboards and alerts.
public enum RepositoryMetricName {
    /// Counter of statements run, labelled `operation` and `entity`.
    public static let queries = "repository_queries_total"
    /// Timer (seconds) of statement durations, labelled `operation` and `entity`.
    public static let queryDuration = "repository_query_duration_seconds"
    /// Counter of failed statements and units of work, labelled `operation`, `entity` and `sqlstate_class`
    /// (`"none"` for client errors).
    public static let errors = "repository_errors_total"
    /// Counter of cache hits, labelled `entity` (reported by the cache).
    public static let cacheHits = "repository_cache_hits_total"
    /// Counter of cache misses, labelled `entity` (reported by the cache).
    public static let cacheMisses = "repository_cache_misses_total"
    /// Counter of retried attempts, labelled `reason` (`serialization`, `deadlock`, `connection`).
    public static let retries = "repository_retries_total"
    /// Gauge of open pooled connections (leased, idle or being opened).
    public static let poolOpen = "repository_pool_connections_open"
    /// Gauge of leased connections.
    public static let poolLeased = "repository_pool_connections_leased"
    /// Gauge of idle connections.
    public static let poolIdle = "repository_pool_connections_idle"
    /// Gauge of callers waiting for a connection.
    public static let poolWaiting = "repository_pool_waiting"
    /// Gauge of the circuit breaker: 0 closed, 1 half-open, 2 open.
    public static let breakerState = "repository_circuit_breaker_state"
    /// Gauge (seconds) since the last backup that was created and verified, or since the backup service started
    /// when none has been yet (RepogenBackup's `BackupService`).
    public static let backupAge = "repository_backup_age_seconds"
    /// Gauge (bytes) of the last backup's dump.
    public static let backupSize = "repository_backup_size_bytes"
    /// Gauge of the last verification: 1 when the restored copy matched its manifest, 0 when it did not.
    public static let backupVerified = "repository_backup_verified"
    /// Counter of failed backup cycles, labelled `stage` (`create`, `verify`, `prune`).
    public static let backupFailures = "repository_backup_failures_total"
    /// Gauge of the findings in the last performance report (RepogenAdvisor), labelled `kind` (`missing_index`,
    /// `unused_index`, `duplicate_index`).
    public static let advisorFindings = "repository_advisor_findings"
}

/// Reports queries, errors, retries, pool figures and breaker state through swift-metrics.
public final class RepositoryMetrics: Sendable {
    private let factory: any MetricsFactory
    private let queryInstruments = Locked<[StatementLabels: QueryInstruments]>([:])
    private let errorCounters = Locked<[ErrorCounterKey: Counter]>([:])
    /// Cache hit and miss counters by entity, made once: a cache hit costs well under a microsecond.
    private let cacheCounters = Locked<[CacheCounterKey: Counter]>([:])
    private let poolGauges: PoolGauges
    private let breakerGauge: Gauge

    /// Creates the metrics on `factory` (the process-wide one when nil).
    public init(factory: (any MetricsFactory)? = nil) {
        let factory = factory ?? MetricsSystem.factory
        self.factory = factory
        poolGauges = PoolGauges(factory: factory)
        breakerGauge = Gauge(label: RepositoryMetricName.breakerState, dimensions: [], factory: factory)
    }

    /// Records one statement: its count and duration under its operation and entity.
    func recordQuery(_ labels: StatementLabels, duration: Duration) {
        let instruments = queryInstruments.withLock { instruments in
            if let existing = instruments[labels] {
                return existing
            }
            let created = QueryInstruments(labels, factory: factory)
            instruments[labels] = created
            return created
        }
        instruments.counter.increment()
        instruments.timer.recordNanoseconds(max(0, Int64(duration.seconds * 1e9)))
    }

    /// Counts a failure of the statement or unit of work labelled `labels`, under its SQLSTATE class.
    func recordError(_ error: any Error, _ labels: StatementLabels) {
        let key = ErrorCounterKey(labels: labels, sqlStateClass: (error as? RepogenError)?.sqlStateClass ?? "none")
        let counter = errorCounters.withLock { counters in
            if let counter = counters[key] { return counter }
            let dimensions = [
                ("operation", labels.operation), ("entity", labels.entity), ("sqlstate_class", key.sqlStateClass),
            ]
            let counter = Counter(label: RepositoryMetricName.errors, dimensions: dimensions, factory: factory)
            counters[key] = counter
            return counter
        }
        counter.increment()
    }

    /// Counts a retry under its reason.
    func recordRetry(reason: String) {
        Counter(label: RepositoryMetricName.retries, dimensions: [("reason", reason)], factory: factory).increment()
    }

    /// Counts a cache hit for `entity` (for the cache layer).
    public func recordCacheHit(entity: String) {
        cacheCounter(RepositoryMetricName.cacheHits, entity: entity).increment()
    }

    /// Counts a cache miss for `entity` (for the cache layer).
    public func recordCacheMiss(entity: String) {
        cacheCounter(RepositoryMetricName.cacheMisses, entity: entity).increment()
    }

    /// The counter `label` for `entity`, made on first use and then reused (a hit is on the L1 fast path).
    private func cacheCounter(_ label: String, entity: String) -> Counter {
        cacheCounters.withLock { counters in
            let key = CacheCounterKey(label: label, entity: entity)
            if let counter = counters[key] { return counter }
            let counter = Counter(label: label, dimensions: [("entity", entity)], factory: factory)
            counters[key] = counter
            return counter
        }
    }

    /// Publishes the pool's figures; called on every lease and release, so it builds no array.
    func recordPool(_ figures: PoolFigures) {
        poolGauges.open.record(figures.open)
        poolGauges.leased.record(figures.leased)
        poolGauges.idle.record(figures.idle)
        poolGauges.waiting.record(figures.waiting)
    }

    /// Publishes the breaker's state.
    func recordBreaker(_ state: CircuitBreakerState) {
        breakerGauge.record(state.gaugeValue)
    }
}

/// The counter and timer of one `operation`/`entity` pair, created on first use and then reused.
private struct QueryInstruments: Sendable {
    let counter: Counter
    let timer: Metrics.Timer

    init(_ labels: StatementLabels, factory: any MetricsFactory) {
        let dimensions = [("operation", labels.operation), ("entity", labels.entity)]
        counter = Counter(label: RepositoryMetricName.queries, dimensions: dimensions, factory: factory)
        timer = Metrics.Timer(
            label: RepositoryMetricName.queryDuration, dimensions: dimensions, preferredDisplayUnit: .seconds,
            factory: factory)
    }
}

/// The four pool gauges, one stored property each.
private struct PoolGauges: Sendable {
    let open: Gauge
    let leased: Gauge
    let idle: Gauge
    let waiting: Gauge

    init(factory: any MetricsFactory) {
        open = Gauge(label: RepositoryMetricName.poolOpen, dimensions: [], factory: factory)
        leased = Gauge(label: RepositoryMetricName.poolLeased, dimensions: [], factory: factory)
        idle = Gauge(label: RepositoryMetricName.poolIdle, dimensions: [], factory: factory)
        waiting = Gauge(label: RepositoryMetricName.poolWaiting, dimensions: [], factory: factory)
    }
}

/// A cache counter's metric name and entity label.
private struct CacheCounterKey: Hashable {
    let label: String
    let entity: String
}

/// An error counter's statement labels and SQLSTATE class.
private struct ErrorCounterKey: Hashable {
    let labels: StatementLabels
    let sqlStateClass: String
}
