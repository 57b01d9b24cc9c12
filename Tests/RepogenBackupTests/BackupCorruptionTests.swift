import Foundation
import RepogenBackup
import RepogenRuntime
import RepogenTesting
import Testing

@Suite("Backup corruption and tool errors")
struct BackupCorruptionTests {
    /// A backup of a small seeded database, and the path of its dump.
    private func backup(in directory: ScratchDirectory) async throws -> (Backups, BackupManifest, String) {
        let testDB = try await seededDatabase(rows: 20)
        let backups = Backups(url: testDB.url, directory: directory.path)
        let manifest = try await backups.create()
        return (backups, manifest, directory.path + "/" + manifest.dumpFile)
    }

    @Test("a dump with one byte flipped fails verify and restore with checksumMismatch")
    func flippedByte() async throws {
        let directory = ScratchDirectory()
        defer { directory.remove() }
        let (backups, manifest, dump) = try await backup(in: directory)
        var bytes = try Data(contentsOf: URL(fileURLWithPath: dump))
        bytes[bytes.count / 2] ^= 0x01
        try bytes.write(to: URL(fileURLWithPath: dump))

        let error = await #expect(throws: BackupError.self) { try await backups.verify(manifest.name) }
        guard case .checksumMismatch(_, let expected, let actual)? = error else {
            Issue.record("expected checksumMismatch, got \(String(describing: error))")
            return
        }
        #expect(expected == manifest.sha256 && actual != expected)
        let target = try await emptyDatabase()
        await #expect(throws: BackupError.self) { _ = try await backups.restore(into: target) }
    }

    @Test("a truncated dump fails verify with dumpTruncated, naming both sizes")
    func truncated() async throws {
        let directory = ScratchDirectory()
        defer { directory.remove() }
        let (backups, manifest, dump) = try await backup(in: directory)
        let handle = try FileHandle(forWritingTo: URL(fileURLWithPath: dump))
        try handle.truncate(atOffset: UInt64(manifest.sizeBytes / 2))
        try handle.close()
        let error = await #expect(throws: BackupError.self) { try await backups.verify() }
        let half = manifest.sizeBytes / 2
        #expect(error == .dumpTruncated(path: dump, expectedBytes: manifest.sizeBytes, actualBytes: half))
    }

    @Test("a restored copy whose contents differ from the manifest fails verify with contentMismatch")
    func contentMismatch() async throws {
        let directory = ScratchDirectory()
        defer { directory.remove() }
        let (backups, manifest, _) = try await backup(in: directory)
        var edited = manifest
        edited.tables = manifest.tables.map { table in
            var table = table
            if table.table == "public.events" { table.rows += 1 }
            if table.table == "public.quotes" { table.checksum = "1" }
            return table
        }
        try edited.encoded().write(to: URL(fileURLWithPath: directory.path + "/" + manifest.name + ".manifest.json"))
        let error = await #expect(throws: BackupError.self) { try await backups.verify() }
        #expect(error == .contentMismatch(differences: [
            "public.events has 40 rows, expected 41", "public.quotes has the expected 20 rows but other contents",
        ]))
    }

    @Test("no pg_dump, or only one older than the server, is a typed error and leaves no file behind")
    func toolErrors() async throws {
        let directory = ScratchDirectory()
        defer { directory.remove() }
        let empty = directory.path + "/no-tools", old = directory.path + "/old-tools"
        try FileManager.default.createDirectory(atPath: empty, withIntermediateDirectories: true)
        try FileManager.default.createDirectory(atPath: old, withIntermediateDirectories: true)
        for tool in ["pg_dump", "pg_restore"] {
            let script = "#!/bin/sh\necho '\(tool) (PostgreSQL) 9.6.24'\n"
            #expect(FileManager.default.createFile(
                atPath: old + "/" + tool, contents: Data(script.utf8), attributes: [.posixPermissions: 0o755]))
        }
        await #expect(throws: BackupError.toolMissing(tool: "pg_dump", searched: [empty])) {
            _ = try await PostgresTools.locate(serverMajor: 15, directories: [empty])
        }
        let testDB = try await seededDatabase(rows: 1)
        let output = directory.path + "/out"
        let error = await #expect(throws: BackupError.self) {
            _ = try await Backups(url: testDB.url, directory: output, toolDirectories: [old]).create()
        }
        guard case .toolTooOld(_, let found, let serverMajor)? = error else {
            Issue.record("expected toolTooOld, got \(String(describing: error))")
            return
        }
        #expect(serverMajor >= 10 && found.count == 1 && found[0].contains("9.6.24"))
        #expect(try FileManager.default.contentsOfDirectory(atPath: output).isEmpty)
    }
}
