import ArgumentParser
import Foundation
import RepogenBackup
import RepogenCore

/// `repogen backup`: verified `pg_dump` backups of a database, and restoring them.
struct Backup: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Create, verify, restore, list and prune pg_dump backups with checked manifests.",
        subcommands: [Create.self, Verify.self, Restore.self, List.self, Prune.self]
    )
}

/// Where the backups are, and where to find `pg_dump` and `pg_restore`.
struct BackupDirectoryOptions: ParsableArguments {
    @Option(help: "The directory holding the dumps and their manifests.")
    var directory: String

    @Option(help: "A directory holding pg_dump and pg_restore (repeatable; default: /usr/lib/postgresql/*/bin, PATH).")
    var toolDirectory: [String] = []

    /// The backups at `url` in this directory.
    func backups(url: String) -> Backups {
        Backups(url: url, directory: directory, toolDirectories: toolDirectory.isEmpty ? nil : toolDirectory)
    }
}

/// Runs `body`, turning a backup or database error into one `error:` line and exit status 1.
func reportingFailure(_ body: () async throws -> Void) async throws {
    do {
        try await body()
    } catch let exit as ExitCode {
        throw exit
    } catch {
        printError("error: \(error)")
        throw ExitCode.failure
    }
}

/// `12.3 MB`-style sizes for listings.
func humanSize(_ bytes: Int64) -> String {
    ByteCountFormatter.string(fromByteCount: bytes, countStyle: .file)
}

extension Backup {
    /// `repogen backup create --url URL --directory DIR`: dumps the database and writes its manifest.
    struct Create: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Dump a database (pg_dump -Fc) and write its manifest.")

        @Option(help: "A postgresql:// URL or libpq connection string.")
        var url: String

        @OptionGroup var options: BackupDirectoryOptions

        @Flag(help: "Verify the new backup (restore it into a scratch database and compare) before reporting success.")
        var verify = false

        func run() async throws {
            try await reportingFailure {
                let backups = options.backups(url: url)
                let manifest = try await backups.create()
                let rows = manifest.tables.reduce(0) { $0 + $1.rows }
                print("wrote \(manifest.name): \(humanSize(manifest.sizeBytes)), \(manifest.tables.count) tables, "
                    + "\(rows) rows, migration \(manifest.migrationVersion.map(String.init) ?? "none"), "
                    + "sha256 \(manifest.sha256.prefix(12))")
                if verify {
                    try await backups.verify(manifest.name)
                    print("verified \(manifest.name)")
                }
            }
        }
    }

    /// `repogen backup verify --url URL --directory DIR [NAME]`: restores into a scratch database and compares.
    struct Verify: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Check a backup's SHA-256, restore it into a scratch database and compare rows and checksums.")

        @Option(help: "The server to restore the scratch copy on (a postgresql:// URL or libpq connection string).")
        var url: String

        @OptionGroup var options: BackupDirectoryOptions

        @Argument(help: "The backup's name (default: the newest).")
        var name: String?

        func run() async throws {
            try await reportingFailure {
                let manifest = try await options.backups(url: url).verify(name)
                print("verified \(manifest.name): \(manifest.tables.count) tables match the manifest")
            }
        }
    }
}
