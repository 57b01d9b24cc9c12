import Foundation
import Logging
import Metrics
import RepogenRuntime

/// Reads the server's statistics, explains the most expensive statements' generic plans, and writes a
/// `PerformanceReport`; on a connection of its own, so no session setting reaches the application's pool.
///
/// ```swift
/// let report = try await PerformanceAdvisor(
///     configuration: try DatabaseConfiguration(url: url), catalog: try AdvisorCatalog(schemaPath: "schema.yaml")
/// ).report()
/// print(report)
/// ```
public struct PerformanceAdvisor: Sendable {
    /// The database to examine.
    public let configuration: DatabaseConfiguration
    /// The generated statements and entity lines that name what the report finds.
    public let catalog: AdvisorCatalog
    /// Thresholds, limits and the metrics factory.
    public let options: AdvisorOptions

    /// Creates an advisor; nothing connects until `report()`.
    public init(
        configuration: DatabaseConfiguration, catalog: AdvisorCatalog = .empty, options: AdvisorOptions = .init()
    ) {
        self.configuration = configuration
        self.catalog = catalog
        self.options = options
    }

    /// Examines the database and returns the report; sets `repository_advisor_findings` by kind.
    public func report() async throws -> PerformanceReport {
        let db = try await Database.connect(configuration, pool: Self.singleSession, options: Self.quietOptions)
        return try await db.closing {
            let report = try await examine($0)
            AdvisorMetrics(factory: options.metricsFactory ?? MetricsSystem.factory).record(report)
            return report
        }
    }

    /// One connection that is never recycled, so the session's `plan_cache_mode` and prepared probes stay with it.
    static let singleSession = PoolConfiguration(
        minimum: 1, maximum: 1, maxLifetime: nil, idleTimeout: nil, validationInterval: nil)

    /// No retry (a new connection would lose the session) and no metrics of the advisor's own statements.
    static let quietOptions = DatabaseOptions(
        retry: .never, slowQueryThreshold: nil, logger: Logger(label: "repogen.advisor"),
        metricsFactory: NOOPMetricsHandler.instance)

    private func examine(_ db: Database) async throws -> PerformanceReport {
        var notes: [String] = []
        let tables = try await ServerStatistics.tables(on: db)
        let indexes = try await ServerStatistics.indexes(on: db)
        var statements: [RecordedStatement] = []
        let unranked = "; operations are not ranked and no plan is explained (docs/operations.md)"
        if try await ServerStatistics.statementsInstalled(on: db) {
            do {
                statements = try await ServerStatistics.statements(on: db, limit: options.statementLimit)
                    .filter(Self.isApplicationStatement)
            } catch {
                notes.append("cannot read pg_stat_statements (\(error))" + unranked)
            }
        } else {
            notes.append("the pg_stat_statements extension is not created in this database" + unranked)
        }
        let costs = statements.map(cost)
        let advice = PlanAdvice(tables: tables, indexes: indexes, options: options)
        let (recommendations, failures) = try await recommend(statements, costs: costs, advice: advice, db: db)
        if let failure = failures.first {
            notes.append("\(failures.count) statement(s) could not be explained, e.g. \(failure)")
        }
        return PerformanceReport(
            operations: Array(costs.prefix(options.rankedOperations)), recommendations: recommendations,
            unusedIndexes: IndexHygiene.unused(indexes), duplicateIndexes: IndexHygiene.duplicates(indexes),
            notes: notes)
    }

    /// Reads and writes an application sends, not the advisor's own statements nor session and transaction control.
    static func isApplicationStatement(_ statement: RecordedStatement) -> Bool {
        let keyword = StatementFingerprint.leadingKeyword(of: statement.query)
        return ["SELECT", "WITH", "INSERT", "UPDATE", "DELETE", "MERGE", "VALUES", "TABLE"].contains(keyword)
            && !statement.query.contains(PlanProbe.marker)
    }

    private func cost(_ statement: RecordedStatement) -> PerformanceReport.OperationCost {
        let operation = catalog.operation(for: statement.query)
        let label = operation.map { "\($0.entity).\($0.name)" } ?? Self.shortened(statement.query)
        return PerformanceReport.OperationCost(
            label: label, operation: operation?.name ?? label, calls: statement.calls,
            totalMilliseconds: statement.totalMilliseconds, meanMilliseconds: statement.meanMilliseconds)
    }

    /// The SQL on one line with a SELECT's column list elided (`SELECT … FROM quotes WHERE …`), cut at 90
    /// characters: for a query-builder specification, its table and condition are what tell it apart.
    static func shortened(_ query: String) -> String {
        var line = query.split(whereSeparator: \.isWhitespace).joined(separator: " ")
        if line.uppercased().hasPrefix("SELECT "), let from = line.range(of: " FROM ", options: .caseInsensitive) {
            line = "SELECT …" + line[from.lowerBound...]
        }
        return line.count > 90 ? String(line.prefix(89)) + "…" : line
    }
}
