import CoreMetrics
import Metrics

extension RepositoryMetricName {
    /// Gauge (seconds) of how far each replica is behind the primary, labelled `replica` (host and database).
    public static let replicaLag = "repository_replica_lag_seconds"
    /// Gauge of each replica's state, labelled `replica`: 1 when reads may go to it, 0 when it is skipped.
    public static let replicaHealthy = "repository_replica_healthy"
    /// Counter of reads outside a transaction by where they went, labelled `target` (`replica`, `primary`) and
    /// `reason` (`replayed`: a replica had replayed every write the read must see; `not_replayed`: none had;
    /// `no_replica`: none was healthy; `replica_failed`: the replica failed and the read went to the primary).
    public static let readsRouted = "repository_reads_routed_total"
}

/// Where a routed read went, and why.
enum ReadRoute: String, CaseIterable {
    case replayed
    case notReplayed = "not_replayed"
    case noReplica = "no_replica"
    case replicaFailed = "replica_failed"

    /// The `target` label: the replica only when one served the read.
    var target: String { self == .replayed ? "replica" : "primary" }
}

/// The replica gauges and the routing counters, made once.
final class ReplicaMetrics: Sendable {
    private let lag: [Gauge]
    private let healthy: [Gauge]
    private let routes: [ReadRoute: Counter]

    init(replicaNames: [String], factory: any MetricsFactory) {
        lag = replicaNames.map { Gauge(label: RepositoryMetricName.replicaLag, dimensions: [("replica", $0)], factory: factory) }
        healthy = replicaNames.map {
            Gauge(label: RepositoryMetricName.replicaHealthy, dimensions: [("replica", $0)], factory: factory)
        }
        routes = Dictionary(uniqueKeysWithValues: ReadRoute.allCases.map { route in
            let dimensions = [("target", route.target), ("reason", route.rawValue)]
            return (route, Counter(label: RepositoryMetricName.readsRouted, dimensions: dimensions, factory: factory))
        })
    }

    func record(_ route: ReadRoute) {
        routes[route]?.increment()
    }

    func recordState(replica index: Int, lag seconds: Double, healthy isHealthy: Bool) {
        lag[index].record(seconds)
        healthy[index].record(isHealthy ? 1 : 0)
    }
}
