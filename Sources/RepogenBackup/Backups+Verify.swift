import Foundation
import RepogenRuntime

extension Backups {
    /// Checks the backup named `name` (the newest when nil): its size and SHA-256, then a restore into a scratch
    /// database on the same server whose row counts and table checksums must equal the manifest's.
    ///
    /// The scratch database (`repogen_verify_…`) is dropped whatever the outcome. Throws `dumpTruncated`,
    /// `checksumMismatch`, `toolFailed` (pg_restore refused the dump) or `contentMismatch`; returns the manifest.
    @discardableResult
    public func verify(_ name: String? = nil) async throws -> BackupManifest {
        let manifest = try store.manifest(named: name)
        try store.checkIntegrity(of: manifest)
        let scratch = "repogen_verify_"
            + UUID().uuidString.prefix(13).lowercased().replacingOccurrences(of: "-", with: "")
        try await Self.withDatabase(url) { database in
            let (info, tools) = try await locateTools(for: database)
            try await database.runScript("CREATE DATABASE \(ConnectionURL.quoted(scratch)) TEMPLATE template0")
            do {
                try await checkRestoredCopy(of: manifest, tools: tools, scratch: scratch)
            } catch {
                try? await dropScratch(scratch, on: database, serverMajor: info.major)
                throw error
            }
            try await dropScratch(scratch, on: database, serverMajor: info.major)
        }
        return manifest
    }

    /// Restores the dump into `scratch` and compares what it holds with the manifest.
    private func checkRestoredCopy(of manifest: BackupManifest, tools: PostgresTools, scratch: String) async throws {
        let scratchURL = ConnectionURL.replacingDatabase(in: url, with: scratch)
        let dump = directory + "/" + manifest.dumpFile
        let outcome = try await ToolProcess.run(
            tools.pgRestore, ["--exit-on-error", "--no-owner", "--no-acl", "--dbname=" + scratchURL, dump])
        guard outcome.status == 0 else {
            throw BackupError.toolFailed(tool: "pg_restore", status: outcome.status, output: outcome.tail)
        }
        try await Self.compare(manifest, withDatabaseAt: scratchURL, ignoringExtraTables: false)
    }

    /// Reads the tables and migration version at `url` and throws `contentMismatch` when they differ from the
    /// manifest's (`ignoringExtraTables`: tables the manifest does not list are not a difference).
    static func compare(
        _ manifest: BackupManifest, withDatabaseAt url: String, ignoringExtraTables: Bool
    ) async throws {
        let (tables, version) = try await withDatabase(url) { database in
            try await database.transaction(options: .init(isolationLevel: .repeatableRead, readOnly: true)) { tx in
                try await DatabaseSnapshot.pinRowText(on: tx)
                return (try await DatabaseSnapshot.tables(on: tx), try await DatabaseSnapshot.migrationVersion(on: tx))
            }
        }
        let listed = Set(manifest.tables.map(\.table))
        let compared = ignoringExtraTables ? tables.filter { listed.contains($0.table) } : tables
        var differences = DatabaseSnapshot.differences(expected: manifest.tables, actual: compared)
        if version != manifest.migrationVersion {
            differences.append("migration version \(version.map(String.init) ?? "none"), expected "
                + (manifest.migrationVersion.map(String.init) ?? "none"))
        }
        guard differences.isEmpty else {
            throw BackupError.contentMismatch(differences: differences)
        }
    }

    /// Drops the scratch database, disconnecting anyone left on it (PostgreSQL 13 and later).
    private func dropScratch(_ scratch: String, on database: Database, serverMajor: Int) async throws {
        let force = serverMajor >= 13 ? " WITH (FORCE)" : ""
        try await database.runScript("DROP DATABASE IF EXISTS \(ConnectionURL.quoted(scratch))" + force)
    }
}
