import Foundation
import MetricsTestKit
import QuoteMaster
import RepogenAdvisor
import RepogenCore
import RepogenRuntime
import RepogenTesting
import Testing

/// The advisor on PostgreSQL: an unindexed finder and an unindexed specification, run many times on a seeded
/// table, are reported with the index each needs; once those indexes are in the schema and migrated, they are not.
@Suite struct PerformanceAdvisorTests {
    static let quoteCount = 20_000
    static let runs = 40

    @Test func recommendsMissingIndexesUntilTheyAreMigrated() async throws {
        let before = try AdvisorSchemas.withoutStatusIndex()
        let testDatabase = try await TestPostgres.shared.makeDatabase(migrations: [])
        try await testDatabase.connect().closing { db in
            try await db.runScript(MigrationHistory.schemaSQL(for: before, sourceFile: "schema.yaml"))
            try await db.runScript("CREATE EXTENSION IF NOT EXISTS pg_stat_statements")
            let today = try await seed(db)
            for _ in 0..<Self.runs {
                _ = try await db.quotes.findByStatus(.sent)
                _ = try await db.quotes.find(where: .expiringWithin(days: 3, from: today))
            }
            let metrics = TestMetrics()
            let catalog = AdvisorCatalog(schema: before)
            let options = AdvisorOptions(metricsFactory: metrics)
            let report = try await db.performanceReport(catalog: catalog, options: options)
            let line = try #require(before.entities.first { $0.name == "Quote" }).location.line
            try expectBothIndexes(in: report, quoteLine: line)
            let command = try runAdvise(["--url", testDatabase.url, "--schema", AdvisorSchemas.path])
            #expect(command.status == 0, "\(command.output)")
            #expect(command.output.contains(
                "schema.yaml:\(line): Quote: add { columns: [status, created_at desc], "),
                "\(command.output)")
            let findings = try metrics.expectGauge(
                RepositoryMetricName.advisorFindings, [("kind", "missing_index")]).lastValue
            #expect(findings == Double(report.recommendations.count))

            try await migrate(db, from: before, to: try AdvisorSchemas.withRecommendedIndexes())
            let after = try await db.performanceReport(catalog: catalog, options: options)
            #expect(Self.recommendation(after, ["status", "created_at desc"]) == nil, "\(after)")
            #expect(Self.recommendation(after, ["valid_until"]) == nil, "\(after)")
            #expect(after.operations.contains { $0.label == "Quote.findByStatus" })
        }
    }

    @Test func withoutTheExtensionTheReportSaysSoAndStillListsIndexes() async throws {
        let testDatabase = try await TestPostgres.shared.makeDatabase(migrations: [])
        try await testDatabase.connect().closing { db in
            try await db.runScript("CREATE TABLE t (id int PRIMARY KEY, a int); CREATE INDEX t_a ON t (a); "
                + "CREATE INDEX t_a_again ON t (a)")
            let report = try await db.performanceReport()
            #expect(report.operations.isEmpty)
            #expect(report.notes.contains { $0.contains("extension is not created") }, "\(report)")
            #expect(report.duplicateIndexes.map(\.index) == ["t_a_again"])
            #expect(Set(report.unusedIndexes.map(\.index)) == ["t_a", "t_a_again"])
        }
    }

    /// The report names the status index for findByStatus and the valid_until index for the specification.
    private func expectBothIndexes(in report: PerformanceReport, quoteLine line: Int) throws {
        let byStatus = try #require(Self.recommendation(report, ["status", "created_at desc"]), "\(report)")
        #expect(byStatus.entity == "Quote")
        #expect(byStatus.location == "schema.yaml:\(line)")
        #expect(byStatus.predicate == "deleted_at IS NULL")
        #expect(byStatus.operations.contains { $0.label == "Quote.findByStatus" && $0.calls == Self.runs })
        #expect(byStatus.rows == Self.quoteCount)
        let byDate = try #require(Self.recommendation(report, ["valid_until"]), "\(report)")
        #expect(byDate.operations.contains { $0.calls == Self.runs })
        #expect(report.operations.contains { $0.label == "Quote.findByStatus" })
        #expect(report.description.contains(
            "schema.yaml:\(line): Quote: add { columns: [status, created_at desc], "
                + #"where: "deleted_at IS NULL" } — findByStatus scans"#))
    }

    static func recommendation(
        _ report: PerformanceReport, _ columns: [String]
    ) -> PerformanceReport.IndexRecommendation? {
        report.recommendations.first { $0.table == "quotes" && $0.columns == columns }
    }

    /// One owner and `quoteCount` quotes over five statuses and a year of `valid_until` dates; returns the first date.
    private func seed(_ db: Database) async throws -> CalendarDate {
        let owner = try await db.users.create(NewUser(email: "advisor@example.com", displayName: "Advisor"))
        let start = CalendarDate(daysSince2000: 9_000)
        let statuses = QuoteStatus.allCases
        for chunk in stride(from: 0, to: Self.quoteCount, by: 1_000) {
            _ = try await db.quotes.createMany((chunk..<chunk + 1_000).map { number in
                NewQuote(
                    ownerID: owner.id, title: "Quote \(number)", prompt: "prompt", status: statuses[number % 5],
                    validUntil: CalendarDate(daysSince2000: start.daysSince2000 + Int32(number % 365)))
            })
        }
        try await db.runScript("ANALYZE quotes")
        return start
    }

    /// Applies the steps that take `old` to `new`, as `repogen migrate` would write them: each index is built
    /// CONCURRENTLY, outside a transaction.
    private func migrate(_ db: Database, from old: Schema, to new: Schema) async throws {
        let plan = SchemaDiff.plan(from: old, to: new)
        #expect(plan.steps.count == 2)
        for step in plan.steps {
            #expect(!step.isTransactional)
            for statement in step.up {
                #expect(statement.contains("CONCURRENTLY"))
                try await db.runScript(statement)
            }
        }
        try await db.runScript("ANALYZE quotes")
    }
}
