import Logging

/// Logs, metrics and statistics for every statement a `Database` runs; never sees bind values.
final class QueryObserver: Sendable {
    let metrics: RepositoryMetrics
    let statistics = StatementStatisticsStore()
    let logger: Logger
    let slowQueryThreshold: Duration?

    init(options: DatabaseOptions) {
        metrics = RepositoryMetrics(factory: options.metricsFactory)
        logger = options.logger
        slowQueryThreshold = options.slowQueryThreshold
    }

    /// Times `body` and reports it under `name` and `labels`, with the row count when the result has one.
    func observe<T>(
        _ name: String, _ labels: StatementLabels, rows: (T) -> Int? = { _ in nil }, _ body: () async throws -> T
    ) async throws -> T {
        let start = ContinuousClock.now
        do {
            let value = try await body()
            finish(name, labels, duration: .now - start, rows: rows(value), error: nil)
            return value
        } catch {
            finish(name, labels, duration: .now - start, rows: nil, error: error)
            throw error
        }
    }

    private func finish(
        _ name: String, _ labels: StatementLabels, duration: Duration, rows: Int?, error: (any Error)?
    ) {
        metrics.recordQuery(labels, duration: duration)
        statistics.record(name, duration: duration, failed: error != nil)
        var metadata: Logger.Metadata = [
            "statement": "\(name)", "operation": "\(labels.operation)", "entity": "\(labels.entity)",
            "duration_ms": "\(Self.milliseconds(duration))",
        ]
        if let rows {
            metadata["rows"] = "\(rows)"
        }
        if let error {
            metrics.recordError(error)
            metadata["error"] = "\(error)"
            logger.debug("statement failed", metadata: metadata)
        } else if let threshold = slowQueryThreshold, duration >= threshold {
            logger.warning("slow statement", metadata: metadata)
        } else {
            logger.trace("statement", metadata: metadata)
        }
    }

    static func milliseconds(_ duration: Duration) -> String {
        let value = duration.seconds * 1000
        return String(Double(Int(value * 1000)) / 1000)
    }
}
