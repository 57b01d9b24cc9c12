import RepogenRuntime

/// The demo's one-line view of a Prometheus text page: totals of the counters an operator looks at first.
struct MetricsSummary {
    /// Each metric's values summed over its label sets, by name.
    let totals: [String: Double]

    /// Sums the samples of `page` (Prometheus text format: `name{labels} value` lines, `#` lines skipped).
    init(prometheusPage page: String) {
        var totals: [String: Double] = [:]
        for line in page.split(separator: "\n") where !line.hasPrefix("#") {
            guard let space = line.lastIndex(of: " "), let value = Double(line[line.index(after: space)...]) else {
                continue
            }
            let name = line[..<space].prefix { $0 != "{" && $0 != " " }
            totals[String(name), default: 0] += value
        }
        self.totals = totals
    }

    /// Statements, errors, retries and cache hits and misses, e.g. `metrics: 14 statements, 0 errors, ...`.
    var line: String {
        func count(_ name: String) -> Int { Int(totals[name] ?? 0) }
        return "metrics: \(count(RepositoryMetricName.queries)) statements, "
            + "\(count(RepositoryMetricName.errors)) errors, \(count(RepositoryMetricName.retries)) retries, "
            + "cache \(count(RepositoryMetricName.cacheHits)) hits / \(count(RepositoryMetricName.cacheMisses)) misses"
    }
}
