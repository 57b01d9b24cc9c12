import ArgumentParser
import Foundation
import RepogenBackup
import RepogenCore
import RepogenRuntime

/// The database a migration command talks to, and the committed migrations it applies.
struct DatabaseOptions: ParsableArguments {
    @Option(help: "A postgresql:// URL or libpq connection string.")
    var url: String

    @Option(help: "Seconds a DDL statement may wait for a lock before the migration fails (0: no limit).")
    var lockTimeout: Int = 10

    @OptionGroup var history: HistoryOptions

    /// The committed migrations, as the runtime applies them.
    func migrations() throws -> [Migration] {
        try history.migrations()
    }

    /// Runner options that print one line per migration.
    var runnerOptions: MigrationOptions {
        MigrationOptions(lockTimeout: lockTimeout > 0 ? .seconds(lockTimeout) : nil, progress: { print($0) })
    }

    /// Connects with one connection, runs `body`, closes, and turns a database error into a message and exit code 1.
    func withDatabase(_ body: (Database) async throws -> Void) async throws {
        let database: Database
        do {
            database = try await Database.connect(url: url, pool: .init(minimum: 1, maximum: 1))
        } catch {
            printError("error: \(error)")
            throw ExitCode.failure
        }
        do {
            try await database.closing(after: body)
        } catch {
            printError("error: \(error)")
            throw ExitCode.failure
        }
    }
}

extension HistoryOptions {
    /// The committed migrations, as the runtime applies them; a problem is reported and exits with status 1.
    func migrations() throws -> [Migration] {
        do {
            return try MigrationFile.load(directory: history.migrationsDirectory).map {
                Migration(version: $0.version, name: $0.name, up: $0.up, down: $0.down)
            }
        } catch {
            report(error.diagnostics)
            throw ExitCode.failure
        }
    }
}

extension Migrate {
    /// `repogen migrate apply --url URL [--backup-first --backup-directory DIR]`: applies pending migrations, one
    /// progress line each, after taking and verifying a backup when asked to.
    struct Apply: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Apply pending migrations to a database.")

        @OptionGroup var database: DatabaseOptions

        @Flag(help: "Take a backup and verify it (restored into a scratch database) before applying anything.")
        var backupFirst = false

        @Option(help: "Where --backup-first writes the dump and its manifest.")
        var backupDirectory: String?

        func validate() throws {
            if backupFirst && backupDirectory == nil {
                throw ValidationError("--backup-first needs --backup-directory")
            }
        }

        func run() async throws {
            let migrations = try database.migrations()
            try await database.withDatabase { db in
                let pending = try await db.migrationStatus(migrations).filter { $0.state != .applied }
                if backupFirst, let backupDirectory, !pending.isEmpty {
                    try await backUpAndVerify(into: backupDirectory)
                }
                let applied = try await db.migrate(migrations, options: database.runnerOptions)
                print(applied.isEmpty ? "Up to date: no pending migration." : "Applied \(applied.count) migration(s).")
            }
        }

        /// Creates a backup and verifies it; any failure stops the migration before it starts.
        private func backUpAndVerify(into directory: String) async throws {
            let backups = Backups(url: database.url, directory: directory)
            let manifest = try await backups.create()
            try await backups.verify(manifest.name)
            print("Backed up and verified \(manifest.name) (\(manifest.sizeBytes) bytes) before migrating.")
        }
    }

    /// `repogen migrate status --url URL`: one line per migration, applied or pending.
    struct Status: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Show which migrations a database has applied.")

        @OptionGroup var database: DatabaseOptions

        func run() async throws {
            let migrations = try database.migrations()
            try await database.withDatabase { db in
                for line in try await db.migrationStatus(migrations) {
                    print(line)
                }
            }
        }
    }

    /// `repogen migrate down --url URL [--steps N]`: reverts the latest N applied migrations.
    struct Down: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Revert the most recently applied migrations.")

        @OptionGroup var database: DatabaseOptions

        @Option(help: "How many migrations to revert, newest first.")
        var steps: Int = 1

        func run() async throws {
            let migrations = try database.migrations()
            try await database.withDatabase { db in
                let reverted = try await db.revertMigrations(migrations, count: steps, options: database.runnerOptions)
                print("Reverted \(reverted.count) migration(s).")
            }
        }
    }
}
