import Foundation
import RepogenBackup
import RepogenRuntime
import RepogenTesting
import Testing

@Suite("Backup round trips on PostgreSQL")
struct BackupRoundTripTests {
    @Test("create, verify, drop everything, restore: the same rows, counts and checksums")
    func createVerifyDropRestore() async throws {
        let directory = ScratchDirectory()
        defer { directory.remove() }
        let testDB = try await seededDatabase()
        let before = try await allRows(at: testDB.url)
        let backups = Backups(url: testDB.url, directory: directory.path)

        let manifest = try await backups.create()
        #expect(manifest.migrationVersion == 2)
        #expect(manifest.tables.map(\.table) == ["public.events", "public.quotes", "public.schema_migrations"])
        #expect(manifest.tables.map(\.rows) == [100, 50, 2])
        #expect(manifest.sizeBytes > 0 && manifest.sha256.count == 64)
        #expect(FileManager.default.fileExists(atPath: directory.path + "/" + manifest.dumpFile))
        #expect(try await backups.verify(manifest.name) == manifest)

        try await execute("DROP TABLE quotes, events, schema_migrations", at: testDB.url)
        let report = try await backups.restore(manifest.name, into: testDB.url, migrations: backupTestMigrations)
        #expect(report.pendingMigrations == 0 && report.tablesNotInBackup.isEmpty)
        #expect(try await allRows(at: testDB.url) == before)
        // A second backup of the restored database records the same contents.
        let again = try await backups.create(now: Date().addingTimeInterval(1))
        #expect(again.tables == manifest.tables)
        #expect(try backups.list().map(\.name) == [manifest.name, again.name])
    }

    @Test("a restore into another, empty database brings the same rows")
    func restoresIntoEmptyDatabase() async throws {
        let directory = ScratchDirectory()
        defer { directory.remove() }
        let testDB = try await seededDatabase(rows: 7)
        let backups = Backups(url: testDB.url, directory: directory.path)
        let manifest = try await backups.create()
        let target = try await emptyDatabase()
        _ = try await backups.restore(into: target)
        #expect(try await allRows(at: target) == allRows(at: testDB.url))
        #expect(manifest.tables.first { $0.table == "public.quotes" }?.rows == 7)
    }

    @Test("a non-empty target is refused without replace; with it, the backup's tables come back")
    func refusesNonEmptyTarget() async throws {
        let directory = ScratchDirectory()
        defer { directory.remove() }
        let testDB = try await seededDatabase(rows: 10)
        let backups = Backups(url: testDB.url, directory: directory.path)
        let manifest = try await backups.create()
        let before = try await allRows(at: testDB.url)
        try await execute("DELETE FROM events; UPDATE quotes SET note = 'changed'; CREATE TABLE extra (x int)",
                          at: testDB.url)

        let refused = await #expect(throws: BackupError.self) { _ = try await backups.restore(into: testDB.url) }
        guard case .targetNotEmpty? = refused else {
            Issue.record("expected targetNotEmpty, got \(String(describing: refused))")
            return
        }
        #expect(try await allRows(at: testDB.url) != before)

        let report = try await backups.restore(manifest.name, into: testDB.url, replace: true)
        #expect(try await allRows(at: testDB.url) == before)
        #expect(report.tablesNotInBackup == ["public.extra"])
    }

    @Test("a backup at a migration the code does not have is refused before anything is touched")
    func refusesUnknownMigrationVersion() async throws {
        let directory = ScratchDirectory()
        defer { directory.remove() }
        let testDB = try await seededDatabase(rows: 3)
        let backups = Backups(url: testDB.url, directory: directory.path)
        _ = try await backups.create()
        let target = try await emptyDatabase()
        let error = await #expect(throws: BackupError.self) {
            _ = try await backups.restore(into: target, migrations: Array(backupTestMigrations.prefix(1)))
        }
        #expect(error == .migrationVersionMismatch(dumpVersion: 2, codeVersions: [1]))
        let newer = backupTestMigrations + [Migration(version: 3, name: "later", up: "SELECT 1", down: nil)]
        #expect(try await backups.restore(into: target, migrations: newer).pendingMigrations == 1)
    }
}
