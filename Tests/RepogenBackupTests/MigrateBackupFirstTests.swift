import Foundation
import RepogenRuntime
import RepogenTesting
import Testing

@testable import RepogenBackup

@Suite("repogen migrate apply --backup-first")
struct MigrateBackupFirstTests {
    /// The package root, where schema.yaml and Generated/ are.
    private static let packageRoot = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent().path

    private func apply(url: String, backupDirectory: String) async throws -> ToolProcess.Outcome {
        try await ToolProcess.run(try builtExecutable("repogen"), [
            "migrate", "apply", "--url", url, "--schema", Self.packageRoot + "/schema.yaml", "--backup-first",
            "--backup-directory", backupDirectory,
        ])
    }

    @Test("pending migrations are applied only after a backup was taken and verified; none pending, no backup")
    func backsUpBeforeApplying() async throws {
        let directory = ScratchDirectory()
        defer { directory.remove() }
        let url = try await emptyDatabase()
        let first = try await apply(url: url, backupDirectory: directory.path)
        #expect(first.status == 0, "\(first.output)")
        #expect(first.output.contains("Backed up and verified"))
        let manifests = try Backups(url: url, directory: directory.path).list()
        #expect(manifests.count == 1 && manifests.first?.migrationVersion == nil)
        #expect(try await Backups(url: url, directory: directory.path).create().migrationVersion != nil)

        let again = try await apply(url: url, backupDirectory: directory.path)
        #expect(again.status == 0 && again.output.contains("Up to date"))
        #expect(try Backups(url: url, directory: directory.path).list().count == 2)
    }

    @Test("a backup that cannot be written stops the migration before it starts")
    func failedBackupStopsMigration() async throws {
        let url = try await emptyDatabase()
        let outcome = try await apply(url: url, backupDirectory: "/dev/null/backups")
        #expect(outcome.status != 0)
        #expect(!outcome.output.contains("applied"))
        let db = try await Database.connect(DatabaseConfiguration(conninfo: url), pool: .init(minimum: 1, maximum: 1))
        let tables = try await DatabaseSnapshot.tableNames(on: db)
        await db.close()
        #expect(tables.isEmpty)
    }
}
