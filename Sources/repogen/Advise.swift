import ArgumentParser
import Foundation
import RepogenAdvisor
import RepogenRuntime

/// `repogen advise --url URL [--schema schema.yaml]`: a performance report that speaks `schema.yaml`.
struct Advise: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Rank repository operations by total time and recommend indexes as schema.yaml entries.",
        discussion: """
            Reads pg_stat_statements, pg_stat_user_tables and pg_stat_user_indexes, explains the most expensive \
            statements' generic plans, and prints the indexes to declare; it never creates or drops one.
            """
    )

    @Option(help: "A postgresql:// URL or libpq connection string.")
    var url: String

    @Option(help: "The schema naming the findings by operation and line (default: schema.yaml when present).")
    var schema: String?

    @Option(help: "Tables with fewer rows are never reported.")
    var minimumRows: Int = 10_000

    @Option(help: "How many operations the ranking shows.")
    var top: Int = 10

    func run() async throws {
        try await reportingFailure {
            let path = schema ?? (FileManager.default.fileExists(atPath: "schema.yaml") ? "schema.yaml" : nil)
            let catalog = try path.map { try AdvisorCatalog(schemaPath: $0) } ?? .empty
            let options = AdvisorOptions(minimumTableRows: minimumRows, rankedOperations: top)
            let advisor = PerformanceAdvisor(
                configuration: try DatabaseConfiguration(url: url), catalog: catalog, options: options)
            print(try await advisor.report())
        }
    }
}
