import Foundation
import RepogenAdvisor
import RepogenBackup
import RepogenRuntime

/// The maintenance step: one performance report, then one verified backup (in that order, so the report ranks the
/// demo's own statements rather than pg_dump's catalog reads).
extension DemoSession {
    func showMaintenance() async throws {
        try await showReport()
        await showBackup()
    }

    /// `pg_dump` into a temporary directory, restored into a scratch database and compared; the directory is
    /// removed afterwards. A server the demo cannot dump (no pg_dump of its version, no CREATEDB) is reported, not
    /// fatal.
    func showBackup() async {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("repogen-demo-\(runID)").path
        defer { try? FileManager.default.removeItem(atPath: directory) }
        do {
            let backups = Backups(url: url, directory: directory)
            let manifest = try await backups.create()
            let rows = manifest.tables.reduce(0) { $0 + $1.rows }
            _ = try await backups.verify(manifest.name)
            print("backup: \(manifest.name), \(manifest.sizeBytes) bytes, \(manifest.tables.count) tables, "
                + "\(rows) rows, "
                + "verified by a restore into a scratch database")
        } catch {
            print("backup: skipped (\(error))")
        }
    }

    /// The advisor's report of this run: pg_stat_statements is loaded by the throwaway server; the extension is
    /// created here (the report says what is missing when it cannot be).
    func showReport() async throws {
        try? await db.runScript("CREATE EXTENSION IF NOT EXISTS pg_stat_statements")
        let catalog = (try? AdvisorCatalog(schemaPath: "schema.yaml")) ?? .empty
        let report = try await db.performanceReport(catalog: catalog, options: AdvisorOptions(rankedOperations: 5))
        print("advisor: \(report.findingsCount) findings")
        print(report.description.split(separator: "\n").map { "  " + $0 }.joined(separator: "\n"))
    }
}
