import ArgumentParser
import Foundation
import RepogenBackup

extension Backup {
    /// `repogen backup restore --url URL --directory DIR [NAME] [--replace]`: restores into a database.
    struct Restore: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Restore a backup into a database (empty, unless --replace), in one transaction.")

        @Option(help: "The database to restore into (a postgresql:// URL or libpq connection string).")
        var url: String

        @OptionGroup var options: BackupDirectoryOptions

        @OptionGroup var history: HistoryOptions

        @Argument(help: "The backup's name (default: the newest).")
        var name: String?

        @Flag(help: "Drop and recreate the backup's objects in a non-empty target (others are left and listed).")
        var replace = false

        @Flag(help: "Do not check the backup's migration version against Generated/migrations.")
        var skipMigrationCheck = false

        func run() async throws {
            let migrations = skipMigrationCheck ? nil : try history.migrations()
            try await reportingFailure {
                let report = try await options.backups(url: url).restore(
                    name, into: url, replace: replace, migrations: migrations)
                print("restored \(report.manifest.name): \(report.manifest.tables.count) tables match the manifest")
                if !report.tablesNotInBackup.isEmpty {
                    print("left in place (not in the backup): " + report.tablesNotInBackup.joined(separator: ", "))
                }
                if report.pendingMigrations > 0 {
                    print("\(report.pendingMigrations) migration(s) are newer than the backup: "
                        + "run repogen migrate apply")
                }
            }
        }
    }

    /// `repogen backup list --directory DIR`: one line per backup, oldest first.
    struct List: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "List the backups in a directory, oldest first.")

        @OptionGroup var options: BackupDirectoryOptions

        func run() async throws {
            try await reportingFailure {
                let manifests = try options.backups(url: "").list()
                for manifest in manifests {
                    let rows = manifest.tables.reduce(0) { $0 + $1.rows }
                    print("\(manifest.name)  \(humanSize(manifest.sizeBytes))  PostgreSQL \(manifest.serverVersion)  "
                        + "migration \(manifest.migrationVersion.map(String.init) ?? "none")  "
                        + "\(manifest.tables.count) tables, \(rows) rows")
                }
                if manifests.isEmpty {
                    print("No backups in \(options.directory).")
                }
            }
        }
    }

    /// `repogen backup prune --directory DIR --keep-last N [--keep-daily D] [--keep-weekly W]`.
    struct Prune: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Delete the backups a retention policy does not keep (last N, plus daily and weekly).")

        @OptionGroup var options: BackupDirectoryOptions

        @Option(help: "Keep the newest N backups.")
        var keepLast: Int

        @Option(help: "Also keep the newest backup of each of the latest D days (UTC).")
        var keepDaily: Int = 0

        @Option(help: "Also keep the newest backup of each of the latest W ISO weeks (UTC).")
        var keepWeekly: Int = 0

        @Flag(help: "Print what would be deleted, and delete nothing.")
        var dryRun = false

        func validate() throws {
            guard keepLast >= 1, keepDaily >= 0, keepWeekly >= 0 else {
                throw ValidationError("--keep-last must be at least 1, --keep-daily and --keep-weekly at least 0")
            }
        }

        func run() async throws {
            try await reportingFailure {
                let retention = BackupRetention(last: keepLast, daily: keepDaily, weekly: keepWeekly)
                let doomed = try options.backups(url: "").prune(retention, dryRun: dryRun)
                for manifest in doomed {
                    print((dryRun ? "would delete " : "deleted ") + manifest.name)
                }
                print("\(doomed.count) backup(s) \(dryRun ? "to delete" : "deleted").")
            }
        }
    }
}
