import Foundation
import RepogenRuntime

/// What a restore did.
public struct RestoreReport: Sendable, Equatable {
    /// The backup restored.
    public let manifest: BackupManifest
    /// Tables the target still holds that the backup does not (left by `replace`, which drops only what it restores).
    public let tablesNotInBackup: [String]
    /// How many of the code's migrations are newer than the backup's (to apply with `migrate apply`).
    public let pendingMigrations: Int
}

extension Backups {
    /// Restores the backup named `name` (the newest when nil) into the database at `target`, in one transaction.
    ///
    /// Checks the dump's size and SHA-256 first. Refuses a target holding any table, view or sequence unless
    /// `replace` is set; with it, `pg_restore --clean` drops and recreates the backup's objects in the same
    /// transaction, so a failure leaves the target as it was (objects the backup lacks stay, and are reported).
    /// When `migrations` is given, the backup's migration version must be one of them
    /// (`migrationVersionMismatch`). The restored tables are compared with the manifest (`contentMismatch`).
    public func restore(
        _ name: String? = nil, into target: String, replace: Bool = false, migrations: [Migration]? = nil
    ) async throws -> RestoreReport {
        let manifest = try store.manifest(named: name)
        let pending = try Self.checkMigrationVersion(manifest, migrations: migrations)
        try store.checkIntegrity(of: manifest)
        let tools = try await Self.withDatabase(target) { database in
            let relations = try await DatabaseSnapshot.relationCount(on: database)
            let (info, tools) = try await locateTools(for: database)
            if relations > 0 && !replace {
                throw BackupError.targetNotEmpty(database: info.database, relations: relations)
            }
            return tools
        }
        let clean = replace ? ["--clean", "--if-exists"] : []
        let outcome = try await ToolProcess.run(
            tools.pgRestore,
            ["--exit-on-error", "--single-transaction"] + clean
                + ["--dbname=" + target, directory + "/" + manifest.dumpFile])
        guard outcome.status == 0 else {
            throw BackupError.toolFailed(tool: "pg_restore", status: outcome.status, output: outcome.tail)
        }
        try await Self.compare(manifest, withDatabaseAt: target, ignoringExtraTables: true)
        let extra = try await Self.withDatabase(target) { database in
            try await database.transaction(options: .readOnly) { tx in
                try await DatabaseSnapshot.tableNames(on: tx)
            }
        }.filter { table in !manifest.tables.contains { $0.table == table } }
        return RestoreReport(manifest: manifest, tablesNotInBackup: extra, pendingMigrations: pending)
    }

    /// Throws `migrationVersionMismatch` when the backup's migration is not among `migrations`; returns how many
    /// of them are newer than it.
    static func checkMigrationVersion(_ manifest: BackupManifest, migrations: [Migration]?) throws -> Int {
        guard let migrations else {
            return 0
        }
        let versions = migrations.map(\.version)
        guard let dumped = manifest.migrationVersion else {
            return versions.count
        }
        guard versions.contains(dumped) else {
            throw BackupError.migrationVersionMismatch(dumpVersion: dumped, codeVersions: versions)
        }
        return versions.filter { $0 > dumped }.count
    }
}
