import Prometheus
import QuoteMaster
import RepogenRuntime

/// The operations step: a short run on a second pool that reports to Prometheus, then its figures and metrics.
extension DemoSession {
    func showOperations() async throws {
        let registry = PrometheusCollectorRegistry()
        let options = DatabaseOptions(metricsFactory: PrometheusMetricsFactory(registry: registry))
        let observed = try await Database.connect(
            db.configuration, pool: PoolConfiguration(minimum: 1, maximum: 4), options: options)
        for _ in 0..<5 {
            _ = try await observed.users.count()
            _ = try await observed.quotes.count()
        }
        _ = try await observed.transaction { tx in try await tx.analyticsEvents.count() }
        try await showCache(on: observed)
        print("pool: \(await observed.poolFigures())")
        print("health: \(await observed.health())")
        for statistics in observed.statementStatistics() {
            print("statement \(statistics.statement): count \(statistics.count), p50 \(statistics.p50), "
                + "p95 \(statistics.p95), p99 \(statistics.p99)")
        }
        let page = registry.emitToString()
        if printsMetricsPage {
            print("prometheus:")
            print(page, terminator: "")
        } else {
            print(MetricsSummary(prometheusPage: page).line + " (--metrics prints the Prometheus page)")
        }
        await observed.shutdown(gracePeriod: .seconds(2))
    }

    /// Users are cached (`cache: { ttl: 60 }`): the first read misses, the next ones are L1 hits.
    func showCache(on observed: Database) async throws {
        let cache = try await observed.enableCache()
        guard let user = try await observed.users.findAll(limit: 1).first else { return }
        for _ in 0..<3 {
            _ = try await observed.users.find(id: user.id)
        }
        let figures = cache.statistics
        print("cache: \(figures.hits) hits, \(figures.misses) misses, \(figures.entries) entries, "
            + "hit ratio \(figures.hitRatio)")
    }
}
