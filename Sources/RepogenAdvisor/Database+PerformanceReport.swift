import RepogenRuntime

extension Database {
    /// A performance report of this database: operations ranked by total time from `pg_stat_statements`, indexes
    /// to declare in `schema.yaml`, unused and duplicate indexes. Runs on a connection of its own; creates nothing.
    ///
    /// ```swift
    /// print(try await db.performanceReport(catalog: try AdvisorCatalog(schemaPath: "schema.yaml")))
    /// ```
    public func performanceReport(
        catalog: AdvisorCatalog = .empty, options: AdvisorOptions = .init()
    ) async throws -> PerformanceReport {
        try await PerformanceAdvisor(configuration: configuration, catalog: catalog, options: options).report()
    }
}
