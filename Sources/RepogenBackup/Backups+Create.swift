import Foundation
import RepogenRuntime

extension Backups {
    /// What the snapshot transaction read, beside the dump `pg_dump` wrote from the same snapshot.
    private struct SnapshotContents: Sendable {
        let tables: [TableSnapshot]
        let migrationVersion: Int?
    }

    /// Dumps the database with `pg_dump -Fc` into the directory and writes its manifest; returns the manifest.
    ///
    /// The row counts and checksums are read in a repeatable-read transaction whose snapshot `pg_dump` is given
    /// (`--snapshot`), so they describe exactly the rows in the dump even while the application writes. The dump
    /// is written as `NAME.dump.partial` and renamed once complete; the manifest comes last, so only a complete
    /// dump is ever listed. Throws `toolMissing`, `toolTooOld`, `noSpace`, `permissionDenied` or `toolFailed`.
    public func create(now: Date = Date()) async throws -> BackupManifest {
        try store.prepare()
        let createdAt = BackupName.date(iso8601: BackupName.iso8601(now)) ?? now  // as the manifest will read back
        return try await Self.withDatabase(url) { database in
            let (info, tools) = try await locateTools(for: database)
            let name = BackupName.make(prefix: info.database, at: now)
            let partial = store.partialPath(name)
            let contents: SnapshotContents
            do {
                contents = try await dumpInSnapshot(database, tools: tools, to: partial)
            } catch {
                try? FileManager.default.removeItem(atPath: partial)
                throw error
            }
            let manifest = try seal(
                name: name, partial: partial,
                header: BackupManifest(
                    name: name, createdAt: createdAt, database: info.database, serverVersion: info.version,
                    serverVersionNumber: info.versionNumber, pgDumpVersion: tools.versionLine,
                    migrationVersion: contents.migrationVersion, dumpFile: name + ".dump", sizeBytes: 0, sha256: "",
                    tables: contents.tables))
            return manifest
        }
    }

    /// Exports a snapshot, reads the tables and migration version in it, and runs `pg_dump` on it.
    private func dumpInSnapshot(
        _ database: Database, tools: PostgresTools, to path: String
    ) async throws -> SnapshotContents {
        try await database.transaction(options: .init(isolationLevel: .repeatableRead, readOnly: true)) { tx in
            let snapshot = try await tx.run(
                PostgresStatement(name: "repogen_backup_export_snapshot", sql: "SELECT pg_export_snapshot()",
                                  parameterTypes: [], entity: "backup", operation: "snapshot"),
                PostgresBindings()
            ).decodeFirst { try $0.decode(String.self, at: 0) } ?? ""
            try await DatabaseSnapshot.pinRowText(on: tx)
            let contents = SnapshotContents(
                tables: try await DatabaseSnapshot.tables(on: tx),
                migrationVersion: try await DatabaseSnapshot.migrationVersion(on: tx))
            let arguments = ["--format=custom", "--snapshot=" + snapshot, "--file=" + path, "--dbname=" + url]
            let outcome = try await ToolProcess.run(tools.pgDump, arguments)
            guard outcome.status == 0 else {
                throw BackupStore.classify(tool: "pg_dump", outcome, path: path)
            }
            return contents
        }
    }

    /// Renames the complete dump into place, measures and hashes it, and writes the finished manifest.
    private func seal(name: String, partial: String, header: BackupManifest) throws -> BackupManifest {
        let dump = store.dumpPath(name)
        var manifest = header
        do {
            try FileManager.default.moveItem(atPath: partial, toPath: dump)
            let attributes = try FileManager.default.attributesOfItem(atPath: dump)
            manifest.sizeBytes = (attributes[.size] as? NSNumber)?.int64Value ?? 0
            manifest.sha256 = try SHA256.hex(ofFile: dump)
        } catch {
            try? FileManager.default.removeItem(atPath: partial)
            throw BackupStore.mapped(error, path: dump)
        }
        try store.write(manifest)
        return manifest
    }
}
