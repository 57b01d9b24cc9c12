import ArgumentParser
import Foundation
import QuoteMaster
import RepogenRuntime
import RepogenTesting

/// `quotemaster demo`: migrates a database, writes and reads Quote Master data, and shows a rollback.
struct Demo: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Run the demo on DATABASE_URL, or on a throwaway PostgreSQL started for the run."
    )

    @Flag(help: "Print the whole Prometheus page at the end instead of its summary.")
    var metrics = false

    func run() async throws {
        let url = try await databaseURL()
        let db = try await Database.connect(url: url, pool: PoolConfiguration(minimum: 1, maximum: 4))
        let applied = try await db.migrate(QuoteMasterSchema.migrations)
        print("migrations: \(applied.count) applied (\(QuoteMasterSchema.migrations.count) known)")
        let session = DemoSession(
            db: db, url: url, runID: String(UUID().uuidString.prefix(8)).lowercased(), printsMetricsPage: metrics)
        do {
            try await session.run()
            await db.close()
        } catch {
            await db.close()
            throw error
        }
    }

    /// `DATABASE_URL` when set; otherwise a fresh database on a throwaway server that is removed at exit.
    func databaseURL() async throws -> String {
        if let url = ProcessInfo.processInfo.environment["DATABASE_URL"], !url.isEmpty {
            print("database: DATABASE_URL")
            return url
        }
        let database = try await TestPostgres.shared.makeDatabase(migrations: [])
        print("database: throwaway PostgreSQL (\(database.name)), removed at exit")
        return database.url
    }
}
