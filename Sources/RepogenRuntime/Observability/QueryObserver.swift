import Logging
import Tracing

/// Logs, metrics, statistics and spans for every statement a `Database` (or one of its transactions) runs.
///
/// Bind values reach the logs only with `DatabaseOptions.logBindValues`, and then only at `trace` and `debug`.
final class QueryObserver: Sendable {
    let metrics: RepositoryMetrics
    let statistics = StatementStatisticsStore()
    let logger: Logger
    let slowQueryThreshold: Duration?
    let logBindValues: Bool
    /// Nil when no tracer is configured: then nothing is spent on spans.
    let tracing: StatementTracing?

    init(options: DatabaseOptions, configuration: DatabaseConfiguration) {
        metrics = RepositoryMetrics(factory: options.metricsFactory)
        tracing = StatementTracing(options: options, configuration: configuration)
        logger = options.logger
        slowQueryThreshold = options.slowQueryThreshold
        logBindValues = options.logBindValues
    }

    /// Times `body` and reports it under `name` and `labels`, with the row count when the result has one;
    /// `binds` are rendered into the `trace`/`debug` line only when `logBindValues` is on. With tracing on, `body`
    /// runs inside a span (the statement's `sql` as its query text), so the statements of a unit of work become
    /// children of its span. `body` runs in the caller's isolation, so a transaction's closure may belong to an
    /// actor.
    func observe<T>(
        _ name: String, _ labels: StatementLabels, sql: String? = nil, binds: PostgresBindings? = nil,
        rows: (T) -> Int? = { _ in nil }, isolation: isolated (any Actor)? = #isolation, _ body: () async throws -> T
    ) async throws -> T {
        guard let tracing else {
            return try await measure(name, labels, binds: binds, rows: rows, isolation: isolation, body)
        }
        let span = tracing.startSpan(name, labels, sql: sql)
        do {
            let value = try await ServiceContext.withValue(span.context, isolation: isolation) {
                try await measure(name, labels, binds: binds, rows: rows, isolation: isolation, body)
            }
            StatementTracing.end(span, error: nil)
            return value
        } catch {
            StatementTracing.end(span, error: error)
            throw error
        }
    }

    /// `observe` without the span: times `body`, then records and logs it.
    private func measure<T>(
        _ name: String, _ labels: StatementLabels, binds: PostgresBindings?, rows: (T) -> Int?,
        isolation: isolated (any Actor)?, _ body: () async throws -> T
    ) async throws -> T {
        let start = ContinuousClock.now
        let shownBinds = logBindValues ? binds : nil
        do {
            let value = try await body()
            finish(name, labels, duration: .now - start, rows: rows(value), binds: shownBinds, error: nil)
            return value
        } catch {
            finish(name, labels, duration: .now - start, rows: nil, binds: shownBinds, error: error)
            throw error
        }
    }

    private func finish(
        _ name: String, _ labels: StatementLabels, duration: Duration, rows: Int?, binds: PostgresBindings?,
        error: (any Error)?
    ) {
        metrics.recordQuery(labels, duration: duration)
        statistics.record(name, duration: duration, failed: error != nil)
        if let error {
            metrics.recordError(error, labels)
        }
        let slow = slowQueryThreshold.map { duration >= $0 } ?? false
        let level: Logger.Level = error != nil ? .debug : slow ? .warning : .trace
        guard logger.logLevel <= level else {
            return  // the common case: build no log metadata at all
        }
        var metadata: Logger.Metadata = [
            "statement": "\(name)", "operation": "\(labels.operation)", "entity": "\(labels.entity)",
            "duration_ms": "\(Self.milliseconds(duration))",
        ]
        if let rows {
            metadata["rows"] = "\(rows)"
        }
        if let binds, error != nil || !slow, logger.logLevel <= (error == nil ? .trace : .debug) {
            metadata["binds"] = "\(binds.renderedForLog())"
        }
        if let error {
            metadata["error"] = "\(error)"
            logger.debug("statement failed", metadata: metadata)
        } else if slow {
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
