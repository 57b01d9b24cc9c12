import Metrics

/// What the advisor counts as large, how much it reads, and where it reports its findings count.
public struct AdvisorOptions: Sendable {
    /// Tables with fewer rows are never reported: a sequential scan of a small table is the right plan.
    public var minimumTableRows: Int
    /// Sorts of fewer rows (the planner's estimate) are never reported.
    public var minimumSortRows: Int
    /// How many of the most expensive statements are read from `pg_stat_statements` and explained.
    public var statementLimit: Int
    /// How many operations the ranking shows.
    public var rankedOperations: Int
    /// Where `repository_advisor_findings` goes; `MetricsSystem.factory` when nil.
    public var metricsFactory: (any MetricsFactory)?

    /// Creates options; the defaults suit a production database.
    public init(
        minimumTableRows: Int = 10_000, minimumSortRows: Int = 1_000, statementLimit: Int = 200,
        rankedOperations: Int = 10, metricsFactory: (any MetricsFactory)? = nil
    ) {
        self.minimumTableRows = minimumTableRows
        self.minimumSortRows = minimumSortRows
        self.statementLimit = statementLimit
        self.rankedOperations = rankedOperations
        self.metricsFactory = metricsFactory
    }
}
