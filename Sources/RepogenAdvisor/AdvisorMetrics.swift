import Metrics
import RepogenRuntime

/// `repository_advisor_findings{kind}`: the findings of the last report, so a dashboard can alert on new ones.
struct AdvisorMetrics {
    let factory: any MetricsFactory

    func record(_ report: PerformanceReport) {
        let counts = [
            ("missing_index", report.recommendations.count), ("unused_index", report.unusedIndexes.count),
            ("duplicate_index", report.duplicateIndexes.count),
        ]
        for (kind, count) in counts {
            Gauge(label: RepositoryMetricName.advisorFindings, dimensions: [("kind", kind)], factory: factory)
                .record(count)
        }
    }
}
